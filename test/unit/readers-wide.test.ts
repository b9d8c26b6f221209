// Wide tables (models as rows or as columns), tables without a family column, and the newer lm-eval results
// (0.4.9–0.4.13): the Open LLM Leaderboard exports and lm-eval files read in place from shared/samples (one test
// per trap of SOURCES.md), the rest on small hand-written tables. Expected values come from the files (csv by hand).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analysis-host';
import { resolveModel } from '../../server/src/core/scale';
import type { Observation } from '../../server/src/core/types';
import { collectFiles, readResultsFile } from '../../server/src/io/files';
import { readResultsText } from '../../server/src/readers';
import { findOne, samplesDir, samplesMissing, sliceRange } from '../fixtures/readers/support';

const path = (p: string) => join(samplesDir, p);
const V1 = 'wide-csv-open-llm-leaderboard/csv/huggingface_v1.csv';
const V2 = 'wide-csv-open-llm-leaderboard/csv/huggingface_v2.csv';

/** The rows of a CSV as objects, split naively: enough for the columns these tests look at. */
function rowsOf(file: string, key: string): Map<string, Record<string, string>[]> {
  const [head, ...lines] = readFileSync(path(file), 'utf8').split('\n').filter((l) => l.trim());
  const names = head.split(',');
  const out = new Map<string, Record<string, string>[]>();
  for (const line of lines) {
    if (line.includes('"')) continue; // quoted cells: not needed here
    const cells = line.split(',');
    const row = Object.fromEntries(names.map((n, i) => [n, cells[i]]));
    out.set(row[key], [...(out.get(row[key]) ?? []), row]);
  }
  return out;
}

const of = (observations: Observation[], model: string, task: string) => findOne(observations.filter((o) => o.model.name === model), { task });

