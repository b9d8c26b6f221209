// The layering bites: an import across it is a lint error (eslint.config.mjs) and a compile error (the per-layer
// TypeScript projects), shown on small offending files that exist only in memory; and the real tree is clean.
import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';
import ts from 'typescript';

const ROOT = resolve(__dirname, '../..');
const eslint = new ESLint({ cwd: ROOT });

/** The import-boundary errors ESLint reports for `text` as if it were the file at `path`. */
async function boundaryErrors(path: string, text: string): Promise<string[]> {
  const [result] = await eslint.lintText(text, { filePath: join(ROOT, path) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

/** Which of `specifiers`, imported from a file at `path`, the lint rejects. */
async function rejected(path: string, specifiers: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const specifier of specifiers) if ((await boundaryErrors(path, `import '${specifier}';\n`)).length) out.push(specifier);
  return out;
}

/** The tsconfig of every layer, and the tests'. */
const PROJECTS = [
  'server/src/core/tsconfig.json',
  'server/src/readers/tsconfig.json',
  'server/src/tsconfig.protocol.json',
  'server/src/wire/tsconfig.json',
  'server/src/lsp/tsconfig.json',
  'client/tsconfig.json',
  'webview/tsconfig.contract.json',
  'webview/tsconfig.json',
  'cli/tsconfig.json',
  'test/tsconfig.json',
];

function parseProject(project: string): ts.ParsedCommandLine {
  const parsed = ts.getParsedCommandLineOfConfigFile(join(ROOT, project), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => assert.fail(ts.flattenDiagnosticMessageText(d.messageText, '\n')),
  });
  assert.ok(parsed, project);
  return parsed;
}

/** Compiler messages for `text` as a file at `path` of the TypeScript project `project`. */
function compileErrors(project: string, path: string, text: string): string[] {
  const parsed = parseProject(project);
  const file = join(ROOT, path);
  const host = ts.createCompilerHost(parsed.options);
  const readSource = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language) => (name === file ? ts.createSourceFile(name, text, language) : readSource(name, language));
  host.fileExists = (name) => name === file || ts.sys.fileExists(name);
  const program = ts.createProgram({ rootNames: parsed.fileNames.concat(file), options: parsed.options, projectReferences: parsed.projectReferences, host });
  const source = program.getSourceFile(file);
  assert.ok(source, file);
  return program
    .getOptionsDiagnostics()
    .concat(program.getGlobalDiagnostics(), program.getSemanticDiagnostics(source))
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('layering: lint', () => {
  it('keeps the core free of editors, Node and every other layer', async () => {
    const path = 'server/src/core/probe.ts';
    const banned = ['vscode', 'vscode-languageserver/node', 'vscode-languageserver-textdocument', 'node:fs', '../readers', '../io/files', '../sweeps/duckdb', '../lsp/hover', '../protocol', '../wire/chart-series', '../../../client/src/text', '../../../webview/src/model', '../../../cli/src/report'];
    assert.deepEqual(await rejected(path, banned), banned);
    assert.deepEqual(await rejected(path, ['./results', './scale']), []);
    assert.deepEqual(await rejected('server/src/core/scale/probe.ts', ['../../readers/index']), ['../../readers/index'], 'a subfolder of the core too');
  });

  it('lets readers, io and sweeps use Node and the core, not the server or the apps', async () => {
    for (const path of ['server/src/readers/probe.ts', 'server/src/io/probe.ts', 'server/src/sweeps/probe.ts']) {
      const banned = ['vscode', 'vscode-languageserver', '../lsp/uris', '../protocol', '../wire/chart-series', '../../../webview/src/app', '../../../cli/src/read'];
      assert.deepEqual(await rejected(path, banned), banned, path);
      assert.deepEqual(await rejected(path, ['../core/results', 'node:fs/promises', '../io/files', '../readers', '../sweeps/duckdb']), [], path);
    }
  });

  it('keeps the protocol free of imports, and the server away from VS Code', async () => {
    assert.deepEqual(await rejected('server/src/protocol.ts', ['./core/results', 'vscode-jsonrpc']), ['./core/results', 'vscode-jsonrpc']);
    const lsp = 'server/src/lsp/probe.ts';
    assert.deepEqual(await rejected(lsp, ['vscode', 'vscode-languageclient/node', '../../../client/src/commands']), ['vscode', 'vscode-languageclient/node', '../../../client/src/commands']);
    assert.deepEqual(await rejected(lsp, ['vscode-languageserver/node', '../core/analysis-host', '../readers', '../protocol', '../wire/chart-series']), []);
  });

  it('lets the client reach the server only through the protocol, and the page through its contract', async () => {
    const path = 'client/src/probe.ts';
    const banned = ['../../server/src/core/results', '../../server/src/core/format', '../../server/src/readers', '../../server/src/io/files', '../../server/src/lsp/chart-view', '../../server/src/wire/chart-series', '../../webview/src/model', '../../cli/src/cli', 'vscode-languageserver/node'];
    assert.deepEqual(await rejected(path, banned), banned);
    assert.deepEqual(await rejected(path, ['../../server/src/protocol', '../../webview/src/contract', 'vscode', 'vscode-languageclient/node']), []);
  });

  it('gives the page the protocol and the core’s presentation modules only', async () => {
    const path = 'webview/src/probe.ts';
    const banned = ['vscode', 'node:fs', '../../server/src/core/analysis-host', '../../server/src/core/results', '../../server/src/lsp/hover', '../../server/src/wire/chart-series', '../../client/src/text', '../../cli/src/report'];
    assert.deepEqual(await rejected(path, banned), banned);
    assert.deepEqual(await rejected(path, ['../../server/src/protocol', '../../server/src/core/format', '../../server/src/core/verdict-text', './contract', '@observablehq/plot']), []);
  });

  it('lets the CLI use the core, readers and wire, not the server or the editor', async () => {
    const path = 'cli/src/probe.ts';
    const banned = ['vscode', 'vscode-languageserver/node', '../../server/src/lsp/hover', '../../server/src/server', '../../client/src/seriesCsv', '../../webview/src/app'];
    assert.deepEqual(await rejected(path, banned), banned);
    assert.deepEqual(await rejected(path, ['../../server/src/core/analysis-host', '../../server/src/readers', '../../server/src/io/files', '../../server/src/wire/chart-series', '../../server/src/protocol', 'node:fs']), []);
  });

  it('finds no import across the layering in the tree', async () => {
    const results = await eslint.lintFiles(['server/src', 'client/src', 'webview/src', 'cli/src']);
    const crossings = results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => `${r.filePath}:${m.line}: ${m.message}`));
    assert.deepEqual(crossings, []);
    assert.ok(results.some((r) => r.filePath.endsWith(join('server', 'src', 'protocol.ts'))), 'the tree was linted');
  });
});

