// Reopening a workspace through the bundled server over stdio: the second session answers from the workspace cache
// (it says so in its log) with the same diagnostics as the first, and a file changed while no server ran is read
// again and marked as a server without a cache marks it.
import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { collectFiles } from '../../server/src/io/files';
import { ensureBundle, TestEditor } from './lsp-client';

const examples = resolve(__dirname, '../../examples');

/** One session of the server on `dir`: its diagnostics once indexed, and what its log says came from the cache. */
async function session(dir: string, cache: string) {
  const editor = new TestEditor([], [], undefined, cache);
  await editor.initialize(dir);
  await editor.indexed();
  // Logged once the index is analysed; without a cache the line says nothing of one.
  const line = (await editor.waitFor('the index log', () => editor.received.find((r) => r.method === 'window/logMessage' && /indexed \d+ files/.test(r.params.message)))) as { params: { message: string } };
  const [, files, families] = /\((\d+) files and (\d+) families from the cache\)/.exec(line.params.message) ?? [];
  const diagnostics = new Map([...editor.diagnostics].filter(([, d]) => d.length > 0));
  await editor.shutdown();
  return { diagnostics, files: Number(files), families: Number(families) };
}

describe('workspace cache over stdio', () => {
  ensureBundle();
  const dir = mkdtempSync(join(tmpdir(), 'el-reopen-'));
  const cache = mkdtempSync(join(tmpdir(), 'el-reopen-cache-'));
  cpSync(examples, dir, { recursive: true });
  after(() => [dir, cache].forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('answers a reopened workspace from the cache with the same diagnostics, and reads again what changed', async () => {
    const first = await session(dir, cache);
    assert.deepEqual([first.files, first.families], [0, 0]);
    assert.ok(first.diagnostics.size > 0);
    const { files } = await collectFiles([dir]);
    const reopened = await session(dir, cache);
    assert.equal(reopened.files, files.length);
    assert.ok(reopened.families > 0);
    assert.deepEqual(reopened.diagnostics, first.diagnostics);

    // The largest model's arithmetic falls to the smaller ones' level while no server runs.
    const largest = files.find((f) => /toy-lm-12b[\\/]results_/.test(f))!;
    const text = readFileSync(largest, 'utf8');
    const changed = text.replace(/("acc,none": )0\.\d+/g, '$10.01');
    assert.notEqual(changed, text);
    writeFileSync(largest, changed);
    const afterChange = await session(dir, cache);
    assert.equal(afterChange.files, files.length - 1);
    const uncached = await session(dir, 'off');
    assert.ok(Number.isNaN(uncached.files));
    assert.notDeepEqual(uncached.diagnostics, first.diagnostics);
    assert.deepEqual(afterChange.diagnostics, uncached.diagnostics);
  });
});
