// The DuckDB path for per-sample logs (server/src/sweeps) against the in-process stream: the same observations and
// problems on every per-sample log of the repository, on synthetic edge cases, on the shared real logs, and on the
// same records written as Parquet.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ReadResult } from '../../server/src/core/types';
import { readResultsFile } from '../../server/src/io/files';
import { CACHE_DIR_ENV } from '../../server/src/io/cache-folder';
import { duckdb, sqlString } from '../../server/src/sweeps/duckdb';
import { DUCKDB_MB_ENV } from '../../server/src/sweeps/sample-logs';
import { readSamplesWithDuckDB } from '../../server/src/sweeps/samples-engine';
import { samplesDir, samplesMissing } from '../fixtures/readers/support';

const root = resolve(__dirname, '../..');
const examples = join(root, 'examples/lm-eval');

function sampleLogsUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((f) => /(^|\/)samples_[^/]*\.jsonl$/.test(f)).map((f) => join(dir, f)).sort();
}

/** Edge cases of the record shapes the reader knows: logliks as text, a target given as a choice's text, old keys. */
function writeEdgeCases(dir: string): string[] {
  const choice = (i: number, loglik: unknown) => ({ doc_id: i, doc: { q: `question ${i}` }, target: i % 2 ? 'B' : 0, arguments: { gen_args_0: { arg_0: 'Q', arg_1: 'A' }, gen_args_1: { arg_0: 'Q', arg_1: 'B' } }, resps: [], filtered_resps: [[loglik, true], [-1.5, false]], filter: 'none', metrics: ['acc'], acc: i % 3 === 0 });
  const files: Record<string, string[]> = {
    'acme__m-1b/samples_choice_2025-01-01T00-00-00.jsonl': Array.from({ length: 30 }, (_, i) => JSON.stringify(choice(i, i % 2 ? '(-0.5, True)' : -0.25 * i))),
    'acme__m-1b/samples_old_2025-01-01T00-00-00.jsonl': Array.from({ length: 25 }, (_, i) => JSON.stringify({ doc_id: 24 - i, doc: {}, target: `${i} apples`, resps: [[`${i + (i % 4)} apples`]], filtered_resps: [`${i + (i % 4)} apples`], exact_match: i % 4 === 0 ? 1 : 0, bleu: i / 25, filter: i % 2 ? 'strict-match' : 'flexible-extract' })),
    'acme__m-1b/samples_blank_2025-01-01T00-00-00.jsonl': ['', JSON.stringify({ doc_id: 1, doc: {}, filtered_resps: ['x'], target: 'x', acc: 1 }), '  ', '[1, 2]', '7', JSON.stringify({ doc_id: 2, doc: {}, filtered_resps: ['ü𝄞'], target: 'ü', acc: 0 })],
  };
  return Object.entries(files).map(([name, lines]) => {
    const file = join(dir, name);
    writeFileSync(file, lines.join('\n') + '\n');
    return file;
  });
}

/** Runs `body` with one environment variable set, restoring it after. */
async function withEnv<T>(name: string, value: string, body: () => Promise<T>): Promise<T> {
  const saved = process.env[name];
  process.env[name] = value;
  try {
    return await body();
  } finally {
    if (saved === undefined) delete process.env[name];
    else process.env[name] = saved;
  }
}

function streamed(file: string): Promise<ReadResult> {
  return withEnv(DUCKDB_MB_ENV, 'off', () => readResultsFile(file));
}

async function assertSameAsStream(files: string[]): Promise<void> {
  const viaDuckDB = await readSamplesWithDuckDB(files, 'jsonl');
  assert.ok(viaDuckDB, 'DuckDB loads in the test environment');
  for (const file of files) {
    const expected = await streamed(file);
    assert.ok(expected.observations.length > 0, file);
    assert.deepStrictEqual(viaDuckDB.get(file), expected, file);
  }
}

