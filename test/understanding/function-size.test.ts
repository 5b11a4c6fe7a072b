// Every function in the understanding layer fits on one screen: a rule that needs more than 80
// lines is two rules. Parsed with the TypeScript compiler, so a long arrow inside a table row
// counts as much as a long method.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '../../bot/understanding');
const LIMIT = 80;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

function nameOf(node: ts.Node, file: ts.SourceFile): string {
  const named = node as ts.Node & { name?: ts.Node };
  if (named.name) return named.name.getText(file);
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) return parent.name.getText(file);
  return '(anonymous)';
}

/** Functions, methods, accessors and arrows longer than the limit, as "file:line name (n lines)". */
function longFunctions(file: string, limit = LIMIT): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const lines = last - first + 1;
      if (lines > limit) found.push(`${path.relative(ROOT, file)}:${first + 1} ${nameOf(node, source)} (${lines} lines)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

test('no function in bot/understanding is over 80 lines', () => {
  const files = sourceFiles(ROOT);
  expect(files.length).toBeGreaterThan(10);
  expect(files.flatMap((f) => longFunctions(f))).toEqual([]);
});

test('the check sees long arrows and methods, not only function declarations', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-size-'));
  const file = path.join(dir, 'long.ts');
  const body = Array.from({ length: 85 }, (_, i) => `  const v${i} = ${i};`).join('\n');
  fs.writeFileSync(file, `export const rows = [{ read: () => {\n${body}\n} }];\nclass A {\n  m(): void {\n${body}\n  }\n}\n`);
  expect(longFunctions(file).map((s) => s.replace(/^.*?:\d+ /, ''))).toEqual(['read (87 lines)', 'm (87 lines)']);
});
