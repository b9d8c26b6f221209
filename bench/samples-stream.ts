// One side of the per-sample streaming benchmark, in its own process so its peak memory is its own:
// `bare` reads the log line by line with JSON.parse; `lens` reads it with the extension's reader.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { readResultsFile } from '../server/src/io/files';

async function bare(file: string): Promise<number> {
  let records = 0;
  for await (const line of createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity })) {
    if (line) JSON.parse(line), records++;
  }
  return records;
}

async function lens(file: string): Promise<number> {
  return (await readResultsFile(file)).observations.length;
}

(async () => {
  const [mode, file] = process.argv.slice(2);
  const start = process.hrtime.bigint();
  const count = mode === 'bare' ? await bare(file) : await lens(file);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  console.log(JSON.stringify({ ms, count, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
})();