describe('per-sample logs through DuckDB', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'el-duckdb-'));
    mkdirSync(join(dir, 'acme__m-1b'));
    process.env[CACHE_DIR_ENV] = join(dir, 'cache');
  });
  after(() => delete process.env[CACHE_DIR_ENV]);

  it('gives what the stream gives on every per-sample log in the repository', async () => {
    const files = sampleLogsUnder(examples);
    assert.ok(files.length >= 7);
    await assertSameAsStream(files);
  });

  it('gives what the stream gives on multiple-choice, old-style and odd records, one query for all files', async () => {
    await assertSameAsStream(writeEdgeCases(dir));
  });

  it('gives what the stream gives on the shared real logs', { skip: samplesMissing }, async () => {
    await assertSameAsStream(sampleLogsUnder(samplesDir));
  });

  it('reads the same records written as Parquet to the same observations', async () => {
    const db = (await duckdb())!;
    const jsonl = sampleLogsUnder(examples).slice(0, 2);
    for (const file of jsonl) {
      // The model's folder is kept: the model name comes from it.
      const [model, name] = file.split('/').slice(-2);
      mkdirSync(join(dir, model), { recursive: true });
      const parquet = join(dir, model, name.replace(/\.jsonl$/, '.parquet'));
      await db.run(`COPY (SELECT * FROM read_json(${sqlString(file)})) TO ${sqlString(parquet)} (FORMAT parquet)`);
      const fromParquet = await readResultsFile(parquet);
      const fromJsonl = await streamed(file);
      const where = (r: ReadResult) => r.observations.map((o) => ({ ...o, range: undefined }));
      assert.deepStrictEqual(where(fromParquet), where(fromJsonl));
    }
  });

  it('leaves a damaged log to the stream, which says which line is broken', async () => {
    const file = join(dir, 'acme__m-1b/samples_broken_2025-01-01T00-00-00.jsonl');
    writeFileSync(file, [JSON.stringify({ doc_id: 0, doc: {}, filtered_resps: ['a'], target: 'a', acc: 1 }), '{"doc_id": 1, "acc": '].join('\n'));
    await assert.rejects(readSamplesWithDuckDB([file], 'jsonl'));
    const result = await withEnv(DUCKDB_MB_ENV, '0', () => readResultsFile(file));
    assert.deepStrictEqual(result, await streamed(file));
    assert.match(result.problems[0].message, /1 unreadable per-sample record skipped/);
    assert.equal(result.problems[0].range.line, 1);
  });

  it('reopens a log from the aggregate cache while its size and modification time stay, and reads it again after', async () => {
    const file = join(dir, 'acme__m-1b/samples_cached_2025-01-01T00-00-00.jsonl');
    const record = (acc: number) => JSON.stringify({ doc_id: 0, doc: {}, filtered_resps: ['a'], target: 'a', acc });
    const time = new Date('2025-01-01T00:00:00Z');
    writeFileSync(file, record(1));
    utimesSync(file, time, time);
    const first = await withEnv(DUCKDB_MB_ENV, '0', () => readResultsFile(file));
    assert.equal(first.observations.find((o) => o.metric === 'acc')?.score, 1);
    // Same size, same time: the raw log is not read again, so the changed score is not seen.
    writeFileSync(file, record(0));
    utimesSync(file, time, time);
    assert.deepStrictEqual(await withEnv(DUCKDB_MB_ENV, '0', () => readResultsFile(file)), first);
    utimesSync(file, time, new Date(time.getTime() + 1000));
    const reread = await withEnv(DUCKDB_MB_ENV, '0', () => readResultsFile(file));
    assert.equal(reread.observations.find((o) => o.metric === 'acc')?.score, 0);
  });
});

describe('without DuckDB', () => {
  it('streams JSONL logs as before, says so once, and gives a per-sample Parquet log one error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'el-noduckdb-'));
    const db = (await duckdb())!;
    const logs = sampleLogsUnder(examples).slice(0, 2);
    const parquet = join(dir, 'samples_x_2025-01-01T00-00-00.parquet');
    await db.run(`COPY (SELECT * FROM read_json(${sqlString(logs[0])})) TO ${sqlString(parquet)} (FORMAT parquet)`);
    const run = spawnSync(process.execPath, [join(root, 'dist/cli.js'), 'read', ...logs, parquet, '--json'], {
      encoding: 'utf8',
      env: { ...process.env, EMERGENCE_LENS_DUCKDB: 'off', [DUCKDB_MB_ENV]: '0', [CACHE_DIR_ENV]: 'off' },
    });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr.match(/DuckDB is not available/g)?.length, 1, run.stderr);
    const files = (JSON.parse(run.stdout) as { files: { file: string; observations: unknown[]; problems: { message: string }[] }[] }).files;
    for (const log of logs) assert.equal(files.find((f) => f.file === log)?.observations.length, (await streamed(log)).observations.length);
    assert.match(files.find((f) => f.file === parquet)!.problems[0].message, /per-sample Parquet logs are read by DuckDB, which is not available here/);
  });
});