describe('wide tables: Open LLM Leaderboard exports', { skip: samplesMissing }, () => {
  const v1 = samplesMissing ? undefined : readResultsText(path(V1), readFileSync(path(V1), 'utf8'));
  const v2 = samplesMissing ? undefined : readResultsText(path(V2), readFileSync(path(V2), 'utf8'));
  const rows1 = samplesMissing ? new Map() : rowsOf(V1, 'model');
  const rows2 = samplesMissing ? new Map() : rowsOf(V2, 'model_name');

  it('v1: one observation per model and benchmark column, percent read as fractions, each at its cell', () => {
    assert.equal(v1!.format, 'wide-csv');
    assert.deepEqual([...new Set(v1!.observations.map((o) => o.task))].sort(), ['arc', 'gsm8k', 'hellaswag', 'mmlu', 'truthfulqa', 'winogrande']);
    const [row] = rows1.get('EleutherAI/pythia-1.4b')!;
    const o = of(v1!.observations, 'EleutherAI/pythia-1.4b', 'arc');
    assert.equal(o.score, Number(row.arc) / 100);
    assert.equal(sliceRange(readFileSync(path(V1), 'utf8'), o.range), row.arc);
  });

  it('v1: the emoji column, the average and the likes are not benchmarks', () => {
    assert.ok(!v1!.observations.some((o) => ['t', 'average', 'hub_hearts'].includes(o.task)));
  });

  it('v1: params_b is rounded down to whole billions (pythia-70m → 0, Llama-2-70b → 68): the name wins', () => {
    assert.deepEqual([rows1.get('EleutherAI/pythia-70m')![0].params_b, rows1.get('meta-llama/Llama-2-70b-hf')![0].params_b], ['0', '68']);
    for (const [model, params] of [['EleutherAI/pythia-70m', 7e7], ['meta-llama/Llama-2-70b-hf', 7e10]] as const) {
      const o = of(v1!.observations, model, 'mmlu');
      assert.equal(o.model.params, undefined, model);
      const resolved = resolveModel(o.model);
      assert.ok(resolved.paramsSource !== 'file' && Math.abs(resolved.params! / params - 1) < 0.05, `${model}: ${resolved.params}`);
    }
    assert.ok(v1!.problems.some((p) => p.severity === 'info' && /whole billions/.test(p.message)));
  });

  it('v1: models of unrelated organisations that share a name stem are not one family; the known models are', () => {
    const family = (model: string) => resolveModel(of(v1!.observations, model, 'mmlu').model).family;
    assert.equal(family('Cheng98/llama-39m'), 'llama (Cheng98)');
    assert.equal(family('JackFram/llama-160m'), 'llama (JackFram)');
    assert.equal(family('huggyllama/llama-7b'), 'llama', "Meta's LLaMA, known to the registry, keeps its family");
    assert.equal(family('EleutherAI/pythia-70m'), 'pythia');
    assert.equal(family('EleutherAI/pythia-6.7b'), 'pythia', "a renamed model the registry does not know stays with its organisation's known ones");
  });

  it('v1: a rounded 0 in a name without a size gives no size, said once on the column, not once per row', () => {
    const zeroes = [...rows1.entries()].filter(([name, rows]) => rows[0].params_b === '0' && !/\d(\.\d+)?[mb]\b/i.test(name));
    assert.ok(zeroes.length > 10, 'such rows exist in the export');
    assert.ok(!v1!.problems.some((p) => /parameter count 0/.test(p.message)));
    assert.equal(of(v1!.observations, zeroes[0][0], 'mmlu').model.params, undefined);
  });

  it('v1: a model listed once per precision is read once (full precision first), and the others say so', () => {
    const models = v1!.observations.filter((o) => o.task === 'mmlu').map((o) => o.model.name);
    assert.equal(models.length, new Set(models).size);
    const skipped = v1!.problems.filter((p) => /is listed more than once/.test(p.message));
    assert.equal(skipped.length, 358); // 7,169 rows, 349 models more than once, 358 rows more than the models
    assert.ok(skipped.every((p) => p.severity === 'info'));
    const quantised = skipped.find((p) => /this 4bit row/.test(p.message));
    assert.ok(quantised, 'a 4bit duplicate loses to a float row');
  });

  it('v2: the raw _value is read, not the _normalized_score that floors at 0 above chance', () => {
    const [row] = rows2.get('EleutherAI/pythia-160m')!;
    const gpqa = of(v2!.observations, 'EleutherAI/pythia-160m', 'gpqa');
    assert.equal(gpqa.score, Number(row.evaluations_gpqa_value));
    assert.notEqual(gpqa.score, Number(row.evaluations_gpqa_normalized_score) / 100);
    assert.deepEqual([...new Set(v2!.observations.map((o) => o.task))].sort(), ['bbh', 'gpqa', 'ifeval', 'math', 'mmlu_pro', 'musr']);
  });

  it('v2: metadata_params_billions counts embeddings (pythia-160m 0.213B) and is read as the file states it', () => {
    const o = of(v2!.observations, 'EleutherAI/pythia-160m', 'bbh');
    assert.equal(o.model.params, Number(rows2.get('EleutherAI/pythia-160m')![0].metadata_params_billions) * 1e9);
  });

  it('v2: 79 models listed more than once are read once each', () => {
    const models = v2!.observations.filter((o) => o.task === 'bbh').map((o) => o.model.name);
    assert.equal(models.length, new Set(models).size);
    assert.equal(v2!.problems.filter((p) => /is listed more than once/.test(p.message)).length, 79);
  });
});

