// npm run bench: speed and memory of the bundled language server, each against a baseline measured in this
// script on the same data, printed as ratios. Not a test: machines are noisy, so nothing here asserts.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { CACHE_DIR_ENV } from '../server/src/io/cache-folder';
import { samplesDir, samplesMissing } from '../test/fixtures/readers/support';
import { benchInspectArchives } from './inspect-archives';
import { benchSweep } from './sweep';

const ROOT = resolve(__dirname, '..');
// BENCH_SERVER: another build of the server (e.g. one bundled elsewhere while dist/ is in use).
const SERVER = process.env.BENCH_SERVER ? resolve(process.env.BENCH_SERVER) : join(ROOT, 'dist/server.js');
const SIZES = ['70m', '160m', '410m', '1b', '1.4b', '2.8b', '6.9b', '12b', '20b', '65b'];
const TASKS = 40;

/** One lm-eval v0.4 results file: TASKS tasks with acc/acc_norm and stderrs, like a real checkpoint evaluation. */
function resultsFile(size: string, step: number, tasks: number, scoreAt: (task: number) => number): string {
  const results: Record<string, Record<string, number | string>> = {};
  const nShot: Record<string, number> = {};
  for (let t = 0; t < tasks; t++) {
    const acc = scoreAt(t);
    results[`mmlu_bench_${t}`] = { alias: `mmlu_bench_${t}`, 'acc,none': acc, 'acc_stderr,none': 0.01, 'acc_norm,none': Math.min(1, acc + 0.02), 'acc_norm_stderr,none': 0.01 };
    nShot[`mmlu_bench_${t}`] = 0;
  }
  return JSON.stringify(
    {
      results,
      'n-shot': nShot,
      config: { model: 'hf', model_args: `pretrained=bench/lm-${size},revision=step${step}`, batch_size: 'auto' },
      model_name: `bench/lm-${size}`,
    },
    null,
    2,
  );
}

/** A checkpoint sweep: every size at many training steps, one file per (size, step). */
export function makeWorkspace(files: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'el-bench-'));
  const perSize = Math.ceil(files / SIZES.length);
  let written = 0;
  SIZES.forEach((size, s) => {
    const folder = join(dir, `bench__lm-${size}`);
    mkdirSync(folder);
    for (let c = 0; c < perSize && written < files; c++, written++) {
      const step = 1000 * (c + 1);
      const progress = (s / SIZES.length) * (0.5 + (0.5 * c) / perSize);
      writeFileSync(join(folder, `results_step${step}.json`), resultsFile(size, step, TASKS, (t) => 0.25 + (t % 2 ? progress * 0.6 : progress > 0.4 ? 0.5 : 0)));
    }
  });
  return dir;
}

class Client {
  readonly conn: MessageConnection;
  readonly proc: ChildProcess;
  private readonly listeners = new Set<(method: string, params: any) => void>();

  /**
   * Our bundled server by default; the peer comparison passes another server's script. Its workspace cache is off
   * unless `cache` names a folder for it: every other figure is of a first open.
   */
  constructor(script = SERVER, cache = 'off') {
    // BENCH_SERVER_NODE_ARGS: extra node flags for the server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
    const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
    this.proc = spawn(process.execPath, [...nodeArgs, script, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'], env: { ...process.env, [CACHE_DIR_ENV]: cache } });
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.conn.onNotification((method, params) => this.listeners.forEach((l) => l(method, params)));
    this.conn.onRequest(() => null);
    this.conn.listen();
  }

  /** The next notification that passes `test`; fails after a minute rather than hanging the benchmark. */
  next(test: (method: string, params: any) => boolean, what = 'notification'): Promise<void> {
    return new Promise((done, fail) => {
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        fail(new Error(`timed out waiting for ${what}`));
      }, 60_000);
      const listener = (method: string, params: any) => {
        if (test(method, params)) {
          clearTimeout(timer);
          this.listeners.delete(listener);
          done();
        }
      };
      this.listeners.add(listener);
    });
  }

