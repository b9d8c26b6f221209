// Sources beyond local paths: a local http://127.0.0.1 server stands in for object storage (downloaded once, then
// revalidated), globs read through DuckDB, s3:// without httpfs, and `sources` in emergence-lens.json.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { readFileSync, readdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { ReadResult } from '../../server/src/core/types';
import { readResultsFile } from '../../server/src/io/files';
import { CACHE_DIR_ENV } from '../../server/src/io/cache-folder';
import { duckdb } from '../../server/src/sweeps/duckdb';
import { huggingFaceUrl } from '../../server/src/sweeps/remote';
import { readSource } from '../../server/src/sweeps/sources';

const root = resolve(__dirname, '../..');
const examples = join(root, 'examples/lm-eval');
const model = 'example-org__toy-lm-1.4b';
const log = readdirSync(join(examples, model)).find((f) => f.startsWith('samples_'))!;

/** The local file's reading with its places moved to `url`, as a remote source must give it. */
function at(result: ReadResult, local: string, url: string): ReadResult {
  return JSON.parse(JSON.stringify(result).split(JSON.stringify(local).slice(1, -1)).join(url)) as ReadResult;
}

describe('remote sources and globs', () => {
  let server: Server;
  let base: string;
  const requests: { path: string; conditional: boolean; status: number }[] = [];

  before(async () => {
    process.env[CACHE_DIR_ENV] = mkdtempSync(join(tmpdir(), 'el-remote-'));
    server = createServer((req, res) => {
      const path = decodeURIComponent(req.url ?? '/');
      let body: Buffer | undefined;
      try {
        body = readFileSync(join(examples, path.replace(/^\/lm-eval\//, '')));
      } catch {
        body = undefined;
      }
      const etag = body ? `"${body.length}"` : undefined;
      const conditional = req.headers['if-none-match'] !== undefined;
      const status = !body ? 404 : conditional && req.headers['if-none-match'] === etag ? 304 : 200;
      requests.push({ path, conditional, status });
      res.writeHead(status, etag ? { etag } : {});
      res.end(status === 200 ? body : undefined);
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/lm-eval`;
  });
  after(() => {
    server.close();
    delete process.env[CACHE_DIR_ENV];
  });

  it('reads a log over http:// as the local file reads, naming the URL, and revalidates instead of downloading again', async () => {
    const url = `${base}/${model}/${log}`;
    const local = join(examples, model, log);
    const expected = at(await readResultsFile(local), local, url);
    const [first] = await readSource(url);
    assert.equal(first.file, url);
    assert.deepStrictEqual(JSON.parse(JSON.stringify(first.result)), JSON.parse(JSON.stringify(expected)));
    const [again] = await readSource(url);
    assert.deepStrictEqual(again.result.observations.map((o) => o.score), first.result.observations.map((o) => o.score));
    assert.deepEqual(requests.filter((r) => r.path.endsWith(log)).map((r) => r.status), [200, 304]);
  });

  it('says in one line when the server has no such file', async () => {
    const [reading] = await readSource(`${base}/nowhere/samples_x_2025-01-01T00-00-00.jsonl`);
    assert.equal(reading.result.problems.length, 1);
    assert.match(reading.result.problems[0].message, /HTTP 404/);
    assert.doesNotMatch(reading.result.problems[0].message, /\n/);
  });

  it('reads every log a glob matches, as the files read on their own', async () => {
    const readings = await readSource(`${examples}/*/samples_*.jsonl`);
    assert.equal(readings.length, 7);
    for (const { file, result } of readings) assert.deepStrictEqual(result, await readResultsFile(file));
  });

  it('asks for httpfs in one line when an s3:// source cannot be read', async (t) => {
    const db = (await duckdb())!;
    const installed = await db.run('LOAD httpfs').then(() => true, () => false);
    if (installed) return t.skip('httpfs is installed here: the message is not shown');
    const [reading] = await readSource('s3://bucket/evals/');
    assert.match(reading.result.problems[0].message, /httpfs extension, which is not installed.*INSTALL httpfs/);
  });

  it('maps hf:// paths to the Hub download URL', () => {
    assert.equal(huggingFaceUrl('hf://datasets/org/evals/runs/m/samples_a.jsonl'), 'https://huggingface.co/datasets/org/evals/resolve/main/runs/m/samples_a.jsonl');
    assert.equal(huggingFaceUrl('hf://datasets/org/evals@v2/x.parquet'), 'https://huggingface.co/datasets/org/evals/resolve/v2/x.parquet');
    assert.throws(() => huggingFaceUrl('hf://org/evals'), /expected hf:\/\/datasets/);
  });

  it('reads the "sources" of emergence-lens.json on the command line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'el-sources-'));
    writeFileSync(join(dir, 'emergence-lens.json'), JSON.stringify({ sources: [`${base}/${model}/${log}`, `${base}/${model}/results_2025-01-01T00-00-03.json`] }));
    const { stdout } = await promisify(execFile)(process.execPath, [join(root, 'dist/cli.js'), 'read', dir, '--json'], { env: process.env });
    const files = (JSON.parse(stdout) as { files: { file: string; format: string }[] }).files;
    assert.deepEqual(files.map((f) => [f.file.replace(base, ''), f.format]), [
      [`/${model}/${log}`, 'lm-eval-samples'],
      [`/${model}/results_2025-01-01T00-00-03.json`, 'lm-eval-v0.4'],
    ]);
  });
});
