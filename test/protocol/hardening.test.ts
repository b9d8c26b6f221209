// The server under bad luck and big input, driven over LSP: watcher events racing reads still in flight, a folder
// it may not read, a folder of 130,000 files, and a per-seed table whose 40,000 rows are each a duplicate warning,
// with a hover asked while it is analysed.
import { strict as assert } from 'node:assert';
import { chmodSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FileChangeType } from 'vscode-languageserver-protocol';
import { LIST_SERIES, type SeriesSummary } from '../../server/src/protocol';
import { readableTempDir } from '../helpers/unprivileged';
import { ensureBundle, SERVER, TestEditor, uriOf } from './lsp-client';

/** An lm-eval v0.4 results file of one model; `padding` characters of configs make it slower to read. */
function resultsFile(model: string, tasks: Record<string, number>, padding = 0): string {
  const results = Object.fromEntries(Object.entries(tasks).map(([task, acc]) => [task, { alias: task, 'acc,none': acc, 'acc_stderr,none': 0.01 }]));
  return JSON.stringify({ results, configs: { filler: { doc_to_text: 'x'.repeat(padding) } }, 'n-shot': {}, config: { model_args: `pretrained=acme/${model}` } }, null, 1);
}

const list = (editor: TestEditor) => editor.connection.sendRequest<SeriesSummary[]>(LIST_SERIES);

/** An editor on the folder once the server has indexed it. */
async function indexedEditor(folder: string, editor = new TestEditor(), ms = 30_000): Promise<TestEditor> {
  const indexed = editor.indexed(ms);
  await editor.initialize(folder);
  await indexed;
  return editor;
}

function tempWorkspace(): { dir: string; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'emergence-lens-hardening-'));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

describe('watcher events while reads are in flight', () => {
  let editor: TestEditor;
  let ws: { dir: string; dispose: () => void };
  let outside: { dir: string; dispose: () => void };

  before(async () => {
    ensureBundle();
    ws = tempWorkspace();
    outside = tempWorkspace();
    // Reads take a millisecond per kilobyte, so which read finishes last is set by the sizes below.
    editor = await indexedEditor(ws.dir, new TestEditor([], ['--require', join(__dirname, 'slow-disk.cjs')]));
  });

  after(() => {
    editor?.kill();
    ws?.dispose();
    outside?.dispose();
  });

  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  // A version read slowly, a small one that overtakes it and is done, then a bigger one still slower: the first
  // read finishes while the last is in flight, and must not win. Files are replaced by rename, as editors save.
  it('keeps the newest version of a file in every one of 16 trials', { timeout: 120_000 }, async () => {
    const path = join(ws.dir, 'acme__race-lm-1b', 'results_2025-01-01T00-00-00.json');
    mkdirSync(join(ws.dir, 'acme__race-lm-1b'));
    const uri = uriOf(path);
    const write = (text: string) => {
      writeFileSync(`${path}.tmp`, text);
      renameSync(`${path}.tmp`, path);
    };
    const tasksOf = async () => (await list(editor)).filter((s) => s.task.startsWith('race_')).map((s) => s.task);
    for (let trial = 0; trial < 16; trial++) {
      const versions = [
        { task: `race_${trial}_slow`, padding: 200_000, then: 20 },
        { task: `race_${trial}_quick`, padding: 0, then: 60 },
        { task: `race_${trial}_slower`, padding: 400_000, then: 0 },
      ];
      for (const [v, { task, padding, then }] of versions.entries()) {
        write(resultsFile('race-lm-1b', { [task]: 0.5 }, padding));
        editor.filesChanged([{ uri, type: v === 0 && trial === 0 ? FileChangeType.Created : FileChangeType.Changed }]);
        await sleep(then);
      }
      const last = versions[versions.length - 1].task;
      const tasks = await editor.poll(`the last version of trial ${trial}`, async () => {
        const t = await tasksOf();
        return t.includes(last) && t;
      });
      assert.deepEqual(tasks, [last], `trial ${trial}`);
    }
  });

  it('leaves out a file of no workspace folder that a watcher event names', async () => {
    const path = join(outside.dir, 'acme__far-lm-1b', 'results_2025-01-01T00-00-00.json');
    mkdirSync(join(outside.dir, 'acme__far-lm-1b'));
    writeFileSync(path, resultsFile('far-lm-1b', { far_task: 0.5 }));
    editor.filesChanged([{ uri: uriOf(path), type: FileChangeType.Created }]);
    // A change inside the workspace after it: once that is in, the outside event has been handled too.
    const inside = join(ws.dir, 'acme__near-lm-1b', 'results_2025-01-01T00-00-00.json');
    mkdirSync(join(ws.dir, 'acme__near-lm-1b'));
    writeFileSync(inside, resultsFile('near-lm-1b', { near_task: 0.5 }));
    editor.filesChanged([{ uri: uriOf(inside), type: FileChangeType.Created }]);
    const tasks = await editor.poll('the file inside', async () => {
      const t = (await list(editor)).map((s) => s.task);
      return t.includes('near_task') && t;
    });
    assert.ok(!tasks.includes('far_task'), 'the outside file is not indexed');
  });
});