  async start(folder: string): Promise<void> {
    await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(folder).href,
      workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'bench' }],
      capabilities: { textDocument: { publishDiagnostics: {} } },
      initializationOptions: { debounceMs: 0, provideFormatter: false },
    });
  }

  /** Peak resident memory of the server process (Linux). */
  peakRssMB(): number {
    const status = readFileSync(`/proc/${this.proc.pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  }

  async stop(): Promise<void> {
    await this.conn.sendRequest('shutdown');
    this.conn.sendNotification('exit');
    this.conn.dispose();
  }
}

const ms = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;
const percentile = (values: number[], p: number): number => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];
const rows: string[][] = [];
/** One figure: a line for people, a row of the final table and, with `name`, a `bench: <name>: <figure>` line for scripts. */
const report = (what: string, value: string, baseline: string, ratio: string, goal: string, name?: string, figure?: string) => {
  rows.push([what, value, baseline, ratio, goal]);
  console.log(`${what}: ${value} (baseline ${baseline}, ${ratio}; goal ${goal})`);
  if (name) console.log(`bench: ${name}: ${figure}`);
};

/** Starts a server on `dir` and resolves when it has indexed it, with the time that took. */
async function indexed(dir: string, cache?: string): Promise<{ client: Client; ms: number }> {
  const client = new Client(SERVER, cache);
  const start = process.hrtime.bigint();
  const done = client.next((method, params) => method === 'emergenceLens/indexChanged' && params?.indexing === false);
  await client.start(dir);
  client.conn.sendNotification('initialized', {});
  await done;
  return { client, ms: ms(start) };
}

async function benchIndex(files: number): Promise<void> {
  const dir = makeWorkspace(files);
  const cache = mkdtempSync(join(tmpdir(), 'el-bench-cache-'));
  try {
    const paths = readdirSync(dir).flatMap((d) => readdirSync(join(dir, d)).map((f) => join(dir, d, f)));
    let start = process.hrtime.bigint();
    for (const path of paths) JSON.parse(await readFile(path, 'utf8'));
    const bare = ms(start);

    const { client, ms: index } = await indexed(dir, cache);
    report(`index ${paths.length} lm-eval files (all series classified)`, `${index.toFixed(0)} ms`, `readFile+JSON.parse ${bare.toFixed(0)} ms`, `${(index / bare).toFixed(1)}×`, '≤ 2×', 'index', `${(index / bare).toFixed(2)}x`);

    // Hover latency on the indexed workspace, against a bare request round trip to the same server.
    const file = paths[Math.floor(paths.length / 2)];
    const uri = pathToFileURL(file).href;
    const text = readFileSync(file, 'utf8');
    const line = text.split('\n').findIndex((l) => l.includes('"acc,none"'));
    client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version: 1, text } });
    const hovers: number[] = [];
    const trips: number[] = [];
    for (let i = 0; i < 1000; i++) {
      let t = process.hrtime.bigint();
      await client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: line + (i % 20) * 5, character: 8 } });
      hovers.push(ms(t));
      t = process.hrtime.bigint();
      await client.conn.sendRequest('textDocument/documentHighlight', { textDocument: { uri }, position: { line: 0, character: 0 } }).catch(() => undefined);
      trips.push(ms(t));
    }
    report('hover latency p50 / p99 (1,000 requests)', `${percentile(hovers, 50).toFixed(2)} / ${percentile(hovers, 99).toFixed(2)} ms`, `bare round trip p99 ${percentile(trips, 99).toFixed(2)} ms`, `${(percentile(hovers, 99) / percentile(trips, 99)).toFixed(1)}× at p99`, '≤ 1.3× at p99', 'hover p99', `${(percentile(hovers, 99) / percentile(trips, 99)).toFixed(2)}x`);
    report('server peak memory after indexing', `${client.peakRssMB().toFixed(0)} MB`, '—', '—', '≤ 300 MB', 'index peak memory', `${client.peakRssMB().toFixed(0)} MB`);
    // Shutting down writes the workspace cache; a new server on the same folder starts from it.
    await client.stop();
    await new Promise<void>((done) => client.proc.once('exit', () => done()));
    const reopened = await indexed(dir, cache);
    await reopened.client.stop();
    const ratio = reopened.ms / index;
    report(`reopen the ${paths.length} files (warm workspace cache)`, `${reopened.ms.toFixed(0)} ms`, `cold index ${index.toFixed(0)} ms`, `${ratio.toFixed(2)}×`, '≤ 0.2×', 'reopen', `${ratio.toFixed(2)}x`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(cache, { recursive: true, force: true });
  }
}

/**
 * A results document of about `mb` megabytes shaped like a large real lm-eval v0.4 file: a few thousand tasks,
 * most of the bytes in `configs` (each task's full YAML dump, prompt templates included).
 */
function bigDocument(mb: number): string {
  const tasks = Math.max(20, Math.round(mb * 100));
  // Every other task far above the chance-level smaller models on disk: emergent, so it carries diagnostics.
  const doc = JSON.parse(resultsFile('6.9b', 143000, tasks, (t) => (t % 2 ? 0.8 : 0.26)));
  const template = 'Question: {{question}}\nChoices:\n{% for c in choices %}- {{c}}\n{% endfor %}Answer:'.repeat(4);
  const configFor = (t: number) => ({ task: `mmlu_bench_${t}`, dataset_path: 'bench/data', doc_to_text: template, description: 'x'.repeat(Math.round((mb * 1024 * 1024) / tasks) - 600), metric_list: [{ metric: 'acc' }, { metric: 'acc_norm' }], num_fewshot: 0 });
  doc.configs = Object.fromEntries(Array.from({ length: tasks }, (_, t) => [`mmlu_bench_${t}`, configFor(t)]));
  return JSON.stringify(doc, null, 2);
}

/**
 * Real files rather than generated ones: the five Mamba-2 results files of the shared samples (lm-eval v0.4.3,
 * 95 KB each, most of it `configs`), copied as the five sizes of `copies` families, as a
 * leaderboard of many families would have them. Generated files are small and all results; real ones are mostly
 * text the reading must let go of, and many families make many series.
 */
async function benchRealFiles(copies: number): Promise<void> {
  if (samplesMissing) {
    console.log(`real files: ${samplesMissing}`);
    return;
  }
  const source = join(samplesDir, 'lm-eval-v0.4-mamba2/results-0.4.3');
  const sizes = readdirSync(source);
  const dir = mkdtempSync(join(tmpdir(), 'el-bench-real-'));
  try {
    for (const size of sizes) {
      const newest = readdirSync(join(source, size)).sort().pop()!;
      const text = readFileSync(join(source, size, newest), 'utf8');
      const [org, model] = size.split('__');
      for (let c = 1; c <= copies; c++) {
        // mamba2-run<c>-1.3b: a family of its own (the organisation alone would not tell families apart).
        const renamed = model.replace('mamba2', `mamba2-run${c}`);
        const folder = join(dir, `${org}__${renamed}`);
        mkdirSync(folder);
        writeFileSync(join(folder, newest), text.replaceAll(`${org}/${model}`, `${org}/${renamed}`));
      }
    }
    const paths = readdirSync(dir).flatMap((d) => readdirSync(join(dir, d)).map((f) => join(dir, d, f)));
    const start = process.hrtime.bigint();
    for (const path of paths) JSON.parse(await readFile(path, 'utf8'));
    const bare = ms(start);
    const { client, ms: index } = await indexed(dir);
    const ratio = `${(index / bare).toFixed(2)}x`;
    report(`index ${paths.length} real lm-eval files (${copies} families of Mamba-2's 5 sizes, configs included)`, `${index.toFixed(0)} ms`, `readFile+JSON.parse ${bare.toFixed(0)} ms`, `${(index / bare).toFixed(1)}×`, '—', 'index real files', ratio);
    report('server peak memory after indexing the real files', `${client.peakRssMB().toFixed(0)} MB`, '—', '—', '—', 'index real files peak memory', `${client.peakRssMB().toFixed(0)} MB`);
    await client.stop();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchOpen(mb: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'el-bench-open-'));
  try {
    // Two smaller sizes on disk so the big document's tasks form series.
    for (const size of ['160m', '1b']) writeFileSync(join(dir, `results_${size}.json`), resultsFile(size, 143000, 2000, () => 0.25));
    const text = bigDocument(mb);
    const file = join(dir, 'results_big.json');
    const uri = pathToFileURL(file).href;
    let start = process.hrtime.bigint();
    JSON.parse(text);
    const bare = ms(start);

    const { client } = await indexed(dir);
    const before = client.peakRssMB();
    start = process.hrtime.bigint();
    const published = client.next((method, params) => method === 'textDocument/publishDiagnostics' && params.uri === uri);
    client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version: 1, text } });
    await published;
    const open = ms(start);
    report(`open a ${(text.length / 1024 / 1024).toFixed(0)} MB results document: first diagnostics`, `${open.toFixed(0)} ms`, `JSON.parse ${bare.toFixed(0)} ms`, `${(open / bare).toFixed(1)}×`, '—');
    report(`server peak memory with the ${(text.length / 1024 / 1024).toFixed(0)} MB document open`, `${client.peakRssMB().toFixed(0)} MB`, `${before.toFixed(0)} MB before opening`, `${(client.peakRssMB() / Math.max(before, 1)).toFixed(1)}×`, '—');
    await client.stop();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchEdit(mb: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'el-bench-edit-'));
  try {
    for (const size of ['160m', '1b']) writeFileSync(join(dir, `results_${size}.json`), resultsFile(size, 143000, 200, () => 0.25));
    const text = bigDocument(mb);
    const uri = pathToFileURL(join(dir, 'results_edit.json')).href;
    const { client } = await indexed(dir);
    let published = client.next((method, params) => method === 'textDocument/publishDiagnostics' && params.uri === uri);
    client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version: 1, text } });
    await published;
    const edits: number[] = [];
    const parses: number[] = [];
    let current = text;
    // BENCH_EDITS: more edits, for a profile of the edits rather than of the first open.
    for (let i = 0; i < Number(process.env.BENCH_EDITS ?? 30); i++) {
      // Insert a line at the top: every later range moves, so diagnostics must be republished.
      current = current.replace('{\n', `{\n  "note_${i}": ${i},\n`);
      let start = process.hrtime.bigint();
      JSON.parse(current);
      parses.push(ms(start));
      published = client.next((method, params) => method === 'textDocument/publishDiagnostics' && params.uri === uri);
      start = process.hrtime.bigint();
      client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: i + 2 }, contentChanges: [{ text: current }] });
      await published;
      edits.push(ms(start));
    }
    report(`edit a ${(text.length / 1024 / 1024).toFixed(1)} MB document: didChange → diagnostics (p50)`, `${percentile(edits, 50).toFixed(1)} ms`, `JSON.parse p50 ${percentile(parses, 50).toFixed(1)} ms`, `${(percentile(edits, 50) / percentile(parses, 50)).toFixed(1)}×`, '≤ 15 ms', 'edit p50', `${percentile(edits, 50).toFixed(1)} ms`);
    await client.stop();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A per-sample log of about `mb` megabytes: multiple-choice records with per-choice log-likelihoods. */
