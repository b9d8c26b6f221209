// BENCH_ONLY=sweep: a generated sweep of per-sample logs (BENCH_SWEEP_MODELS models × BENCH_SWEEP_ITEMS items of
// one multiple-choice task; the issue's target is 200 × 100,000, about 2 GB) read to all series through DuckDB,
// against readline + JSON.parse of the same files in the same run; the same records as Parquet; and a reopen from
// the aggregate cache. Each side runs in its own process (sweep-side.ts) for its own peak memory; every side reads
// the same glob as the CLI would, with DuckDB forced on (EMERGENCE_LENS_DUCKDB_MB=0) or left to its default.
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { duckdb, sqlString } from '../server/src/sweeps/duckdb';
import { CACHE_DIR_ENV } from '../server/src/io/cache-folder';
import { DUCKDB_MB_ENV } from '../server/src/sweeps/sample-logs';

type Report = (...cells: string[]) => void;
const CHOICES = ['Paris', 'London', 'Rome', 'Berlin'];

/** One model's log: 4 choices with log-likelihoods, accuracy rising with the model's index. */
export async function writeLog(file: string, items: number, skill: number): Promise<number> {
  const out = createWriteStream(file);
  let bytes = 0;
  for (let i = 0; i < items; i++) {
    const gold = i % 4;
    const logliks = CHOICES.map((_, c) => -1 - ((i * 7 + c * 13) % 17) / 3 + (c === gold ? skill * 4 : 0));
    const best = logliks.indexOf(Math.max(logliks[0], logliks[1], logliks[2], logliks[3]));
    const record = {
      doc_id: i,
      doc: { question: `Question ${i}: which city is the capital?`, choices: CHOICES, answer: gold },
      target: gold,
      arguments: Object.fromEntries(CHOICES.map((c, k) => [`gen_args_${k}`, { arg_0: `Question ${i}: which city is the capital?\nAnswer:`, arg_1: ` ${c}` }])),
      resps: logliks.map((l) => [[String(l), 'False']]),
      filtered_resps: logliks.map((l) => [String(l), 'False']),
      filter: 'none',
      metrics: ['acc'],
      acc: best === gold ? 1 : 0,
    };
    const line = JSON.stringify(record) + '\n';
    bytes += line.length;
    if (!out.write(line)) await new Promise<void>((done) => out.once('drain', () => done()));
  }
  await new Promise<void>((done) => out.end(() => done()));
  return bytes;
}

function side(mode: string, target: string, env: Record<string, string>): { ms: number; maxRssMB: number; count: number } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'sweep-side.ts'), mode, target], { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 20 });
  if (run.status !== 0) throw new Error(`sweep side ${mode} failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as { ms: number; maxRssMB: number; count: number };
}

export async function benchSweep(models: number, items: number, report: Report): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'el-bench-sweep-'));
  try {
    const jsonl = join(dir, 'jsonl');
    const parquet = join(dir, 'parquet');
    const db = await duckdb();
    if (!db) throw new Error('DuckDB is not available: the sweep benchmark needs it');
    let bytes = 0;
    for (let m = 0; m < models; m++) {
      const model = `bench__lm-${(0.1 * 1.5 ** m).toPrecision(3)}b`;
      mkdirSync(join(jsonl, model), { recursive: true });
      mkdirSync(join(parquet, model), { recursive: true });
      const name = 'samples_mmlu_bench_2025-01-01T00-00-00';
      bytes += await writeLog(join(jsonl, model, `${name}.jsonl`), items, m / models);
      await db.run(`COPY (SELECT * FROM read_json(${sqlString(join(jsonl, model, `${name}.jsonl`))})) TO ${sqlString(join(parquet, model, `${name}.parquet`))} (FORMAT parquet)`);
    }
    const cache = join(dir, 'cache');
    const cold = { [CACHE_DIR_ENV]: 'off' };
    const glob = `${jsonl}/*/samples_*.jsonl`;
    const bare = side('bare', jsonl, cold);
    const viaDuckDB = side('lens', glob, { ...cold, [DUCKDB_MB_ENV]: '0' });
    const stream = side('lens', glob, cold);
    const fromParquet = side('lens', `${parquet}/*/samples_*.parquet`, cold);
    side('lens', glob, { [CACHE_DIR_ENV]: cache, [DUCKDB_MB_ENV]: '0' });
    const reopen = side('lens', glob, { [CACHE_DIR_ENV]: cache, [DUCKDB_MB_ENV]: '0' });
    const size = `${models} models × ${items.toLocaleString('en')} items, ${(bytes / 2 ** 20).toFixed(0)} MB JSONL`;
    const ratio = (a: number) => `${(a / bare.ms).toFixed(2)}x`;
    console.log(`bench: sweep jsonl via DuckDB: ${ratio(viaDuckDB.ms)}`);
    console.log(`bench: sweep jsonl streamed: ${ratio(stream.ms)}`);
    console.log(`bench: sweep peak RSS via DuckDB: ${viaDuckDB.maxRssMB.toFixed(0)} MB`);
    console.log(`bench: sweep peak RSS streamed: ${stream.maxRssMB.toFixed(0)} MB`);
    console.log(`bench: sweep parquet: ${ratio(fromParquet.ms)}`);
    console.log(`bench: sweep reopen with cache: ${ratio(reopen.ms)}`);
    const against = `readline+JSON.parse ${bare.ms.toFixed(0)} ms`;
    report(`sweep (${size}) to all series, DuckDB`, `${viaDuckDB.ms.toFixed(0)} ms`, against, ratio(viaDuckDB.ms), '≤ 0.5×');
    report(`the same, streamed in-process (the default)`, `${stream.ms.toFixed(0)} ms`, against, ratio(stream.ms), '—');
    report(`peak RSS, DuckDB / streamed`, `${viaDuckDB.maxRssMB.toFixed(0)} / ${stream.maxRssMB.toFixed(0)} MB`, `readline+JSON.parse ${bare.maxRssMB.toFixed(0)} MB`, '—', '≤ 500 MB');
    report(`the same records as Parquet, DuckDB`, `${fromParquet.ms.toFixed(0)} ms`, against, ratio(fromParquet.ms), '≤ 0.1×');
    report(`reopen from the aggregate cache`, `${reopen.ms.toFixed(0)} ms`, against, ratio(reopen.ms), '≤ 2 s');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
