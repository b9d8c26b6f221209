// lighteval (results JSON and details Parquet) and HELM (run folders and group tables) read in place from
// shared/samples, one test per trap of SOURCES.md. Expected values are read from the files with JSON.parse.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analysis-host';
import { resolveModel } from '../../server/src/core/scale';
import type { Observation } from '../../server/src/core/types';
import { collectFiles, readResultsFile } from '../../server/src/io/files';
import { readResultsText } from '../../server/src/readers';
import { findOne, groupTableAlone, samplesDir, samplesMissing, sliceRange } from '../fixtures/readers/support';

const path = (p: string) => join(samplesDir, p);
const json = (p: string) => JSON.parse(readFileSync(path(p), 'utf8'));

async function readAll(folder: string): Promise<Observation[]> {
  const { files } = await collectFiles([path(folder)]);
  const out: Observation[] = [];
  for (const f of files) for (const o of (await readResultsFile(f)).observations) out.push(o);
  return out;
}

const OLMO = 'lighteval-open-r1-olmo/results';
const PYTHIA_RESULTS = `${OLMO}/results/EleutherAI/pythia-14m/results_2025-05-02T22-18-48.675173.json`;
const OLMO_RESULTS = `${OLMO}/results/Neelectric/OLMo-2-1124-7B-Instruct_SFTv02.00/results_2025-05-13T16-25-16.698233.json`;
const PYTHIA_DETAILS = `${OLMO}/details/EleutherAI/pythia-14m/2025-05-02T22-18-48.675173/details_lighteval|aime24|0_2025-05-02T22-18-48.675173.parquet`;
const OLMO_DETAILS = `${OLMO}/details/Neelectric/OLMo-2-1124-7B-Instruct_SFTv02.00/2025-05-13T16-25-16.698233/details_lighteval|gpqa:diamond|0_2025-05-13T16-25-16.698233.parquet`;