describe('a folder the server may not read', () => {
  let editor: TestEditor;
  let root: { dir: string; as?: { uid: number; gid: number; server: string } };

  before(async () => {
    ensureBundle();
    root = readableTempDir(SERVER);
    const ws = join(root.dir, 'ws');
    for (const [folder, model, acc] of [['open-70m', 'lens-lm-70m', 0.01], ['open-410m', 'lens-lm-410m', 0.02], ['open-1.4b', 'lens-lm-1.4b', 0.6]] as const) {
      mkdirSync(join(ws, folder), { recursive: true });
      writeFileSync(join(ws, folder, 'results_2025-01-01T00-00-00.json'), resultsFile(model, { open_task: acc }));
    }
    mkdirSync(join(ws, 'locked'));
    writeFileSync(join(ws, 'locked', 'results_2025-01-01T00-00-00.json'), resultsFile('lens-lm-2.8b', { open_task: 0.7 }));
    chmodSync(join(ws, 'locked'), 0o000);
    editor = await indexedEditor(ws, new TestEditor([], [], root.as));
  });

  after(() => {
    editor?.kill();
    chmodSync(join(root.dir, 'ws', 'locked'), 0o755);
    rmSync(root.dir, { recursive: true, force: true });
  });

  it('indexes the rest of the workspace', async () => {
    const series = (await list(editor)).find((s) => s.task === 'open_task');
    assert.ok(series, 'the series of the readable folders');
    const points = await editor.connection.sendRequest<{ points: unknown[] } | null>('emergenceLens/getSeries', { id: series.id });
    assert.equal(points?.points.length, 3);
  });

  it('says which folder it could not read, and why', async () => {
    // vscode-languageserver sends a warning as window/showMessageRequest (VS Code shows both alike).
    const message = await editor.waitFor('a warning', () => editor.received.find((r) => r.method.startsWith('window/showMessage')));
    assert.equal(message.params.type, 2, 'a warning');
    assert.match(message.params.message, /could not read .*locked \(folder not read: permission denied \(EACCES\)\); the rest of the workspace is analysed/);
  });
});

describe('a folder of 130,000 files', () => {
  let editor: TestEditor;
  let ws: { dir: string; dispose: () => void };
  const FILES = 130_000;

  before(() => {
    ensureBundle();
    ws = tempWorkspace();
    // 130 folders of 1,000 small JSON files that are not results, and a series in three files beside them.
    for (let d = 0; d < FILES / 1000; d++) {
      const folder = join(ws.dir, 'data', `part-${d}`);
      mkdirSync(folder, { recursive: true });
      for (let f = 0; f < 1000; f++) writeFileSync(join(folder, `item-${f}.json`), `{"id": ${d * 1000 + f}}`);
    }
    for (const [model, acc] of [['lens-lm-70m', 0.01], ['lens-lm-410m', 0.02], ['lens-lm-1.4b', 0.6]] as const) {
      mkdirSync(join(ws.dir, model));
      writeFileSync(join(ws.dir, model, 'results_2025-01-01T00-00-00.json'), resultsFile(model, { many_files_task: acc }));
    }
  });

  after(() => {
    editor?.kill();
    ws?.dispose();
  });

  it('finishes indexing with every file and the series among them', { timeout: 300_000 }, async () => {
    editor = await indexedEditor(ws.dir, new TestEditor(), 280_000);
    const done = editor.received.find((r) => r.method === 'emergenceLens/indexChanged' && r.params.indexing === false);
    // Every file went into the index (the folder's override file does not exist, so it is not counted).
    assert.equal(done?.params.files, FILES + 3);
    const series = (await list(editor)).find((s) => s.task === 'many_files_task');
    assert.ok(series, 'the series of the three results files');
  });
});

