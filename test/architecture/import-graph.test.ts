// Folders depend on each other one way: middleware writes turn state and dialogs read it, both from
// bot/turn-state; services never reach back into the dialogs that call them. A cycle between two
// folders means neither can be read, tested or replaced without the other, so the folder-level
// import graph of the product code (bot/, dialogs/, channels/) must have none, and no product file
// may import from test/. Type-only imports count: they tie the folders together just the same.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(__dirname, '../..');
const PRODUCT = ['bot', 'dialogs', 'channels'];

/**
 * Cycles the code still has, each with why it is left for now. The test passes while these are
 * the only cycles; a new one fails it, and so does an entry here that no longer matches a cycle.
 * A cycle is written as its folders in order starting from the alphabetically first.
 */
const KNOWN_CYCLES: Readonly<Record<string, string>> = {};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

/**
 * The node a file belongs to: its folder, except for files directly in bot/, each a node of its
 * own. bot/ holds the composition root (index.ts, app.ts) next to leaves every layer uses (log.ts,
 * turn-state.ts); as one node, the root's wiring of a layer and that layer's logger would read as a cycle.
 */
function nodeOf(file: string): string {
  const folder = relative(ROOT, dirname(file));
  return folder === 'bot' ? relative(ROOT, file).replace(/\.ts$/, '') : folder;
}

/** The node a relative import lands in; an import of a folder is one of its index. */
function targetNode(from: string, specifier: string, exists: (path: string) => boolean): string {
  const target = resolve(dirname(from), specifier.replace(/\.js$/, ''));
  if (!exists(`${target}.ts`) && exists(join(target, 'index.ts'))) return nodeOf(join(target, 'index.ts'));
  return nodeOf(`${target}.ts`);
}

/** Every relative module a file names: imports and re-exports (type-only too), `import()` and `require()`. */
export function importedModules(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push(node.argument.literal.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      found.push(node.moduleReference.expression.text);
    } else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteral(arg)) found.push(arg.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found.filter((spec) => spec.startsWith('.'));
}

export interface ImportGraph {
  /** folder -> folders it imports from (itself excluded). */
  edges: Map<string, Set<string>>;
  /** `file -> module` for each product file that imports from test/. */
  testImports: string[];
}

export function importGraph(files: ReadonlyMap<string, string>, exists: (path: string) => boolean = existsSync): ImportGraph {
  const edges = new Map<string, Set<string>>();
  const testImports: string[] = [];
  for (const [file, text] of files) {
    const from = nodeOf(file);
    const out = edges.get(from) ?? new Set<string>();
    edges.set(from, out);
    for (const spec of importedModules(file, text)) {
      const to = targetNode(file, spec, exists);
      if (to === 'test' || to.startsWith('test/')) testImports.push(`${relative(ROOT, file)} -> ${spec}`);
      if (to !== from) out.add(to);
    }
  }
  return { edges, testImports };
}

/** Each elementary cycle between folders, once, as `a -> b -> … -> a` starting from its least folder. */
export function folderCycles(edges: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const nodes = [...edges.keys()].sort();
  const cycles = new Set<string>();
  // Johnson-style search kept simple: cycles through `start` using only nodes after it, so each
  // cycle is found from its least node exactly once. The graph has a few dozen folders.
  for (const [i, start] of nodes.entries()) {
    const allowed = new Set(nodes.slice(i));
    const path: string[] = [start];
    const onPath = new Set<string>([start]);
    const walk = (node: string): void => {
      for (const next of [...(edges.get(node) ?? [])].sort()) {
        if (next === start) cycles.add([...path, start].join(' -> '));
        else if (allowed.has(next) && !onPath.has(next)) {
          path.push(next);
          onPath.add(next);
          walk(next);
          path.pop();
          onPath.delete(next);
        }
      }
    };
    walk(start);
  }
  return [...cycles].sort();
}

/**
 * Nodes that hold the whole object graph: the composition root, the core it builds (the `Frontdesk`
 * with every service and store) and the dialogs with their dependency bag. A channel gets the narrow
 * part of the core it needs from the composition root, so it names none of these.
 */
const WHOLE_GRAPH = ['bot/index', 'bot/app', 'dialogs'];