describe('lighteval', { skip: samplesMissing }, () => {
  it('splits "suite|task|shots" keys only on "|", keeps ":" "@" and "&" in task and metric names, and skips "all"', async () => {
    const raw = json(OLMO_RESULTS).results['lighteval|gpqa:diamond|0'];
    const result = await readResultsFile(path(OLMO_RESULTS));
    assert.equal(result.format, 'lighteval');
    assert.deepEqual(result.problems, []);
    const metrics = Object.keys(raw).filter((k) => !k.endsWith('_stderr'));
    assert.deepEqual(result.observations.map((o) => o.metric), metrics, 'the "all" pseudo-task adds nothing');
    const o = findOne(result.observations, { metric: 'gpqa_pass@1:4_samples' });
    assert.deepEqual([o.task, o.shots, o.score, o.stderr, o.n], ['gpqa:diamond', 0, raw['gpqa_pass@1:4_samples'], raw['gpqa_pass@1:4_samples_stderr'], 198]);
    assert.equal(o.higherIsBetter, true);
    assert.equal(Number(sliceRange(readFileSync(path(OLMO_RESULTS), 'utf8'), o.range)), o.score);
    const safety = await readAll('lighteval-open-r1-safety');
    assert.ok(safety.every((s) => s.metric === 'pass@k_with_k&n' && s.task === 'math_500'));
    assert.ok(safety.every((s) => s.higherIsBetter === true), "newer files name the direction under config_tasks[…].metrics");
  });

  it('pythia-14m scores exactly 0 on AIME (the floor) and OLMo ≈ chance on 4-choice GPQA', async () => {
    const pythia = (await readResultsFile(path(PYTHIA_RESULTS))).observations;
    assert.ok(pythia.length === 2 && pythia.every((o) => o.score === 0 && o.task === 'aime24' && o.n === 30));
    const olmo = (await readResultsFile(path(OLMO_RESULTS))).observations;
    assert.ok(olmo.every((o) => o.score > 0.25 && o.score < 0.29));
  });

  it('knows a lighteval file by its keys however they are written (a key spelled with a JSON escape)', () => {
    const text = readFileSync(path(OLMO_RESULTS), 'utf8');
    const escaped = text.replace('"config_general"', '"config\\u005fgeneral"');
    assert.notEqual(escaped, text);
    const plain = readResultsText(path(OLMO_RESULTS), text);
    const read = readResultsText(path(OLMO_RESULTS), escaped);
    assert.equal(read.format, 'lighteval');
    assert.deepEqual(
      read.observations.map((o) => [o.task, o.metric, o.score]),
      plain.observations.map((o) => [o.task, o.metric, o.score]),
    );
  });

  it('config_general.model_size is bytes, never a parameter count', () => {
    const doc = json(PYTHIA_RESULTS);
    doc.config_general.model_size = 28_000_000;
    const o = readResultsText('/x/results_2025.json', JSON.stringify(doc)).observations[0];
    assert.equal(o.model.params, undefined);
    assert.notEqual(resolveModel(o.model).paramsSource, 'file');
  });

  it('five checkpoints named only by model_config.revision are a training sweep, not one model five times', async () => {
    const observations = await readAll('lighteval-open-r1-safety');
    const sweep = observations.filter((o) => o.model.name === 'Neelectric/Llama-3.1-8B-Instruct_SFT_MoT_mathv00.01');
    assert.deepEqual(sweep.map((o) => o.model.step).sort((a, b) => a! - b!), [1172, 2344, 3516, 4688, 5859]);
    const byStep = new Map(sweep.map((o) => [o.model.step, o.score]));
    const folders = readdirSync(path('lighteval-open-r1-safety/data/evals_no_chat_template/Neelectric/Llama-3.1-8B-Instruct_SFT_MoT_mathv00.01'));
    for (const folder of folders) {
      const [file] = readdirSync(path(`lighteval-open-r1-safety/data/evals_no_chat_template/Neelectric/Llama-3.1-8B-Instruct_SFT_MoT_mathv00.01/${folder}/results/Neelectric/Llama-3.1-8B-Instruct_SFT_MoT_mathv00.01`));
      const doc = json(`lighteval-open-r1-safety/data/evals_no_chat_template/Neelectric/Llama-3.1-8B-Instruct_SFT_MoT_mathv00.01/${folder}/results/Neelectric/Llama-3.1-8B-Instruct_SFT_MoT_mathv00.01/${file}`);
      assert.equal(byStep.get(Number(/step-0*(\d+)/.exec(doc.config_general.model_config.revision)![1])), doc.results['lighteval|math_500|0']['pass@k_with_k&n']);
    }
    const series = analyze(sweep).series.find((s) => s.metric === 'pass@k_with_k&n');
    assert.ok(series?.checkpointSweep, 'one series over training steps');
    assert.equal(series.points.length, 5);
  });

  it('details: 60 rows for 30 AIME problems, each metric set on one row and null on the other, read as 30 items', async () => {
    const result = await readResultsFile(path(PYTHIA_DETAILS));
    assert.equal(result.format, 'lighteval-details');
    for (const o of result.observations) {
      assert.deepEqual([o.task, o.shots, o.model.name, o.n, o.items?.ids.length, o.score], ['aime24', 0, 'EleutherAI/pythia-14m', 30, 30, 0], o.metric);
      assert.deepEqual(o.fromSamples, { standalone: true });
    }
    assert.deepEqual(result.observations.map((o) => o.metric).sort(), Object.keys(json(PYTHIA_RESULTS).results['lighteval|aime24|0']).filter((k) => !k.endsWith('_stderr')).sort());
  });

  it('details: GPQA per-item metrics average to the results file’s scores', async () => {
    const raw = json(OLMO_RESULTS).results['lighteval|gpqa:diamond|0'];
    const result = await readResultsFile(path(OLMO_DETAILS));
    for (const o of result.observations) {
      assert.ok(Math.abs(o.score - raw[o.metric]) < 1e-12, o.metric);
      assert.equal(o.n, 198);
    }
  });
});

const RUNS = 'helm-bbq/benchmark_output_bbq/runs/v1';
const run = (model: string) => `${RUNS}/bbq:subject=all,method=multiple_choice_joint,model=${model}`;