describe('layering: compile', () => {
  it('puts every TypeScript file in a project, so a file in a new folder is checked too', () => {
    const covered = new Set(PROJECTS.flatMap((p) => parseProject(p).fileNames.map((f) => resolve(f))));
    const sources = (dir: string): string[] =>
      readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? (e.name === 'fixtures' || e.name.startsWith('.') ? [] : sources(join(dir, e.name))) : /\.ts$/.test(e.name) && !e.name.endsWith('.d.ts') ? [join(dir, e.name)] : [],
      );
    const outside = ['server', 'client', 'webview', 'cli', 'test', 'bench', 'scripts'].flatMap(sources).filter((f) => !covered.has(join(ROOT, f)));
    assert.deepEqual(outside, [], 'add them to a project (tsconfig.json of their layer)');
    assert.ok(covered.has(join(ROOT, 'server/src/protocol.ts')) && covered.has(join(ROOT, 'server/src/server.ts')));
  });

  it('gives the core no editor types, no DOM and no Node', () => {
    const project = 'server/src/core/tsconfig.json';
    const path = 'server/src/core/probe.ts';
    assert.match(compileErrors(project, path, "import { window } from 'vscode';\nexport const w = window;\n").join('\n'), /outside-this-layer\.d\.ts' is not a module/);
    assert.match(compileErrors(project, path, "import { createConnection } from 'vscode-languageserver/node';\nexport const c = createConnection;\n").join('\n'), /outside-this-layer\.d\.ts' is not a module/);
    assert.match(compileErrors(project, path, 'export const t = () => document.title;\n').join('\n'), /Cannot find name 'document'/);
    assert.match(compileErrors(project, path, "import { readFile } from 'node:fs/promises';\nexport const r = readFile;\n").join('\n'), /Cannot find module 'node:fs\/promises'/);
    assert.deepEqual(compileErrors(project, path, "import { formatCount } from './format';\nexport const f = formatCount(1e9);\n"), []);
  });

  it('leaves the core out of the client’s program', () => {
    const errors = compileErrors('client/tsconfig.json', 'client/src/probe.ts', "import { seriesLabel } from '../../server/src/core/format';\nexport const l = seriesLabel;\n");
    assert.ok(errors.some((e) => /core[/\\]format\.ts' is not listed within the file list of project/.test(e)), errors.join('\n'));
  });

  it('keeps the server out of the page’s program, and Node out of the page', () => {
    const errors = compileErrors('webview/tsconfig.json', 'webview/src/probe.ts', "import { hoverMarkdown } from '../../server/src/lsp/hover';\nexport const h = hoverMarkdown;\n");
    assert.ok(errors.some((e) => /lsp[/\\]hover\.ts' is not listed within the file list of project/.test(e)), errors.join('\n'));
    assert.match(compileErrors('webview/tsconfig.json', 'webview/src/probe.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n").join('\n'), /Cannot find module 'node:fs'/);
  });
});