async function writeSamplesLog(file: string, mb: number): Promise<void> {
  const out = createWriteStream(file);
  const choices = ['Paris', 'London', 'Rome', 'Berlin'];
  let written = 0;
  for (let i = 0; written < mb * 1024 * 1024; i++) {
    const resps = choices.map((_, c) => [[String(-1 - ((i * 7 + c * 13) % 17) / 3), 'False']]);
    const line = JSON.stringify({ doc_id: i, doc: { question: `Question ${i}: which city is the capital?`, choices, answer: i % 4 }, target: i % 4, arguments: {}, resps, filtered_resps: resps.map((r) => r[0]), acc: (i * 31) % 3 === 0 ? 1 : 0 }) + '\n';
    written += line.length;
    if (!out.write(line)) await new Promise<void>((done) => out.once('drain', () => done()));
  }
  await new Promise<void>((done) => out.end(() => done()));
}

async function benchSamples(mb: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'el-bench-samples-'));
  try {
    const file = join(dir, 'bench__lm-1b', 'samples_mmlu_bench_2025-01-01T00-00-00.jsonl');
    mkdirSync(join(dir, 'bench__lm-1b'));
    await writeSamplesLog(file, mb);
    const side = (mode: string) => JSON.parse(spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'samples-stream.ts'), mode, file], { encoding: 'utf8', maxBuffer: 1 << 20 }).stdout) as { ms: number; maxRssMB: number };
    const bare = side('bare');
    const lens = side('lens');
    const size = `${(statSync(file).size / 2 ** 20).toFixed(0)} MB`;
    report(`stream a ${size} per-sample log (re-scored)`, `${lens.ms.toFixed(0)} ms`, `readline+JSON.parse ${bare.ms.toFixed(0)} ms`, `${(lens.ms / bare.ms).toFixed(1)}×`, '—');
    report(`peak memory reading the ${size} log`, `${lens.maxRssMB.toFixed(0)} MB`, `readline+JSON.parse ${bare.maxRssMB.toFixed(0)} MB`, `${(lens.maxRssMB / bare.maxRssMB).toFixed(1)}×`, 'grows with documents, not bytes');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The same large document through our server and through vscode-json-languageserver (the server VS Code uses for
 * JSON), each in a fresh process: time to first diagnostics and peak memory, side by side.
 */
