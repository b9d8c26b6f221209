// The server's workspace cache (io/workspace-cache.ts): a reopened workspace gets what the last session read and
// analysed while nothing it depends on changed, and reads or analyses again as soon as something did.
import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { AnalysisHost, type GroupStore } from '../../server/src/core/analysis-host';
import type { Observation } from '../../server/src/core/types';
import { CACHE_DIR_ENV } from '../../server/src/io/cache-folder';
import { collectFiles } from '../../server/src/io/files';
import { decodeKept, encodeKept, WorkspaceCache, type ReadEntry } from '../../server/src/io/workspace-cache';
import { readDiskFile, type DiskRead } from '../../server/src/lsp/file-reading';
import { readResultsText } from '../../server/src/readers';
import { samplesDir, samplesMissing } from '../fixtures/readers/support';

const examples = resolve(__dirname, '../../examples');
const temps: string[] = [];
const temp = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
};
after(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

const quiet = () => undefined;
const read = (file: string, cache: WorkspaceCache | undefined) => readDiskFile(file, false, Infinity, quiet, cache);
const observations = (r: DiskRead) => (r.kind === 'results' ? r.result.observations : []);

/** A session: reads every file through the cache, analyses with it, settles and saves as the server does. */
async function session(files: readonly string[], folder: string, store: (cache: WorkspaceCache) => GroupStore = (c) => c) {
  const cache = (await WorkspaceCache.load(folder))!;
  const byFile = new Map<string, readonly Observation[]>();
  for (const f of files) byFile.set(f, observations(await read(f, cache)));
  const analysis = new AnalysisHost(store(cache)).applyChanges({ files: byFile, options: {} }).analysis;
  cache.settle();
  await cache.save();
  return { byFile, analysis };
}

/** The lm-eval examples copied to a folder of their own, with a fresh cache for them. */
async function examplesWithCache(prefix: string) {
  const dir = temp(prefix);
  cpSync(join(examples, 'lm-eval'), dir, { recursive: true });
  const { files } = await collectFiles([dir]);
  const folder = temp('el-cache-');
  return { files, folder, cache: (await WorkspaceCache.load(folder))! };
}

/** Analyses `byFile` with `cache` and saves it, as a session ends; what the next session then recalls and keeps. */
async function recalledNext(cache: WorkspaceCache, byFile: ReadonlyMap<string, readonly Observation[]>, files: readonly string[], folder: string) {
  new AnalysisHost(cache).applyChanges({ files: byFile, options: {} });
  cache.settle();
  await cache.save();
  const counts = { recalled: 0, kept: 0 };
  await session(files, folder, (c) => counting(c, counts));
  return counts;
}

/** A group store that counts what the cache recalled. */
function counting(cache: WorkspaceCache, counts: { recalled: number; kept: number }): GroupStore {
  return {
    recall: (group, obs, key) => {
      const found = cache.recall(group, obs, key);
      if (found) counts.recalled++;
      return found;
    },
    keep: (group, obs, key, analysis) => {
      counts.kept++;
      cache.keep(group, obs, key, analysis);
    },
    forget: (group) => cache.forget(group),
  };
}

describe('workspace cache', () => {
  it('a reopened workspace gets the same observations and the same whole analysis, without analysing again', async () => {
    const dir = temp('el-cache-ws-');
    cpSync(join(examples, 'lm-eval'), dir, { recursive: true });
    const { files } = await collectFiles([dir]);
    const folder = temp('el-cache-');
    const cold = { recalled: 0, kept: 0 };
    const first = await session(files, folder, (c) => counting(c, cold));
    assert.equal(cold.recalled, 0);
    assert.ok(cold.kept > 0);
    const warm = { recalled: 0, kept: 0 };
    const second = await session(files, folder, (c) => counting(c, warm));
    assert.deepEqual(warm, { recalled: cold.kept, kept: 0 });
    assert.deepEqual([...second.byFile], [...first.byFile]);
    assert.ok(first.analysis.series().some((s) => s.verdict === 'emergent'));
    assert.deepEqual(second.analysis.series(), first.analysis.series());
    assert.deepEqual(second.analysis.problems, first.analysis.problems);
    assert.deepEqual(second.analysis.falseDiscoveries, first.analysis.falseDiscoveries);
    // The per-sample logs' item scores are shared by a point and its observation again, not copied.
    const withItems = second.analysis.series().flatMap((s) => s.points).filter((p) => p.items);
    assert.ok(withItems.length > 0);
    const observed = new Set([...second.byFile.values()].flat().map((o) => o.items));
    assert.ok(withItems.every((p) => observed.has(p.items)));
    // And so is the place a point marks, with every observation's.
    const places = new Set([...second.byFile.values()].flat().map((o) => o.range));
    assert.ok(second.analysis.series().every((s) => s.points.every((p) => places.has(p.range))));
  });

  it('keeps the analysis of a family whose files were read twice in one session (a document closed, read from disk again)', async () => {
    const { files, folder, cache } = await examplesWithCache('el-cache-twice-');
    for (const f of files) await read(f, cache);
    const byFile = new Map<string, readonly Observation[]>();
    for (const f of [...files].reverse()) byFile.set(f, observations(await read(f, cache)));
    assert.deepEqual(await recalledNext(cache, byFile, files, folder), { recalled: 1, kept: 0 });
  });

  it('keeps a family read from disk when an older read of its file finishes after the newer one (two watcher events)', async () => {
    const { files, folder, cache } = await examplesWithCache('el-cache-late-');
    const byFile = new Map<string, readonly Observation[]>();
    for (const f of files) {
      const info = statSync(f);
      const newer = readResultsText(f, readFileSync(f, 'utf8'));
      const older = readResultsText(f, readFileSync(f, 'utf8'));
      cache.keepRead(f, info, new Map(), newer);
      cache.keepRead(f, info, new Map(), older);
      // The index holds the newer read; the older one only reached the cache last.
      byFile.set(f, newer.observations);
    }
    assert.deepEqual(await recalledNext(cache, byFile, files, folder), { recalled: 1, kept: 0 });
  });

  it('writes a large cache in steps, with turns of the event loop for requests between them, and reads back what it wrote', async () => {
    const reads = new Map<string, ReadEntry>();
    for (let i = 0; i < 5000; i++) {
      const file = `/w/m-${i}/results.json`;
      const text = JSON.stringify({ results: { [`task_${i % 7}`]: { 'acc,none': i / 5000 } }, config: { model_args: `pretrained=org/m-${i}` } });
      reads.set(file, { size: text.length, mtimeMs: i, neighbours: [], result: readResultsText(file, text) });
    }
    let turns = 0;
    let writing = true;
    const count = () => {
      if (!writing) return;
      turns++;
      setImmediate(count);
    };
    setImmediate(count);
    const bytes = await encodeKept('this build', { reads, groups: new Map() });
    writing = false;
    // Encoding does no input or output: every turn is one it gave up (a step is at most 1,000 entries).
    assert.ok(turns >= 5, `${turns} turns of the event loop while writing 5,000 entries`);
    assert.deepEqual(decodeKept(bytes, 'this build'), { reads, groups: new Map() });
    assert.equal(decodeKept(bytes, 'another build'), undefined, 'a file of another build is not read');
  });

  it('tells apart families that share one file with as many results each (a wide table): each gets its own analysis back', async () => {
    const dir = temp('el-cache-wide-');
    const file = join(dir, 'leaderboard.csv');
    const rows = [['alpha', [0.25, 0.26, 0.62]], ['beta', [0.3, 0.41, 0.47]]] as const;
    const lines = rows.flatMap(([name, arc]) => ['1b', '3b', '7b'].map((size, i) => `acme/${name}-${size},${arc[i]},${(arc[i] + 0.1).toFixed(2)}`));
    writeFileSync(file, ['model,arc,hellaswag', ...lines].join('\n') + '\n');
    const folder = temp('el-cache-');
    const counts = { recalled: 0, kept: 0 };
    const first = await session([file], folder);
    assert.deepEqual(new Set(first.analysis.series().map((s) => s.family)), new Set(['alpha', 'beta']));
    const second = await session([file], folder, (c) => counting(c, counts));
    assert.deepEqual(counts, { recalled: 2, kept: 0 });
    assert.deepEqual(second.analysis.series(), first.analysis.series());
  });

  it('keys each read by size and modification time: the same bytes at the same time are not read again, a new time is', async () => {
    const dir = temp('el-cache-stamp-');
    cpSync(join(examples, 'lm-eval'), dir, { recursive: true });
    const [file] = (await collectFiles([dir])).files;
    // A time in whole seconds, which utimes can put back exactly.
    const time = Math.floor(statSync(file).mtimeMs / 1000) - 60;
    utimesSync(file, time, time);
    const folder = temp('el-cache-');
    await session([file], folder);
    const text = readFileSync(file, 'utf8');
    // Same length, another score, the old time put back: only a changed size or time tells the cache.
    const changed = text.replace(/"acc,none": 0\.(\d)/, (_, d) => `"acc,none": 0.${(Number(d) + 1) % 10}`);
    assert.notEqual(changed, text);
    writeFileSync(file, changed);
    utimesSync(file, time, time);
    const fresh = observations(await read(file, undefined));
    const kept = observations(await read(file, (await WorkspaceCache.load(folder))!));
    assert.notDeepEqual(kept, fresh);
    utimesSync(file, time + 1, time + 1);
    assert.deepEqual(observations(await read(file, (await WorkspaceCache.load(folder))!)), fresh);
  });

  it('reads a file again when a file beside it that its reading consulted changed (a HELM run spec)', async (t) => {
    if (samplesMissing) return t.skip(samplesMissing);
    const run = 'bbq:subject=all,method=multiple_choice_joint,model=meta_llama-3-8b';
    const dir = join(temp('el-cache-helm-'), run);
    cpSync(join(samplesDir, 'helm-bbq/benchmark_output_bbq/runs/v1', run), dir, { recursive: true });
    const stats = join(dir, 'stats.json');
    const folder = temp('el-cache-');
    const before = (await session([stats], folder)).byFile.get(stats)!;
    assert.ok(before.length > 0 && before.every((o) => o.model.name === 'meta/llama-3-8b'));
    const spec = join(dir, 'run_spec.json');
    writeFileSync(spec, readFileSync(spec, 'utf8').replaceAll('meta/llama-3-8b', 'meta/llama-3-70b'));
    const after = observations(await read(stats, (await WorkspaceCache.load(folder))!));
    assert.ok(after.length > 0 && after.every((o) => o.model.name === 'meta/llama-3-70b'));
  });

  it('analyses a family again when a file of it or the options changed, and never keeps what used unsaved text', async () => {
    const dir = temp('el-cache-family-');
    cpSync(join(examples, 'lm-eval'), dir, { recursive: true });
    const { files } = await collectFiles([dir]);
    const folder = temp('el-cache-');
    /** A session whose host gets `edited`'s observations from the editor's text instead of through the cache. */
    const run = async (options = {}, edited?: string) => {
      const cache = (await WorkspaceCache.load(folder))!;
      const byFile = new Map<string, readonly Observation[]>();
      for (const f of files) byFile.set(f, f === edited ? readResultsText(f, readFileSync(f, 'utf8')).observations : observations(await read(f, cache)));
      const counts = { recalled: 0, kept: 0 };
      new AnalysisHost(counting(cache, counts)).applyChanges({ files: byFile, options });
      cache.settle();
      await cache.save();
      return counts.recalled;
    };
    assert.equal(await run(), 0);
    assert.equal(await run(), 1);
    // The family as read from disk is still kept: the analyses with the editor's text did not replace it.
    const aggregate = files.find((f) => /results_[^/\\]*\.json$/.test(f))!;
    assert.equal(await run({}, aggregate), 0);
    assert.equal(await run({}, aggregate), 0);
    assert.equal(await run(), 1);
    assert.equal(await run({ x: 'flops' }), 0);
    assert.equal(await run({ x: 'flops' }), 1);
    const { mtimeMs } = statSync(aggregate);
    utimesSync(aggregate, new Date(), new Date(mtimeMs + 5000));
    assert.equal(await run({ x: 'flops' }), 0);
    assert.equal(await run({ x: 'flops' }), 1);
  });

  it('starts empty from a damaged cache file, removes what saves cut short left (not a running one\'s), and is off when the folder is "off"', async () => {
    const folder = temp('el-cache-');
    writeFileSync(join(folder, 'workspace.v8'), 'not a cache');
    // Left by servers that stopped mid-write (no process has this number), and one still writing (the test runner).
    const gone = 99_999_999;
    writeFileSync(join(folder, `workspace.v8.${gone}.partial`), 'half a cache');
    writeFileSync(join(folder, `workspace.v8.${process.ppid}.partial`), 'a cache being written');
    mkdirSync(join(folder, 'aggregates'));
    writeFileSync(join(folder, 'aggregates', `log.v8.${gone}.partial`), 'half an aggregate');
    writeFileSync(join(folder, 'aggregates', 'log.v8'), 'an aggregate');
    writeFileSync(join(folder, 'keep.txt'), 'not ours');
    const cache = await WorkspaceCache.load(folder);
    assert.ok(cache);
    assert.deepEqual(readdirSync(folder).sort(), ['aggregates', 'keep.txt', 'workspace.v8', `workspace.v8.${process.ppid}.partial`]);
    assert.deepEqual(readdirSync(join(folder, 'aggregates')), ['log.v8']);
    const dir = temp('el-cache-damaged-');
    cpSync(join(examples, 'lm-eval'), dir, { recursive: true });
    const [file] = (await collectFiles([dir])).files;
    assert.deepEqual(observations(await read(file, cache)), observations(await read(file, undefined)));
    process.env[CACHE_DIR_ENV] = 'off';
    try {
      assert.equal(await WorkspaceCache.load(), undefined);
    } finally {
      delete process.env[CACHE_DIR_ENV];
    }
  });
});
