// The CLI as a user runs it: the bundled dist/cli.js on the example workspace and on broken input.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { offsetFamiliesCsv } from '../helpers/offset-families';

const root = resolve(__dirname, '../..');
const cli = join(root, 'dist/cli.js');

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface JsonSeries {
  task: string;
  subtask: string | null;
  metric: string;
  family: string;
  verdict: string;
  emergenceScale: { params: number | null; flops: number | null } | null;
  baseline: { value: number; source: string; assumed: boolean } | null;
  breakthroughness: number | null;
  points: { model: string; params: number | null; score: number; file: string; line: number }[];
}

describe('emergence-lens analyze', () => {
  const { code, stdout } = run('analyze', 'examples', '--json');
  const doc = JSON.parse(stdout) as { series: JsonSeries[]; problems: unknown[] };
  const find = (task: string, metric: string, subtask?: string) => doc.series.find((s) => s.task === task && s.metric === metric && (subtask === undefined || s.subtask === subtask));

  it('exits 0 and reports every verdict the examples were made to show', () => {
    assert.equal(code, 0);
    const verdicts = new Set(doc.series.map((s) => s.verdict));
    for (const v of ['emergent', 'smooth', 'flat', 'inverse', 'u-shaped', 'saturated', 'insufficient']) assert.ok(verdicts.has(v), `no ${v} series`);
  });

  it('joins one-model-per-file lm-eval results into a family series and finds the emergent task', () => {
    const s = find('arithmetic_3da', 'acc');
    assert.ok(s, 'arithmetic_3da series');
    assert.equal(s.points.length, 7);
    assert.equal(s.verdict, 'emergent');
    assert.ok(s.emergenceScale?.params && s.emergenceScale.params > 1e9, JSON.stringify(s.emergenceScale));
    // Each point points back at the file and line that hold it.
    for (const p of s.points) assert.match(p.file, /results_.*\.json$/);
    assert.ok(s.points.every((p) => p.line > 1));
  });

  it('keeps lower-is-better perplexity from being called inverse scaling', () => {
    assert.equal(find('lambada_openai', 'perplexity')?.verdict, 'smooth');
  });

  it('reads the random baseline of a table and the BIG-bench low_score, and says where each came from', () => {
    assert.deepEqual(find('redefine_math', 'accuracy')?.baseline?.source, 'file');
    assert.equal(find('mmlu', 'acc')?.baseline?.assumed, true);
    const bb = doc.series.find((s) => s.family === 'BIG-G T=0' && s.metric === 'exact_str_match');
    assert.equal(bb?.baseline?.source, 'file');
  });

  it('prints a readable table sorted with emergent series first', () => {
    const table = run('analyze', 'examples');
    assert.equal(table.code, 0);
    const lines = table.stdout.split('\n');
    assert.match(lines[0], /verdict\s+task\s+metric/);
    assert.match(lines[2], /emergent/);
    assert.match(table.stdout, /\d+ series: /);
  });

  it('prints what the README shows under "$ node dist/cli.js analyze examples" (npm run readme:demo rewrites it)', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const block = readme.split('$ node dist/cli.js analyze examples\n')[1]?.split('\n```')[0];
    assert.equal(block, run('analyze', 'examples').stdout.trimEnd());
  });

  it('counts each verdict in the summary line under the label its rows carry', () => {
    const out = run('analyze', 'examples').stdout;
    const rows = out.split('\n').filter((l) => /^\S+ (at chance|emergent)/.test(l));
    const atChance = rows.filter((l) => l.includes('at chance')).length;
    assert.ok(atChance > 0);
    assert.match(out, new RegExp(`\\b${atChance} at chance\\b`));
  });

  it('reports a malformed file as a problem with a position and still analyses the rest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'el-cli-'));
    writeFileSync(join(dir, 'broken.json'), '{"results": {"arc_easy": {"acc": 0.5, "acc_stderr": 0.01}, "piqa": {"acc": ');
    writeFileSync(join(dir, 'package.json'), '{"name": "not-results", "version": "1.0.0"}');
    const out = run('analyze', dir, 'examples/tables', '--json');
    assert.equal(out.code, 0);
    const result = JSON.parse(out.stdout) as { series: JsonSeries[]; problems: { file: string; line: number; column: number; severity: string }[] };
    const problem = result.problems.find((p) => p.file.endsWith('broken.json'));
    assert.ok(problem, 'a problem for broken.json');
    assert.equal(problem.severity, 'error');
    assert.equal(problem.line, 1);
    assert.ok(problem.column > 50, `column ${problem.column}`);
    assert.ok(!result.problems.some((p) => p.file.endsWith('package.json')), 'package.json is not results: no noise');
    assert.ok(result.series.some((s) => s.task === 'word_unscramble'));
  });

  it('exits 1 when nothing could be read and 2 on a usage error', () => {
    assert.equal(run('analyze', '/nonexistent/path').code, 1);
    assert.equal(run('analyze').code, 2);
    assert.equal(run('analyze', 'examples', '--x', 'years').code, 2);
  });
});

describe('emergence-lens analyze: forecasts', () => {
  it('gives each series still at chance its forecasts by every method, or why there is none, in the JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'el-cli-forecast-'));
    writeFileSync(join(dir, 'families.csv'), offsetFamiliesCsv());
    const out = run('analyze', join(dir, 'families.csv'), '--json');
    assert.equal(out.code, 0, out.stderr);
    type Forecast = { level: number; forecasts: { method: string; scale: { value: number; low: number; high: number } }[]; none: { method: string; why: string }[] } | null;
    const series = (JSON.parse(out.stdout) as { series: { family: string; task: string; verdict: string; forecast: Forecast }[] }).series;
    const late = series.find((s) => s.family === 'late' && s.task === 'target')!;
    assert.deepEqual(late.forecast?.forecasts.map((f) => f.method), ['observational']);
    const { value, low, high } = late.forecast!.forecasts[0].scale;
    assert.ok(low <= value && value <= high && value > 1e9, JSON.stringify(late.forecast));
    assert.match(late.forecast!.none.find((n) => n.method === 'continuous-chain')!.why, /no graded metric of this task/);
    // An emergent series has its answer in the data.
    assert.equal(series.find((s) => s.family === 'early' && s.task === 'target')!.forecast, null);
  });
});

describe('emergence-lens report', () => {
  it('draws the forecast the whole workspace gives, as the editor does: the observational one of a family at chance', () => {
    const dir = mkdtempSync(join(tmpdir(), 'el-cli-report-'));
    writeFileSync(join(dir, 'families.csv'), offsetFamiliesCsv());
    const out = run('report', join(dir, 'families.csv'), '-o', join(dir, 'report.html'));
    assert.equal(out.code, 0, out.stderr);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    const data = JSON.parse(/<script type="application\/json" id="el-data">([^<]*)<\/script>/.exec(html)![1]) as { series: { family: string; task: string; forecast: { method: string } | null }[] };
    const marked = data.series.filter((s) => s.forecast).map((s) => [s.family, s.task, s.forecast!.method]);
    assert.deepEqual(marked, [['late', 'target', 'observational capability']]);
  });
});