describe('HELM', { skip: samplesMissing }, () => {
  it('task and model from the folder and run spec, shots from max_train_instances, n from num_instances (not count)', async () => {
    const stats = json(`${run('meta_llama-3-8b')}/stats.json`) as { name: { name: string; perturbation?: unknown }; count: number; mean: number }[];
    const spec = json(`${run('meta_llama-3-8b')}/run_spec.json`);
    const exact = stats.find((s) => s.name.name === 'exact_match' && !s.name.perturbation)!;
    const instances = stats.find((s) => s.name.name === 'num_instances' && !s.name.perturbation)!;
    assert.deepEqual([exact.count, instances.mean], [1, 50]);
    const result = await readResultsFile(path(`${run('meta_llama-3-8b')}/stats.json`));
    assert.equal(result.format, 'helm-stats');
    const o = findOne(result.observations, { metric: 'exact_match' });
    assert.deepEqual([o.task, o.subtask, o.model.name, o.shots, o.score, o.n, o.stderr], ['bbq', 'subject=all,method=multiple_choice_joint', spec.adapter_spec.model, spec.adapter_spec.max_train_instances, exact.mean, 50, undefined]);
    assert.ok(!result.observations.some((x) => /^num_|inference_runtime|finish_reason/.test(x.metric)));
  });

  it('keeps only the unperturbed statistics (robustness and fairness variants repeat the metric names)', async () => {
    const stats = json(`${run('meta_llama-3-70b')}/stats.json`) as { name: { name: string; perturbation?: unknown } }[];
    assert.ok(stats.filter((s) => s.name.name === 'exact_match').length > 1);
    const metrics = (await readResultsFile(path(`${run('meta_llama-3-70b')}/stats.json`))).observations.map((o) => o.metric);
    assert.equal(metrics.length, new Set(metrics).size);
  });

  it('gpt-4-turbo was run on 1 item; the signed bias metric keeps its sign', async () => {
    const turbo = findOne((await readResultsFile(path(`${run('openai_gpt-4-turbo-2024-04-09')}/stats.json`))).observations, { metric: 'exact_match' });
    assert.deepEqual([turbo.score, turbo.n], [1, 1]);
    const bias = findOne((await readResultsFile(path(`${run('meta_llama-3-8b')}/stats.json`))).observations, { metric: 'bbq_metric_unambiguous_bias' });
    assert.equal(bias.score, -1);
  });

  it('per_instance_stats: one exact_match per item, 50 items whose mean is the run’s score', async () => {
    const perInstance = json(`${run('meta_llama-3-8b')}/per_instance_stats.json`) as { instance_id: string }[];
    const result = await readResultsFile(path(`${run('meta_llama-3-8b')}/per_instance_stats.json`));
    const o = findOne(result.observations, { metric: 'exact_match' });
    assert.deepEqual([o.model.name, o.shots, o.n, o.items?.ids.length, o.score], ['meta/llama-3-8b', 5, perInstance.length, 50, 0.6]);
    assert.deepEqual(o.fromSamples, { standalone: true });
  });

  it('group tables: one row per model, n and shots from the "# eval" and "# train" columns, direction from lower_is_better', async () => {
    const table = json(`${RUNS}/groups/json/bbq_bbq_subject:all.json`);
    const result = await readResultsFile(groupTableAlone(`${RUNS}/groups/json/bbq_bbq_subject:all.json`));
    assert.equal(result.format, 'helm-group');
    const em = result.observations.filter((o) => o.metric === 'EM');
    assert.equal(em.length, table.rows.length);
    const llama = findOne(result.observations.filter((o) => o.model.name === 'meta/llama-3-70b'), { metric: 'EM' });
    assert.deepEqual([llama.task, llama.score, llama.n, llama.shots], ['BBQ', table.rows[0][1].value, 50, 5]);
    assert.equal(table.rows[0][0].value, 'Llama 3 (70B)');
    assert.equal(findOne(result.observations.filter((o) => o.model.name === 'meta/llama-3-70b'), { metric: 'BBQ (ambiguous)' }).higherIsBetter, false);
    assert.ok(!result.observations.some((o) => o.metric.startsWith('#')));
  });

  it('a table row without run specs names its model for display, size in brackets: "Llama 3 (70B)"', async () => {
    const result = await readResultsFile(groupTableAlone(`${RUNS}/groups/json/targeted_evaluations_accuracy.json`));
    const llama = result.observations.find((o) => o.model.name === 'Llama 3 70B')!;
    assert.ok(Math.abs(resolveModel(llama.model).params! / 70e9 - 1) < 0.02);
  });

  it('group tables beside the run folders they summarise are left to them, and say so', async () => {
    for (const name of ['bbq_bbq_subject:all.json', 'targeted_evaluations_accuracy.json']) {
      const result = await readResultsFile(path(`${RUNS}/groups/json/${name}`));
      assert.deepEqual(result.observations, [], name);
      assert.deepEqual(result.problems.map((p) => [p.severity, p.message]), [['info', "not read: a HELM group table beside its suite's run folders, which are read instead"]]);
    }
  });

  it('multiple-choice runs answered by letter give no losses: their log-probabilities are of one letter', async () => {
    const result = await readResultsFile(path(`${run('meta_llama-3-8b')}/stats.json`));
    const metrics = new Set(result.observations.map((o) => o.metric));
    for (const loss of ['logprob', 'perplexity', 'bits_per_byte', 'logprob_per_byte']) assert.ok(!metrics.has(loss), loss);
    assert.ok(metrics.has('exact_match'));
  });

  it('suite files (runs.json, run_specs.json, summary.json, costs.json) are not read as results', async () => {
    for (const name of ['runs.json', 'run_specs.json', 'summary.json', 'costs.json', 'runs_to_run_suites.json']) {
      const result = await readResultsFile(path(`${RUNS}/${name}`));
      assert.deepEqual([result.format, result.problems], [null, []], name);
    }
  });
});