async function benchPeer(mb: number): Promise<void> {
  const peerScript = join(ROOT, 'node_modules/vscode-json-languageserver/out/node/jsonServerMain.js');
  const dir = mkdtempSync(join(tmpdir(), 'el-bench-peer-'));
  try {
    const text = bigDocument(mb);
    const uri = pathToFileURL(join(dir, 'results_big.json')).href;
    const measure = async (script: string) => {
      const client = new Client(script);
      await client.start(dir);
      client.conn.sendNotification('initialized', {});
      const start = process.hrtime.bigint();
      const published = client.next((method, params) => method === 'textDocument/publishDiagnostics' && params.uri === uri, 'diagnostics');
      client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version: 1, text } });
      await published;
      const result = { ms: ms(start), rss: client.peakRssMB() };
      await client.stop();
      return result;
    };
    const ours = await measure(SERVER);
    const peer = await measure(peerScript);
    const size = `${(text.length / 2 ** 20).toFixed(0)} MB`;
    report(`peer: open a ${size} document, first diagnostics`, `Emergence Lens ${ours.ms.toFixed(0)} ms`, `vscode-json-languageserver ${peer.ms.toFixed(0)} ms`, `${(ours.ms / peer.ms).toFixed(1)}×`, '—');
    report(`peer: peak memory with the ${size} document`, `Emergence Lens ${ours.rss.toFixed(0)} MB`, `vscode-json-languageserver ${peer.rss.toFixed(0)} MB`, `${(ours.rss / peer.rss).toFixed(1)}×`, '—');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  console.log(`Emergence Lens benchmarks — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB\n`);
  // BENCH_ONLY=index,edit runs only the named scenarios (index, real, open, edit, samples, peer, inspect, sweep).
  const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
  const run = (name: string) => !only || only.includes(name);
  if (run('index')) await benchIndex(Number(process.env.BENCH_FILES ?? 5000));
  if (run('real')) await benchRealFiles(Number(process.env.BENCH_REAL_COPIES ?? 200));
  if (run('open')) await benchOpen(20);
  if (run('edit')) await benchEdit(1);
  if (run('samples')) await benchSamples(Number(process.env.BENCH_SAMPLES_MB ?? 300));
  if (run('peer')) await benchPeer(20);
  if (run('inspect')) await benchInspectArchives(Number(process.env.BENCH_ARCHIVES ?? 1000), report);
  if (run('sweep')) await benchSweep(Number(process.env.BENCH_SWEEP_MODELS ?? 20), Number(process.env.BENCH_SWEEP_ITEMS ?? 20_000), report);
  console.log('\n| measurement | result | baseline (same run) | ratio | goal |\n|---|---|---|---|---|');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

if (require.main === module) main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
