// A client without workspace/configuration or work-done progress (settings in initializationOptions and
// pushed with didChangeConfiguration), and files over the size limit: one clear message each, no analysis.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DiagnosticSeverity, type ClientCapabilities } from 'vscode-languageserver-protocol';
import { LIST_SERIES, type SeriesSummary } from '../../server/src/protocol';
import { ensureBundle, TestEditor, uriOf, workspaceCopy } from './lsp-client';

const BARE: ClientCapabilities = { textDocument: { hover: { contentFormat: ['markdown'] } } };
const FILE_70M = 'acme__lens-lm-70m/results_2025-01-01T00-00-00.json';

describe('size limit and a client with few capabilities', () => {
  let editor: TestEditor;
  let ws: { dir: string; dispose: () => void };
  const list = () => editor.connection.sendRequest<SeriesSummary[]>(LIST_SERIES);

  before(async () => {
    ensureBundle();
    ws = workspaceCopy();
    editor = new TestEditor();
    const indexed = editor.indexed();
    // 2 KB: every results file of the fixture is larger, package.json and notes.csv are not.
    await editor.initialize(ws.dir, { settings: { maxFileSizeMB: 0.002 } }, BARE);
    await indexed;
  });

  after(() => {
    editor?.kill();
    ws?.dispose();
  });

  it('skips progress when the client cannot show it', () => {
    assert.equal(editor.count('window/workDoneProgress/create'), 0);
    assert.equal(editor.count('$/progress'), 0);
    assert.equal(editor.count('workspace/configuration'), 0);
  });

  it('says once, at the top of the file, that a file over the limit is not analysed', async () => {
    const diagnostics = await editor.waitFor('the size notice', () => editor.diagnostics.get(uriOf(join(ws.dir, FILE_70M))));
    assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
    const [d] = diagnostics;
    assert.equal(d.severity, DiagnosticSeverity.Information);
    assert.deepEqual(d.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.match(d.message, /^results_2025-01-01T00-00-00\.json is [\d.]+ MB, over the emergenceLens\.maxFileSizeMB limit of 0\.002 MB: it is not analysed/);
    assert.deepEqual(await list(), []);
    assert.equal(editor.diagnostics.get(uriOf(join(ws.dir, 'package.json'))), undefined, 'small ordinary files get nothing');
  });

  it('treats an open document over the limit the same way', async () => {
    const path = join(ws.dir, FILE_70M);
    const uri = editor.open(path, readFileSync(path, 'utf8'));
    const diagnostics = await editor.nextDiagnostics(uri);
    assert.equal(diagnostics.length, 1);
    assert.match(diagnostics[0].message, /not analysed/);
    assert.equal(await editor.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 20 } }), null);
  });

  it('takes pushed settings from didChangeConfiguration and re-indexes', async () => {
    const indexed = editor.indexed();
    await editor.connection.sendNotification('workspace/didChangeConfiguration', { settings: { emergenceLens: { maxFileSizeMB: 200 } } });
    await indexed;
    await editor.poll('the series', async () => (await list()).some((s) => s.verdict === 'emergent'));
    // The notice goes; the emergent marks sit on the model where the series jump (2.8B).
    await editor.waitFor('the size notice gone', () => editor.diagnostics.get(uriOf(join(ws.dir, FILE_70M)))?.length === 0);
    const marks = await editor.waitFor('emergent marks', () => editor.diagnostics.get(uriOf(join(ws.dir, 'acme__lens-lm-2.8b/results_2025-01-01T00-00-04.json'))));
    assert.ok(marks.some((d) => d.code === 'emergent'));
  });

  it('honours the exclude globs', async () => {
    const series = async () => (await list()).find((s) => s.task === 'arithmetic_3da');
    const indexed = editor.indexed();
    await editor.connection.sendNotification('workspace/didChangeConfiguration', { settings: { emergenceLens: { exclude: ['**/acme__lens-lm-70m/**'] } } });
    await indexed;
    const arithmetic = await editor.poll('the series without 70M', async () => {
      const s = await series();
      return s && !s.uri.includes('lens-lm-70m') && s;
    });
    assert.match(arithmetic.uri, /lens-lm-160m/);
    assert.deepEqual(await editor.waitFor('cleared diagnostics', () => editor.diagnostics.get(uriOf(join(ws.dir, FILE_70M)))?.length === 0 && []), []);
  });
});