describe('wide tables: layouts', () => {
  it('models as columns (OpenCompass: dataset,version,metric,mode,<model…>), percent decided per metric', () => {
    const text = 'dataset,version,metric,mode,toy-lm-1b,toy-lm-7b,toy-lm-70b\nmmlu,4d595a,accuracy,ppl,25.1,38.6,61.9\ngsm8k,1d7fe4,accuracy,gen,-,12.0,55.5\n';
    const result = readResultsText('/t/summary.csv', text);
    assert.equal(result.format, 'wide-csv');
    assert.deepEqual(
      result.observations.map((o) => [o.task, o.metric, o.model.name, o.score]),
      [['mmlu', 'accuracy', 'toy-lm-1b', 0.251], ['mmlu', 'accuracy', 'toy-lm-7b', 0.386], ['mmlu', 'accuracy', 'toy-lm-70b', 0.619], ['gsm8k', 'accuracy', 'toy-lm-7b', 0.12], ['gsm8k', 'accuracy', 'toy-lm-70b', 0.555]],
    );
    assert.deepEqual(result.problems, []);
  });

  it('task_<shots>_<metric> headers (word_unscrambling_2_exact_match), percent or fraction per column', () => {
    const text = 'Model,Model Size (B),word_unscrambling_2_exact_match,ipa_transliterate_2_bleu,MMLU (%)\na-1b,1.3,0.01,12.5,26\na-8b,8.1,0.02,20.1,40\na-62b,62,0.35,31.0,55\n';
    const result = readResultsText('/t/paper.csv', text);
    const word = findOne(result.observations.filter((o) => o.model.name === 'a-62b'), { task: 'word_unscrambling' });
    assert.deepEqual([word.metric, word.shots, word.score, word.model.params], ['exact_match', 2, 0.35, 62e9]);
    const bleu = findOne(result.observations.filter((o) => o.model.name === 'a-62b'), { task: 'ipa_transliterate' });
    assert.deepEqual([bleu.metric, bleu.score], ['bleu', 31]);
    assert.equal(findOne(result.observations.filter((o) => o.model.name === 'a-62b'), { task: 'MMLU' }).score, 0.55);
  });

  it('a normalized score with no raw value beside it is read, with a warning on its header', () => {
    const text = 'model,params_b,gpqa_normalized_score\nm-1b,1.2,0\nm-8b,8.1,3.5\n';
    const result = readResultsText('/t/norm.csv', text);
    assert.equal(result.observations.length, 2);
    const [warning] = result.problems;
    assert.equal(sliceRange(text, warning.range), 'gpqa_normalized_score');
    assert.match(warning.message, /floored at 0/);
  });

  it('a table with a model and a score column but no task is still no results table', () => {
    assert.equal(readResultsText('/t/a.csv', 'model,score\nm,0.5\n').format, null);
  });
});

describe('OpenCompass output', { skip: samplesMissing }, () => {
  it('a subjective pairwise report (win rates by capability, in Chinese) and its prediction files are not results, and say nothing', async () => {
    const { files } = await collectFiles([path('opencompass-subjective')]);
    assert.equal(files.length, 4);
    for (const file of files) {
      const result = await readResultsFile(file);
      assert.deepEqual([result.format, result.observations.length, result.problems], [null, 0, []], file);
    }
  });
});

describe('tables without a family column', () => {
  const text = 'model,params,task,metric,score\nm-70000000,7e7,arith,exact_match,0.01\nrun-a,4e8,arith,exact_match,0.02\nbig-one,2e9,arith,exact_match,0.01\nlast,1e10,arith,exact_match,0.45\nfinal-x,5e10,arith,exact_match,0.8\n';

  it('models whose names share no stem form one family named after the file, and the reader says so', () => {
    const result = readResultsText('/t/my-sweep.csv', text);
    assert.ok(result.observations.every((o) => o.model.family === 'my-sweep'));
    const [info] = result.problems;
    assert.equal(info.severity, 'info');
    assert.match(info.message, /5 models of this table share no family name.*"my-sweep"/);
    assert.equal(sliceRange(text, info.range), 'm-70000000');
    const series = analyze(result.observations).series.find((s) => s.task === 'arith')!;
    assert.equal(series.points.length, 5);
    assert.notEqual(series.verdict, 'insufficient');
  });

  it('models that share a stem or have a known family keep theirs', () => {
    const result = readResultsText('/t/t.csv', 'model,params,task,score\npythia-70m,7e7,x,0.1\npythia-1b,1e9,x,0.2\nodd-name,5e9,x,0.3\n');
    assert.ok(result.observations.every((o) => o.model.family === undefined));
    assert.deepEqual(result.problems, []);
  });
});

