// One side of the sweep benchmark (BENCH_ONLY=sweep), in its own process so its peak memory is its own:
// `bare` reads every log line by line with JSON.parse; `lens` reads the glob as the CLI does (DuckDB and the cache as
// the environment sets them) and joins and classifies all series.
import { createReadStream, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { analyze } from '../server/src/core/analysis-host';
import type { Observation } from '../server/src/core/types';
import { readSource } from '../server/src/sweeps/sources';

function logsOf(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.jsonl')).map((f) => join(dir, f));
}

async function bare(dir: string): Promise<number> {
  let records = 0;
  for (const file of logsOf(dir)) {
    for await (const line of createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity })) {
      if (line) JSON.parse(line), records++;
    }
  }
  return records;
}

async function series(observations: Observation[]): Promise<number> {
  return analyze(observations).series.length;
}

async function lens(pattern: string): Promise<number> {
  const observations: Observation[] = [];
  for (const { result } of await readSource(pattern)) for (const o of result.observations) observations.push(o);
  return series(observations);
}

(async () => {
  const [mode, target] = process.argv.slice(2);
  const start = process.hrtime.bigint();
  const count = mode === 'bare' ? await bare(target) : await lens(target);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  console.log(JSON.stringify({ ms, count, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
})();