describe('a per-seed table of 40,000 rows, each one a duplicate', () => {
  let editor: TestEditor;
  let ws: { dir: string; dispose: () => void };
  const SIZES = ['70m', '160m', '410m', '1b', '1.4b', '2.8b', '6.9b', '12b'];
  const ROWS = 40_000;

  /** Rows over 8 sizes; `tasks` tasks, so with few tasks most rows repeat one (model, task) with another seed. */
  const table = (tasks: number) =>
    ['model,params,task,metric,seed,score', ...Array.from({ length: ROWS }, (_, i) => `lens-${SIZES[i % 8]},${SIZES[i % 8]},task_${Math.floor(i / 8) % tasks},acc,${i},0.${(i * 7919) % 1000}`)].join('\n') + '\n';

  before(async () => {
    ensureBundle();
    ws = tempWorkspace();
    writeFileSync(join(ws.dir, 'notes.csv'), 'model,task,score\nlens-70m,other,0.1\n');
    editor = await indexedEditor(ws.dir);
  });

  after(() => {
    editor?.kill();
    ws?.dispose();
  });

  /** Opens a table and asks for a hover in another file at once: the time to that answer, and the table's diagnostics. */
  async function openAndHover(name: string, text: string): Promise<{ ms: number; warnings: number }> {
    const uri = uriOf(join(ws.dir, name));
    const diagnostics = editor.nextDiagnostics(uri, () => true, 120_000);
    editor.open(join(ws.dir, name), text, 'csv');
    const started = performance.now();
    await editor.connection.sendRequest('textDocument/hover', { textDocument: { uri: uriOf(join(ws.dir, 'notes.csv')) }, position: { line: 1, character: 20 } });
    const ms = performance.now() - started;
    return { ms, warnings: (await diagnostics).filter((d) => /Duplicate result/.test(d.message)).length };
  }

  it('answers the hover as soon as with a valid table of the same size', { timeout: 240_000 }, async () => {
    // 5,000 tasks: every row its own result, no duplicate. Of two files giving one result, the later by name wins,
    // so the per-seed table (later) keeps one row per (model, task) of its own.
    const valid = await openAndHover('a-valid.csv', table(ROWS / 8));
    assert.equal(valid.warnings, 0);
    // 20 tasks: each (model, task) 250 times, so 40,000 - 160 duplicate warnings.
    const perSeed = await openAndHover('per-seed.csv', table(20));
    assert.equal(perSeed.warnings, ROWS - 160);
    assert.ok(perSeed.ms < 3 * valid.ms, `hover after ${perSeed.ms.toFixed(0)} ms, ${valid.ms.toFixed(0)} ms with the valid table`);
  });
});

describe('a task name of 100,000 characters', () => {
  let editor: TestEditor;
  let ws: { dir: string; dispose: () => void };

  before(async () => {
    ensureBundle();
    ws = tempWorkspace();
    editor = await indexedEditor(ws.dir);
  });

  after(() => {
    editor?.kill();
    ws?.dispose();
  });

  /** The hover on the first result of a three-model table of one task. */
  async function hoverOf(name: string, task: string): Promise<string> {
    const path = join(ws.dir, name);
    const text = `model,params,task,score\nlens-70m,70m,${task},0.1\nlens-410m,410m,${task},0.2\nlens-1.4b,1.4b,${task},0.6\n`;
    const uri = editor.open(path, text, 'csv');
    await editor.nextDiagnostics(uri);
    const hover = await editor.connection.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: text.split('\n')[1].length - 1 } });
    assert.ok(hover, `a hover for ${name}`);
    return hover.contents.value;
  }

  it('makes a hover no bigger than a name just over the cap does', async () => {
    // Both names are cut to the same length, so everything that repeats them (text and command links) is as long.
    const capped = await hoverOf('capped.csv', 'n'.repeat(300));
    const huge = await hoverOf('huge.csv', 'n'.repeat(100_000));
    assert.equal(huge.length, capped.length);
  });
});
