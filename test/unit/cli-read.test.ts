// `emergence-lens read` as a user runs it (the bundled dist/cli.js): one file of every format, as text and as JSON.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { groupTableAlone, samplesDir, samplesMissing } from '../fixtures/readers/support';

const root = resolve(__dirname, '../..');

function read(...args: (string | string[])[]) {
  const result = spawnSync(process.execPath, [join(root, 'dist/cli.js'), 'read'].concat(args.flat()), { cwd: root, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface ReadJson {
  files: { file: string; format: string | null; observations: { model: string; params: number | null; paramsSource: string | null; task: string; shots: number | null; metric: string; score: number; stderr: number | null; n: number | null; attempts: number | null; line: number; column: number }[]; problems: { severity: string; message: string }[] }[];
}

const SAMPLES: [format: string, file: string, model: string, task: string, metric: string][] = [
  ['inspect-json', 'inspect-ai-tests/tests/log/test_eval_log/log_formats.json', 'llama3.1', 'popularity', 'accuracy'],
  ['inspect-eval', 'inspect-ai-tests/tests/log/test_eval_log/log_streaming.eval', 'Meta-Llama-3-1-405B-Instruct-jqf', 'popularity', 'accuracy'],
  ['inspect-eval-set', 'inspect-ai-eval-sets/log-sets/set2/logs.json', 'gpt-5', 'popularity', 'accuracy'],
  ['lighteval', 'lighteval-open-r1-olmo/results/results/EleutherAI/pythia-14m/results_2025-05-02T22-18-48.675173.json', 'EleutherAI/pythia-14m', 'aime24', 'extractive_match'],
  ['lighteval-details', 'lighteval-open-r1-olmo/results/details/EleutherAI/pythia-14m/2025-05-02T22-18-48.675173/details_lighteval|aime24|0_2025-05-02T22-18-48.675173.parquet', 'EleutherAI/pythia-14m', 'aime24', 'extractive_match'],
  ['helm-stats', 'helm-bbq/benchmark_output_bbq/runs/v1/bbq:subject=all,method=multiple_choice_joint,model=meta_llama-3-8b/stats.json', 'meta/llama-3-8b', 'bbq', 'exact_match'],
  ['helm-per-instance', 'helm-bbq/benchmark_output_bbq/runs/v1/bbq:subject=all,method=multiple_choice_joint,model=meta_llama-3-8b/per_instance_stats.json', 'meta/llama-3-8b', 'bbq', 'exact_match'],
  // Alone: beside its run folders, the runs are read instead (groupTableAlone).
  ['helm-group', 'helm-bbq/benchmark_output_bbq/runs/v1/groups/json/bbq_bbq_subject:all.json', 'meta/llama-3-8b', 'BBQ', 'EM'],
  ['wide-csv', 'wide-csv-open-llm-leaderboard/csv/huggingface_v2.csv', 'EleutherAI/pythia-160m', 'gpqa', 'score'],
  ['lm-eval-v0.4', 'lm-eval-v0.4.13-qwen3/outputs/qwen3-8b/negotiationtom/Qwen__Qwen3-8B/results_2026-07-08T18-15-33.115417.json', 'Qwen/Qwen3-8B', 'negotiationtom_belief', 'acc'],
];

describe('emergence-lens read', () => {
  it('lists a tidy table: format, then model, size with its source, task, shots, metric, score and place', () => {
    const { code, stdout } = read('examples/tables/word-unscramble.csv');
    assert.equal(code, 0);
    const [title, head] = stdout.split('\n');
    assert.match(title, /word-unscramble\.csv: table-csv, \d+ scores$/);
    assert.deepEqual(head.trim().split(/\s{2,}/), ['model', 'size', 'family', 'task', 'shots', 'metric', 'score', 'stderr', 'n', 'at']);
    assert.match(stdout, /\(file\)|\(from "/);
  });

  it('reads one file of every format, as JSON with 1-based places', { skip: samplesMissing }, () => {
    const place = ([format, file]: (typeof SAMPLES)[number]) => (format === 'helm-group' ? groupTableAlone(file) : join(samplesDir, file));
    const paths = SAMPLES.map(place);
    const { code, stdout } = read('--json', paths);
    assert.equal(code, 0);
    const doc = JSON.parse(stdout) as ReadJson;
    for (const [i, [format, file, model, task, metric]] of SAMPLES.entries()) {
      const entry = doc.files.find((f) => f.file === paths[i]);
      assert.equal(entry?.format, format, file);
      const o = entry!.observations.find((x) => x.model === model && x.task === task && x.metric === metric);
      assert.ok(o, `${file}: ${model} ${task} ${metric}`);
      assert.ok(o.line >= 1 && o.column >= 1, file);
    }
    const helm = doc.files.find((f) => f.format === 'helm-stats')!.observations.find((o) => o.metric === 'exact_match')!;
    assert.deepEqual([helm.shots, helm.n, helm.stderr, helm.paramsSource !== null], [5, 50, null, true]);
    // set2: 10 samples × 5 epochs reduced by their mean.
    const set = doc.files.find((f) => f.format === 'inspect-eval-set')!.observations.find((o) => o.metric === 'accuracy')!;
    assert.deepEqual([set.n, set.attempts], [10, 50]);
  });

  it('says which scores the file wrote in percent and why: squad2 beside fractions in an lm-eval v0.3 file', { skip: samplesMissing }, () => {
    const file = join(samplesDir, 'lm-eval-v0.3-bloom-xglm/results/bloom/bloom-1b1/bloom-1b1_question_answering_0-shot.json');
    const raw = JSON.parse(readFileSync(file, 'utf8')).results as Record<string, Record<string, number>>;
    const text = read(file).stdout;
    const f1 = text.split('\n').find((l) => / squad2 .* f1 /.test(l))!;
    assert.ok(f1.includes(`${+(raw.squad2.f1 / 100).toPrecision(6)} (${+raw.squad2.f1.toPrecision(6)} %)`), `the fraction, and the percentage the file wrote: ${f1}`);
    assert.match(text, /^  read as percentages: exact, f1, .*\(the metric is written in percent\)$/m);
    const doc = JSON.parse(read('--json', file).stdout) as { files: { observations: { task: string; metric: string; score: number; percent: string | null }[] }[] };
    const byKey = (task: string, metric: string) => doc.files[0].observations.find((o) => o.task === task && o.metric === metric)!;
    assert.equal(byKey('squad2', 'f1').percent, 'the metric is written in percent');
    assert.equal(byKey('webqs', 'acc').percent, null, 'a fraction beside them stays one');
    assert.equal(byKey('webqs', 'acc').score, raw.webqs.acc);
  });

  it('shows the tries behind n where items were tried several times: 10 × 5 tries for set2 (5 epochs)', { skip: samplesMissing }, () => {
    const text = read(join(samplesDir, 'inspect-ai-eval-sets/log-sets/set2/logs.json')).stdout;
    const rows = text.split('\n').filter((l) => / accuracy /.test(l));
    assert.equal(rows.length, 3);
    assert.ok(rows.every((l) => / 10 × 5 tries /.test(l)), rows.join('\n'));
  });

  it('reads a wide TSV (a model per row, a benchmark per column) as one score per cell, each at its place', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lens-read-'));
    const file = join(dir, 'paper-table.tsv');
    writeFileSync(file, 'model\tparams\tmmlu\tarc_challenge\norg/toy-160m\t160M\t0.251\t0.22\norg/toy-1.4b\t1.4B\t0.262\t0.31\n');
    const doc = JSON.parse(read('--json', file).stdout) as ReadJson;
    const [entry] = doc.files;
    assert.equal(entry.format, 'wide-tsv');
    assert.deepEqual(
      entry.observations.map((o) => [o.model, o.params, o.task, o.score, o.line, o.column]),
      [
        ['org/toy-160m', 160e6, 'mmlu', 0.251, 2, 19],
        ['org/toy-160m', 160e6, 'arc_challenge', 0.22, 2, 25],
        ['org/toy-1.4b', 1.4e9, 'mmlu', 0.262, 3, 19],
        ['org/toy-1.4b', 1.4e9, 'arc_challenge', 0.31, 3, 25],
      ],
    );
  });

  it('prints the problems of a file after its rows, and "not a results file" for one asked for by name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lens-read-'));
    writeFileSync(join(dir, 'notes.json'), '{"name": "x"}');
    writeFileSync(join(dir, 'log.eval'), new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]));
    const { code, stdout } = read(join(dir, 'notes.json'), join(dir, 'log.eval'));
    assert.equal(code, 0);
    assert.match(stdout, /notes\.json: not a results file/);
    assert.match(stdout, /log\.eval: inspect-eval, 0 scores\n {2}.*log\.eval:1:1: error: cannot read this Inspect log archive/);
  });

  it('exits 1 when nothing could be read', () => {
    assert.equal(read('/no/such/file.json').code, 1);
  });
});
