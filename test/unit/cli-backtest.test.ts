// `emergence-lens backtest` as a user runs it (the bundled dist/cli.js) on the example workspace.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';

const root = resolve(__dirname, '../..');

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [join(root, 'dist/cli.js'), ...args], { cwd: root, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface Row {
  task: string;
  metric: string;
  family: string;
  actual: { params: number };
  predicted: { params: number; low: number; high: number } | null;
  method: string | null;
  errorDecades: number | null;
  covered: boolean | null;
}

describe('emergence-lens backtest', () => {
  const { code, stdout } = run('backtest', 'examples', '--json');
  type Summary = { series: number; medianErrorDecades: number | null; coverage: number | null };
  const doc = JSON.parse(stdout) as { backtests: Row[]; summary: Summary; byMethod: Record<string, Summary> };
  const emergent = (JSON.parse(run('analyze', 'examples', '--json').stdout) as { series: { verdict: string }[] }).series.filter((s) => s.verdict === 'emergent');

  it('prints the documented JSON document, one summary over every emergent series', () => {
    assert.equal(code, 0);
    assert.deepEqual(Object.keys(doc), ['backtests', 'summary', 'byMethod']);
    assert.deepEqual(Object.keys(doc.summary), ['series', 'medianErrorDecades', 'coverage']);
    for (const r of doc.backtests) assert.deepEqual(Object.keys(r), ['task', 'metric', 'family', 'filter', 'shots', 'fromSamples', 'actual', 'predicted', 'method', 'errorDecades', 'covered']);
    assert.equal(doc.summary.series, emergent.length);
    // The two gsm8k exact-match rows of toy-lm are told apart by their filter: the harness's and its per-sample re-score.
    const gsm8k = doc.backtests.filter((r) => r.task.startsWith('gsm8k') && r.metric === 'exact_match') as unknown as { filter: string; fromSamples: boolean }[];
    assert.deepEqual(gsm8k.map((r) => [r.filter, r.fromSamples]).sort(), [['strict-match (per-sample)', true], ['strict-match', false]]);
  });

  it('forecasts word unscrambling from the models below 175B and places it between 13B and 175B', () => {
    const r = doc.backtests.find((x) => x.task === 'word_unscramble')!;
    assert.equal(r.method, 'continuous-chain');
    // The hidden models put the crossing between the last model near chance and the first clearly above it.
    assert.ok(r.actual.params > 13e9 && r.actual.params < 175e9, String(r.actual.params));
    assert.ok(r.predicted && r.predicted.low <= r.predicted.params && r.predicted.params <= r.predicted.high);
    assert.equal(r.covered, r.predicted.low <= r.actual.params && r.actual.params <= r.predicted.high);
    assert.ok(Math.abs(r.errorDecades! - Math.log10(r.predicted.params / r.actual.params)) < 1e-9);
  });

  it('says why a series got no forecast, and what data would give one', () => {
    const r = doc.backtests.find((x) => x.task === 'arithmetic_3da')!;
    assert.equal(r.predicted, null);
    assert.equal(r.method, null);
    const text = run('backtest', 'examples').stdout;
    assert.match(text, /arithmetic_3da.*continuous-metric chain: no graded metric of this task in the data: log the samples/);
    assert.match(text, /All methods: \d+ forecasts over \d+ emergent series; median error [\d.]+ decades/);
  });

  it('summarises with the median absolute error and the share of intervals that held the actual scale', () => {
    const made = doc.backtests.filter((r) => r.errorDecades !== null);
    const errors = made.map((r) => Math.abs(r.errorDecades!)).sort((a, b) => a - b);
    const mid = errors.length / 2;
    const median = errors.length % 2 ? errors[Math.floor(mid)] : (errors[mid - 1] + errors[mid]) / 2;
    assert.ok(Math.abs(doc.summary.medianErrorDecades! - median) < 1e-12);
    assert.equal(doc.summary.coverage, made.filter((r) => r.covered).length / made.length);
  });

  it('summarises each method over its own forecasts', () => {
    const methods = [...new Set(doc.backtests.flatMap((r) => (r.method ? [r.method] : [])))].sort();
    assert.deepEqual(Object.keys(doc.byMethod).sort(), methods);
    for (const method of methods) {
      const made = doc.backtests.filter((r) => r.method === method);
      const s = doc.byMethod[method];
      assert.equal(s.series, made.length, method);
      assert.equal(s.coverage, made.filter((r) => r.covered).length / made.length, method);
      const errors = made.map((r) => Math.abs(r.errorDecades!)).sort((a, b) => a - b);
      const mid = errors.length / 2;
      const median = errors.length % 2 ? errors[Math.floor(mid)] : (errors[mid - 1] + errors[mid]) / 2;
      assert.ok(Math.abs(s.medianErrorDecades! - median) < 1e-12, method);
    }
  });

  it('prints what the README shows under "$ node dist/cli.js backtest examples" (npm run readme:demo rewrites it)', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const block = readme.split('$ node dist/cli.js backtest examples\n')[1]?.split('\n```')[0];
    assert.equal(block, run('backtest', 'examples').stdout.trimEnd());
  });
});