describe('newer lm-eval results (0.4.9–0.4.13)', { skip: samplesMissing }, () => {
  const QWEN = 'lm-eval-v0.4.13-qwen3/outputs/qwen3-8b/negotiationtom/Qwen__Qwen3-8B';

  it('0.4.13: model_args as a dict, name and sample_len beside the metrics, "N/A" stderr as none', async () => {
    const { files } = await collectFiles([path(QWEN)]);
    const results = files.find((f) => /results_/.test(f))!;
    const doc = JSON.parse(readFileSync(results, 'utf8'));
    const result = await readResultsFile(results);
    assert.deepEqual(result.problems, []);
    const f1 = findOne(result.observations, { task: 'negotiationtom_intention', metric: 'micro_f1' });
    assert.deepEqual([f1.model.name, f1.model.params, f1.score, f1.stderr], [doc.config.model_args.pretrained, doc.config.model_num_parameters, doc.results.negotiationtom_intention['micro_f1,none'], undefined]);
    assert.ok(!result.observations.some((o) => ['name', 'sample_len', 'alias'].includes(o.metric)));
  });

  it('0.4.13 per-sample logs: corpus-level [[gold], [pred]] pairs are no per-item score, and no error', async () => {
    const { files } = await collectFiles([path(QWEN)]);
    const log = files.find((f) => /samples_negotiationtom_intention/.test(f))!;
    const first = JSON.parse(readFileSync(log, 'utf8').split('\n')[0]);
    assert.ok(Array.isArray(first.micro_f1) && Array.isArray(first.micro_f1[0]));
    const result = await readResultsFile(log);
    assert.deepEqual(result.problems, []);
    assert.ok(!result.observations.some((o) => /f1/.test(o.metric)));
    assert.ok(result.observations.some((o) => o.metric === 'exact_match'));
  });

  it('0.4.10: files renamed by hand (<task>_<k>shot_<date>.json) read as the n-shot pair they are', async () => {
    const observations: Observation[] = [];
    const { files } = await collectFiles([path('lm-eval-v0.4.9-plus-naming/african_nlp_benchmarks')]);
    for (const f of files) {
      const result = await readResultsFile(f);
      assert.equal(result.format, 'lm-eval-v0.4', f);
      for (const o of result.observations) observations.push(o);
    }
    const acc = observations.filter((o) => o.task === 'afrisenti_swa_prompt_1' && o.metric === 'acc').sort((a, b) => a.shots! - b.shots!);
    assert.deepEqual(acc.map((o) => [o.shots, o.score, o.model.name]), [[0, 0.2994652406417112, 'google/gemma-2b'], [5, 0.42513368983957217, 'google/gemma-2b']]);
    const f1 = observations.filter((o) => o.task === 'masakhaner_luo_prompt_1').sort((a, b) => a.shots! - b.shots!);
    assert.deepEqual(f1.map((o) => [o.filter, o.score, o.stderr]), [['flexible-extract', 0, undefined], ['flexible-extract', 0.0656270305392884, undefined]]);
  });

  it('0.4.9: an empty model_name and a local path give the folder’s name; a 0–100 judge score is kept as written', async () => {
    const file = path('lm-eval-v0.4.9-plus-naming/all-results-original/results_2025-12-17T20-24-58.608862.json');
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    assert.equal(doc.model_name, '');
    const result = await readResultsFile(file);
    assert.ok(result.observations.every((o) => o.model.name === 'all-results-original'));
    const judge = result.observations.find((o) => o.metric === 'llm_judge')!;
    assert.ok(judge.score > 1 && judge.score <= 100);
  });
});