/** `channel node -> node` for each channel folder that imports a node exposing the whole graph. */
export function channelsSeeingTheGraph(edges: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  return [...edges]
    .filter(([from]) => from === 'channels' || from.startsWith('channels/'))
    .flatMap(([from, to]) => [...to].filter((node) => WHOLE_GRAPH.includes(node)).map((node) => `${from} -> ${node}`))
    .sort();
}

function productGraph(): ImportGraph {
  const files = new Map(PRODUCT.flatMap((dir) => sourceFiles(join(ROOT, dir))).map((file) => [file, readFileSync(file, 'utf8')] as const));
  return importGraph(files);
}

describe('the folder import graph', () => {
  const graph = productGraph();
  const cycles = folderCycles(graph.edges);

  it('has no cycle between folders but the known ones', () => {
    expect(cycles.filter((cycle) => !(cycle in KNOWN_CYCLES))).toEqual([]);
  });

  it('lists as known only cycles that are still there', () => {
    expect(Object.keys(KNOWN_CYCLES).filter((cycle) => !cycles.includes(cycle))).toEqual([]);
  });

  it('has no product file importing from test/', () => {
    expect(graph.testImports).toEqual([]);
  });

  it('has no channel importing a type that exposes the whole graph (the core, the root, the dialogs)', () => {
    expect(channelsSeeingTheGraph(graph.edges)).toEqual([]);
  });

  it('names a channel that imports the core or the dialogs', () => {
    const at = (path: string): string => join(ROOT, path);
    const files = new Map([
      [at('channels/twilio/routes.ts'), "import type { Frontdesk } from '../../bot/app';"],
      [at('channels/slack/slack-channel.ts'), "import type { DialogDeps } from '../../dialogs/deps';\nimport type { Stores } from '../../bot/ports/stores';"],
      [at('channels/shared/http-host.ts'), "import type { Logger } from '../../bot/log';"],
    ]);
    const graph = importGraph(files, (path) => files.has(path) || path.endsWith('.ts'));
    expect(channelsSeeingTheGraph(graph.edges)).toEqual(['channels/slack -> dialogs', 'channels/twilio -> bot/app']);
  });

  it('sees every import form, type-only ones included', () => {
    const text = [
      "import type { A } from './a';",
      "import { type B } from '../b/b';",
      "export { C } from './c/index';",
      "export * from './d';",
      "type E = import('./e').E;",
      "const f = require('./f');",
      "void import('./g');",
      "import { readFileSync } from 'node:fs';",
    ].join('\n');
    expect(importedModules(join(ROOT, 'bot/x/file.ts'), text)).toEqual(['./a', '../b/b', './c/index', './d', './e', './f', './g']);
  });

  it('catches a cycle between folders and names it, and an import from test/', () => {
    const at = (path: string): string => join(ROOT, path);
    const files = new Map([
      [at('bot/middleware/consent.ts'), "import { clientOf } from '../../dialogs/deps';"],
      [at('dialogs/deps.ts'), "import type { Texts } from '../bot/text/en';"],
      [at('bot/text/en.ts'), "import type { Rejection } from '../middleware/consent';"],
      [at('dialogs/main-dialog.ts'), "import { KEYWORD_HELP_SENT } from '../bot/middleware/consent';"],
      [at('bot/services/a.ts'), "import { b } from './b';"],
      [at('channels/twilio/try.ts'), "import { startCaptureServer } from '../../test/helpers/capture-server';"],
    ]);
    const exists = (path: string): boolean => files.has(path) || path.endsWith('/capture-server.ts') || path.endsWith('/b.ts');
    const graph = importGraph(files, exists);
    expect(folderCycles(graph.edges)).toEqual(['bot/middleware -> dialogs -> bot/middleware', 'bot/middleware -> dialogs -> bot/text -> bot/middleware']);
    expect(graph.testImports).toEqual(['channels/twilio/try.ts -> ../../test/helpers/capture-server']);
  });

  it('reads an import of a folder as its index', () => {
    const files = new Map([[join(ROOT, 'dialogs/main-dialog.ts'), "import { readTurn } from '../bot/understanding';"]]);
    const exists = (path: string): boolean => path === join(ROOT, 'bot/understanding') || path === join(ROOT, 'bot/understanding/index.ts');
    expect(importGraph(files, exists).edges.get('dialogs')).toEqual(new Set(['bot/understanding']));
  });
});
