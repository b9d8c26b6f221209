// Per-sample logs: streaming, re-scoring with continuous metrics, and the explanations they feed.
import { strict as assert } from 'node:assert';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analysisOf, analyze } from '../../server/src/core/analysis-host';
import { isGraded, metricInfo } from '../../server/src/core/metrics';
import { answerTokens, charPartialCredit, choiceScores, MedianCounter, RESCORED, tokenEditSimilarity } from '../../server/src/core/rescore';
import type { SeriesResult } from '../../server/src/core/results';
import { taskSteps } from '../../server/src/core/steps';
import type { Observation } from '../../server/src/core/types';
import { collectFiles, readResultsFile } from '../../server/src/io/files';
import { AnalysisSnapshot } from '../../server/src/lsp/analysis-snapshot';
import { explanationMarkdown } from '../../server/src/lsp/explanation';
import { hoverMarkdown } from '../../server/src/lsp/hover';
import { createJsonlReader, readResultsText } from '../../server/src/readers';
import { samplesDir, samplesMissing } from '../fixtures/readers/support';
import { seededRandom } from '../helpers/random';

// A collectable heap without --expose-gc on the command line, so the memory check always runs.
setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;

const shared = join(samplesDir, 'lm-eval-v0.4-samples');
const missing = samplesMissing;

const SIZES = ['100m', '300m', '1b', '3b', '10b', '30b'];
const DIGITS = 10;
const DOCS = 400;

