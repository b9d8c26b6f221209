// `sources` in emergence-lens.json, read by the language server: a glob of per-sample logs outside the workspace
// joins the index, and leaves it when the list no longer names it.
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FileChangeType } from 'vscode-languageserver-protocol';
import { LIST_SERIES, type SeriesSummary } from '../../server/src/protocol';
import { ensureBundle, ROOT, TestEditor, uriOf } from './lsp-client';

describe('language server: sources of emergence-lens.json', () => {
  let editor: TestEditor;
  let dir: string;
  const list = () => editor.connection.sendRequest<SeriesSummary[]>(LIST_SERIES);

  before(async () => {
    ensureBundle();
    dir = mkdtempSync(join(tmpdir(), 'el-sources-ws-'));
    writeFileSync(join(dir, 'emergence-lens.json'), JSON.stringify({ sources: [join(ROOT, 'examples/lm-eval/*/samples_*.jsonl')] }));
    editor = new TestEditor();
    await editor.initialize(dir);
    await editor.indexed();
  });
  after(async () => {
    await editor.shutdown();
  });

  it('indexes the logs a glob names, and drops them when the glob is taken out', async () => {
    const tasks = (await list()).map((s) => s.task);
    assert.ok(tasks.includes('gsm8k'), JSON.stringify(tasks));
    const file = join(dir, 'emergence-lens.json');
    writeFileSync(file, '{ "sources": [] }');
    const indexed = editor.indexed();
    editor.filesChanged([{ uri: uriOf(file), type: FileChangeType.Changed }]);
    await indexed;
    assert.deepEqual(await list(), []);
  });
});
