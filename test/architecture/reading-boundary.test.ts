// Dialogs, middleware and channels never read a message's text to decide what it means: they take
// the turn's reading from turn state (readingOf in bot/turn-state.ts) and only types from
// bot/understanding. The reading middleware (bot/middleware/reading.ts) is the one place that runs
// a reader, so it alone is not held to this; the turn state is.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(__dirname, '../..');
const UNDERSTANDING = join(ROOT, 'bot/understanding');
const GUARDED = ['dialogs', 'bot/middleware', 'channels', 'bot/turn-state.ts'];
const THE_READER = join(ROOT, 'bot/middleware/reading.ts');

function sourceFiles(dir: string): string[] {
  if (!statSync(dir).isDirectory()) return [dir];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** What a file imports from bot/understanding that is not allowed: one line per import. */
export function crossings(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) && !ts.isExportDeclaration(statement)) continue;
    const spec = statement.moduleSpecifier;
    if (!spec || !ts.isStringLiteral(spec) || !spec.text.startsWith('.')) continue;
    const target = resolve(dirname(file), spec.text);
    if (target !== UNDERSTANDING && !target.startsWith(`${UNDERSTANDING}/`)) continue;
    const module = relative(ROOT, target);
    if (ts.isExportDeclaration(statement)) {
      const clause = statement.exportClause;
      if (statement.isTypeOnly) continue;
      if (!clause || !ts.isNamedExports(clause)) {
        found.push(`${module}: re-export`);
        continue;
      }
      for (const element of clause.elements) {
        const name = (element.propertyName ?? element.name).text;
        if (element.isTypeOnly) continue;
        found.push(`${module}: re-export ${name}`);
      }
      continue;
    }
    const clause = statement.importClause;
    if (!clause) {
      found.push(`${module}: side-effect import`);
      continue;
    }
    if (clause.isTypeOnly) continue;
    if (clause.name) found.push(`${module}: default import`);
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) found.push(`${module}: namespace import`);
    if (bindings && ts.isNamedImports(bindings)) {
      for (const element of bindings.elements) {
        if (element.isTypeOnly) continue;
        const name = (element.propertyName ?? element.name).text;
        found.push(`${module}: ${name}`);
      }
    }
  }
  return found;
}

describe('the reading boundary', () => {
  it('lets dialogs, middleware but the reading one, channels and the turn state import only types from bot/understanding', () => {
    const offences = GUARDED.flatMap((dir) =>
      sourceFiles(join(ROOT, dir)).filter((file) => file !== THE_READER).flatMap((file) => crossings(file, readFileSync(file, 'utf8')).map((c) => `${relative(ROOT, file)} -> ${c}`)),
    );
    expect(offences).toEqual([]);
  });

  it('catches a text reader imported past it', () => {
    const file = join(ROOT, 'dialogs/example.ts');
    const text = [
      "import { isComplaint } from '../bot/understanding/complaint';",
      "import { readTurn, type TurnReader } from '../bot/understanding/turn';",
      "import type { Reading } from '../bot/understanding/types';",
      "import { type TurnReading } from '../bot/understanding/types';",
      "import * as u from '../bot/understanding';",
      "export { readTurn } from '../bot/understanding/turn';",
      "export { readerFor, type TurnReader } from '../bot/understanding/languages';",
      "export type { Reading } from '../bot/understanding/types';",
      "export * from '../bot/understanding/types';",
    ].join('\n');
    expect(crossings(file, text)).toEqual([
      'bot/understanding/complaint: isComplaint',
      'bot/understanding/turn: readTurn',
      'bot/understanding: namespace import',
      'bot/understanding/turn: re-export readTurn',
      'bot/understanding/languages: re-export readerFor',
      'bot/understanding/types: re-export',
    ]);
  });
});