/** A 10-digit answer task where each digit is right with probability p, p rising linearly in log size. */
function writeMultiStepFixture(root: string): void {
  SIZES.forEach((size, i) => {
    const p = 0.4 + (0.58 * i) / (SIZES.length - 1);
    const next = seededRandom(1000 + i);
    const lines: string[] = [];
    for (let doc = 0; doc < DOCS; doc++) {
      const target = Array.from({ length: DIGITS }, () => String(Math.floor(next() * 10))).join('');
      const answer = [...target].map((d) => (next() < p ? d : String((Number(d) + 1 + Math.floor(next() * 9)) % 10))).join('');
      lines.push(JSON.stringify({ doc_id: doc, doc: { q: 'add' }, target, arguments: { gen_args_0: { arg_0: 'Q', arg_1: {} } }, resps: [[answer]], filtered_resps: [answer], filter: 'none', metrics: ['exact_match'], exact_match: answer === target ? 1 : 0 }));
    }
    const dir = join(root, `acme__toy-${size}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'samples_long_addition_2025-01-01T00-00-00.000000.jsonl'), lines.join('\n') + '\n');
  });
}

async function analyzeFolder(folder: string) {
  const { files } = await collectFiles([folder]);
  const observations: Observation[] = [];
  for (const file of files) for (const o of (await readResultsFile(file)).observations) observations.push(o);
  return { observations, ...analyze(observations) };
}

function only(series: SeriesResult[], test: (s: SeriesResult) => boolean): SeriesResult {
  const found = series.filter(test);
  assert.equal(found.length, 1, `expected one series, found ${found.map((s) => s.id).join(', ') || 'none'}`);
  return found[0];
}

describe('continuous re-scoring', () => {
  it('scores token edit similarity with one token per digit and character partial credit', () => {
    assert.deepEqual(answerTokens('12, ab!'), ['1', '2', ',', 'ab', '!']);
    assert.equal(tokenEditSimilarity('123456', '123456'), 1);
    assert.equal(tokenEditSimilarity('123457', '123456'), 5 / 6);
    assert.ok(Math.abs(tokenEditSimilarity('the cat sat', 'the dog sat') - 2 / 3) < 1e-12);
    assert.equal(tokenEditSimilarity('', ''), 1);
    assert.equal(charPartialCredit(' kitten', 'sitting '), 1 - 3 / 7);
  });

  it('takes the softmax log-probability and the halved Brier score of the target choice', () => {
    const { logprob, brier } = choiceScores([Math.log(0.5), Math.log(0.25), Math.log(0.25)], 0);
    assert.ok(Math.abs(logprob - Math.log(0.5)) < 1e-12);
    assert.ok(Math.abs(brier - (0.25 + 0.0625 + 0.0625) / 2) < 1e-12);
    assert.ok(Math.abs(choiceScores([-1000, 0], 1).brier) < 1e-12);
  });

  it('classifies the re-scored metrics as graded with the right direction', () => {
    for (const [metric, higher] of [[RESCORED.editSimilarity, true], [RESCORED.charPartialCredit, true], [RESCORED.targetLogprob, true], [RESCORED.brier, false]] as const) {
      assert.ok(isGraded(metric), metric);
      assert.equal(metricInfo(metric).higherIsBetter, higher, metric);
    }
  });

  it('takes step counts from the digits of arithmetic operands', () => {
    assert.equal(taskSteps('arithmetic_3da'), 3);
    assert.equal(taskSteps('addition_4digit'), 4);
    assert.equal(taskSteps('arithmetic_2dm'), 4);
    assert.equal(taskSteps('two_digit_multiplication'), 4);
  });

  it('keeps the median of counts in a histogram', () => {
    const m = new MedianCounter();
    for (const v of [5, 1, 3, 3, 9]) m.add(v);
    assert.equal(m.median, 3);
  });
});

describe('per-sample logs', () => {
  it('reads multiple-choice records line by line without keeping them', () => {
    const file = '/runs/org__model-1b/samples_arc_easy_2025-01-01T00-00-00.jsonl';
    const reader = createJsonlReader(file);
    const count = 50_000;
    const record = (i: number) =>
      JSON.stringify({ doc_id: i, doc: { pad: 'x'.repeat(200) }, target: i % 4, arguments: {}, resps: [], filtered_resps: [['-1.0', 'False'], ['-2.0', 'False'], [String(-0.5 - (i % 2)), 'True'], ['-3.0', 'False']], acc: i % 4 === 2 ? 1 : 0 });
    // Memory must not grow with the records read: compare the heap after many more records.
    for (let i = 0; i < 1000; i++) reader.line(record(i), i);
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 1000; i < count; i++) reader.line(record(i), i);
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    const { format, observations } = reader.finish();
    assert.equal(format, 'lm-eval-samples');
    const acc = observations.find((o) => o.metric === 'acc')!;
    assert.equal(acc.n, count);
    assert.equal(acc.score, 0.25);
    assert.equal(acc.model.name, 'org/model-1b');
    assert.equal(acc.task, 'arc_easy');
    const brier = observations.find((o) => o.metric === RESCORED.brier)!;
    assert.equal(brier.n, count);
    const logprob = observations.find((o) => o.metric === RESCORED.targetLogprob)!;
    assert.ok(logprob.score < 0 && logprob.stderr! > 0);
    // 49 000 records of ~300 bytes are ~15 MB of text: keeping them would show.
    assert.ok(grown < 3_000_000, `heap grew by ${grown} bytes`);
  });

  it('reads the v0.4.0 array form and the older "(loglik, greedy)" response text', () => {
    const records = [0, 1, 2].map((i) => ({ doc_id: i, doc: {}, target: 'B', arguments: [['ctx', ' A'], ['ctx', ' B']], resps: [], filtered_resps: ['(-2.0, False)', `(${i === 0 ? -3 : -1}.0, True)`], acc: i === 0 ? 0 : 1 }));
    const withChoices = records.map((r) => ({ ...r, arguments: { gen_args_0: { arg_0: 'ctx', arg_1: 'A' }, gen_args_1: { arg_0: 'ctx', arg_1: 'B' } } }));
    const result = readResultsText('/r/m__x-1b/samples_task_2024-01-01T00-00-00.json', JSON.stringify(withChoices, null, 2));
    assert.equal(result.format, 'lm-eval-samples');
    assert.equal(result.observations.find((o) => o.metric === 'acc')!.score, 2 / 3);
    assert.equal(result.observations.find((o) => o.metric === RESCORED.brier)!.n, 3);
  });

  it('shows exact match jumping where token edit similarity rises smoothly (multi-step generative task)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'samples-'));
    writeMultiStepFixture(root);
    const { series, problems, observations } = await analyzeFolder(root);
    assert.deepEqual(problems, []);
    const em = only(series, (s) => s.metric === 'exact_match');
    const edit = only(series, (s) => s.metric === RESCORED.editSimilarity);
    only(series, (s) => s.metric === RESCORED.charPartialCredit);
    assert.equal(em.points.length, SIZES.length);
    assert.equal(em.verdict, 'emergent', em.reason);
    assert.equal(edit.verdict, 'smooth', edit.reason);
    const sibling = em.metricFlaw.siblings.find((s) => s.metric === RESCORED.editSimilarity)!;
    assert.deepEqual([sibling.continuous, sibling.verdict], [true, 'smooth']);
    // k from the median answer length: ten digit tokens; the per-step series is smooth.
    assert.deepEqual(em.multiStep?.knownSteps, { k: DIGITS, source: 'computed' });
    assert.equal(em.multiStep?.steps[0].verdict, 'smooth');

    const snapshot = new AnalysisSnapshot(analysisOf(observations), 0);
    const hover = hoverMarkdown(em.points[0].range.file, 0, { snapshot, observations })!;
    // The first screen says each hypothesis in a sentence with the data's numbers ...
    assert.match(hover, /\*\*Metric flaw\*\*: exact\\_match is all-or-nothing; re-scored from the same outputs, .*edit\\_similarity.* smoothly \(0\.\d+ → 0\.9\d+\): the jump is likely the metric's threshold/);
    assert.match(hover, /\*\*Multi-step\*\* \(k = 10, median answer length in tokens, from the per-sample logs\): per-step accuracy p = s\^\(1\/10\) goes [\d.]+ → [\d.]+ and rises smoothly/);
    // ... and the full explanation has every sibling with its numbers.
    const full = explanationMarkdown(em);
    assert.match(full, /Emergence does not survive a continuous metric\*\*: re-scored from the per-sample logs, edit\\_similarity/);
    assert.match(full, /edit\\_similarity re-scored from the per-sample logs: .* smooth: improves smoothly .*\(0\.\d+ → 0\.9\d+, /);
    assert.match(full, /k = 10 steps \(median answer length in tokens, from the per-sample logs\)/);
  });
});

describe('real per-sample log (Llama-3-8B-Instruct, asdiv)', { skip: missing }, () => {
  it('is matched to its aggregated results and model, and its acc mean equals the aggregate', async () => {
    const { series, observations } = await analyzeFolder(shared);
    const perSample = observations.find((o) => o.fromSamples && o.metric === 'acc')!;
    assert.equal(perSample.n, 50);
    assert.ok(Math.abs(perSample.score - 0.92) < 1e-12);
    const aggregate = only(series, (s) => s.metric === 'acc' && s.filter === undefined);
    const logprob = only(series, (s) => s.metric === RESCORED.targetLogprob);
    assert.equal(logprob.points[0].model.name, 'meta-llama/Meta-Llama-3-8B-Instruct');
    assert.equal(logprob.shots, 8);
    assert.equal(logprob.points[0].n, 50);
    assert.ok(aggregate.metricFlaw.siblings.some((s) => s.metric === RESCORED.targetLogprob && s.continuous));
    assert.ok(aggregate.metricFlaw.siblings.some((s) => s.metric === 'acc' && s.filter === 'per-sample'));
  });
});

describe('loss view', () => {
  it('attaches loss-like series of the same family and models to an emergent series', async () => {
    const { curve, LADDER } = await import('../helpers/synthetic');
    const jump = curve({ task: 'lens_jump', metric: 'exact_match', params: LADDER, scores: [0, 0.001, 0, 0.002, 0.001, 0.2, 0.45, 0.7], n: 2000 });
    const ppl = curve({ task: 'wikitext', metric: 'word_perplexity', params: LADDER, scores: [60, 40, 28, 20, 14, 10, 7.5, 6], stderr: LADDER.map(() => 0.3) });
    const other = curve({ task: 'wikitext', metric: 'word_perplexity', family: 'other', params: LADDER, scores: [60, 40, 28, 20, 14, 10, 7.5, 6] });
    // Another task's own perplexity (LAMBADA's target word) is not a view of this task's loss.
    const lambada = curve({ task: 'lambada_openai', metric: 'perplexity', params: LADDER, scores: [60, 40, 28, 20, 14, 10, 7.5, 6] });
    const { series } = analyze([...jump, ...ppl, ...other, ...lambada]);
    const em = only(series, (s) => s.task === 'lens_jump');
    assert.equal(em.verdict, 'emergent', em.reason);
    const loss = only(series, (s) => s.metric === 'word_perplexity' && s.family === 'toy');
    assert.deepEqual(em.lossSeries, [{ seriesId: loss.id, task: 'wikitext', metric: 'word_perplexity', verdict: 'smooth', kind: 'language-modelling' }]);
    assert.equal(loss.lossSeries, undefined);
  });
});
