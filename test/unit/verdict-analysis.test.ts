// Verdicts through the whole analysis: normalisation, standard errors, metric semantics, the emergence interval and
// what the multiple-comparison check reports for each kind of claim.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analysis-host';
import { DEFAULT_THRESHOLDS } from '../../server/src/core/config';
import { RESAMPLES } from '../../server/src/core/emergence-interval';
import { baselineFor, ceilingFor, noise, normaliser } from '../../server/src/core/normalize';
import type { SeriesResult } from '../../server/src/core/results';
import { verdictBadge, verdictLabel } from '../../server/src/core/verdict-text';
import { readResultsText } from '../../server/src/readers';
import { curve, LADDER } from '../helpers/synthetic';

const one = (observations: ReturnType<typeof curve>, options = {}): SeriesResult => {
  const { series } = analyze(observations, options);
  assert.equal(series.length, 1);
  return series[0];
};
const SIX = LADDER.slice(0, 6);
const KEY = { task: 'gsm8k', metric: 'exact_match', family: 'toy', checkpointSweep: false };

describe('normalisation and standard errors', () => {
  it('puts chance at 0 and the best score at 1, and lower-is-better metrics the right way up', () => {
    const accuracy = normaliser(0.3, { value: 0.25, source: 'registry', assumed: true, note: '' }, 1, 0, true);
    assert.equal(accuracy.hasBaseline, true);
    assert.equal(accuracy.z(0.25), 0);
    assert.equal(accuracy.z(1), 1);
    assert.equal(accuracy.z(0.625), 0.5);
    assert.equal(accuracy.unit, 0.75);
    // Without a baseline, perplexity is relative change from the first (smallest) model; lower is better.
    const ppl = normaliser(40, null, null, undefined, false);
    assert.equal(ppl.hasBaseline, false);
    assert.equal(ppl.z(20), 0.5);
    assert.equal(ppl.z(40) + 0, 0);
    // A bounded metric without a baseline is measured from its worst value.
    const bounded = normaliser(0.5, null, 1, 0, true);
    assert.equal(bounded.z(0.5), 0.5);
    assert.equal(bounded.hasBaseline, false);
  });

  it('takes the stated error, else a binomial one from n, else defaultStderr of the range', () => {
    const o = (extra: object) => ({ ...curve({ task: 'x', params: [1e9], scores: [0.3] })[0], ...extra });
    assert.deepEqual(noise(o({ stderr: 0.02 }), [0, 1], 1, DEFAULT_THRESHOLDS), { stderr: 0.02, stderrSource: 'file' });
    const binomial = noise(o({ n: 100 }), [0, 1], 1, DEFAULT_THRESHOLDS);
    assert.equal(binomial.stderrSource, 'binomial');
    assert.ok(Math.abs(binomial.stderr - Math.sqrt((0.3 * 0.7) / 100)) < 1e-12);
    // A score of 0 out of 100 still has an error: p is kept half an item from 0.
    assert.ok(Math.abs(noise({ ...o({ n: 100 }), score: 0 }, [0, 1], 1, DEFAULT_THRESHOLDS).stderr - Math.sqrt((0.005 * 0.995) / 100)) < 1e-12);
    assert.deepEqual(noise(o({}), [0, 1], 0.75, DEFAULT_THRESHOLDS), { stderr: 0.02 * 0.75, stderrSource: 'default' });
    assert.deepEqual(noise(o({ stderr: 0 }), undefined, 2, { ...DEFAULT_THRESHOLDS, defaultStderr: 0.05 }), { stderr: 0.1, stderrSource: 'default' });
  });

  it('pins defaultStderr where it decides: a 12-point jump is 2.1 SE at an assumed 4 % error and 2.0 SE at 4.25 %', () => {
    const obs = curve({ task: 'gsm8k', metric: 'exact_match', params: SIX, scores: [0, 0, 0, 0, 0.12, 0.4] });
    assert.equal(one(obs, { thresholds: { defaultStderr: 0.04 } }).verdict, 'emergent');
    assert.notEqual(one(obs, { thresholds: { defaultStderr: 0.0425 } }).verdict, 'emergent');
  });

  it('takes a baseline from the override file, then the results file, then the registry, then the metric', () => {
    const obs = curve({ task: 'hellaswag', params: [1e9], scores: [0.4] });
    const hellaswag = { ...KEY, task: 'hellaswag', metric: 'acc' };
    assert.deepEqual(baselineFor(hellaswag, obs, { tasks: { hellaswag: { baseline: 0.3 } } }), { value: 0.3, source: 'override', assumed: false, note: 'set in emergence-lens.json' });
    assert.equal(baselineFor(hellaswag, [{ ...obs[0], baseline: 0.2 }], {})?.source, 'file');
    assert.equal(baselineFor(hellaswag, obs, {})?.value, 0.25);
    assert.equal(baselineFor(hellaswag, obs, {})?.assumed, true);
    assert.equal(baselineFor({ ...KEY, task: 'my_task' }, obs, {})?.source, 'default');
    assert.equal(baselineFor({ ...KEY, task: 'my_task', metric: 'acc' }, obs, {}), null);
    assert.equal(baselineFor({ ...KEY, metric: 'perplexity' }, obs, {}), null);
  });

  it('takes the ceiling from the override, the file, or the metric range (BLEU as 0–1 when the data are)', () => {
    const obs = curve({ task: 't', metric: 'bleu', params: [1e9, 1e10], scores: [0.2, 0.4] });
    assert.equal(ceilingFor({ ...KEY, metric: 'bleu' }, obs, {}, true), 1);
    assert.equal(ceilingFor({ ...KEY, metric: 'bleu' }, [{ ...obs[0], score: 20 }], {}, true), 100);
    assert.equal(ceilingFor({ ...KEY, metric: 'bleu' }, obs, { tasks: { gsm8k: { ceiling: 0.8 } } }, true), 0.8);
    assert.equal(ceilingFor({ ...KEY, metric: 'edit_distance' }, obs, {}, false), null);
    assert.equal(ceilingFor({ ...KEY, metric: 'brier_score' }, obs, {}, false), 0);
  });
});

describe('metric semantics', () => {
  it('gives a bias metric no capability verdict, in every surface, and leaves it out of the correction', () => {
    const s = one(curve({ task: 'crows_pairs_english', metric: 'pct_stereotype', params: SIX, scores: [0.5, 0.55, 0.6, 0.62, 0.65, 0.68], n: 1677 }));
    assert.equal(s.verdict, 'not-ability');
    assert.match(s.reason, /pct_stereotype measures bias, not an ability \(CrowS-Pairs/);
    assert.equal(s.tested, false);
    assert.equal(s.significance, undefined);
    assert.equal(s.emergence, null);
    assert.equal(s.multiStep, null);
    assert.equal(verdictBadge(s), '⊘ not an ability');
  });
});

describe('the emergence interval', () => {
  it('brackets the onset between the last model near chance and the first clearly above, and a clean jump is stable', () => {
    const s = one(curve({ task: 'gsm8k', metric: 'exact_match', params: LADDER, scores: [0, 0.004, 0.002, 0.006, 0.01, 0.25, 0.41, 0.55], n: 1000 }));
    assert.equal(s.verdict, 'emergent');
    const i = s.emergence!.interval;
    assert.equal(i.low, LADDER[4]);
    assert.equal(i.high, LADDER[5]);
    assert.equal(i.resamples, RESAMPLES);
    assert.ok(i.share > 0.95, `share ${i.share}`);
  });

  it('widens and weakens for a borderline jump', () => {
    // 12 % at 2.1 SE: redrawn within its errors the onset often slips to the next model or vanishes.
    const s = one(curve({ task: 'gsm8k', metric: 'exact_match', params: SIX, scores: [0, 0, 0.002, 0.002, 0.12, 0.13], stderr: [0.004, 0.004, 0.004, 0.004, 0.055, 0.045] }));
    assert.equal(s.verdict, 'emergent');
    const i = s.emergence!.interval;
    assert.ok(i.share < 0.8, `share ${i.share}`);
    assert.ok(i.low <= SIX[3] && i.high >= SIX[4]);
  });
});

describe('what the correction reports', () => {
  const flat = (count: number) =>
    Array.from({ length: count }, (_, i) => curve({ task: `flat_${i}`, metric: 'exact_match', params: SIX, scores: SIX.map(() => 0.001), n: 4000 })).flat();

  it('reports a U shape that does not survive by the rest of its curve, and says why', () => {
    // Dips 10 points (binomial SE ≈ 0.029 each, so 2.5 SE; p ≈ 0.006, times 4 inner models), then rises past the start.
    const dip = curve({ task: 'dip', params: SIX, scores: [0.6, 0.5, 0.5, 0.6, 0.7, 0.8], n: 300, baseline: 0.5 });
    assert.equal(one(dip).verdict, 'u-shaped');
    const crowd = analyze([...dip, ...flat(300)]).series.find((s) => s.task === 'dip')!;
    assert.equal(crowd.verdict, 'smooth');
    assert.match(crowd.reason, /^rises gradually .*; the U shape seen \(falls to .*\) does not survive the multiple-comparison check over 301 series/);
  });

  it('labels each verdict the same way everywhere', () => {
    const step = one(curve({ task: 'gsm8k', metric: 'exact_match', params: LADDER, scores: [0, 0.004, 0.002, 0.006, 0.01, 0.25, 0.41, 0.55], n: 1000 }));
    assert.equal(verdictLabel(step), 'emergent ≥ 7.2B');
    assert.equal(verdictLabel(step, { onset: false }), 'emergent');
    assert.equal(verdictLabel({ ...step, verdict: 'possibly-emergent' }), 'possibly emergent ≥ 7.2B');
    const atChance = one(curve({ task: 'mmlu', params: SIX, scores: [0.25, 0.26, 0.25, 0.26, 0.25, 0.26], n: 1000 }));
    assert.equal(verdictBadge(atChance), '— at chance');
    const above = one(curve({ task: 'mmlu', params: SIX, scores: [0.4, 0.41, 0.4, 0.41, 0.4, 0.41], n: 1000 }));
    assert.equal(verdictBadge(above), '— flat above chance');
  });
});

describe('percent or fraction, per metric within a file', () => {
  it('reads SQuAD 2.0 scores as percentages beside accuracies as fractions, and says so', () => {
    const text = JSON.stringify({
      results: { squad2: { exact: 0.43, f1: 1.86, best_exact: 50.07, best_exact_thresh: 0.0 }, boolq: { acc: 0.55, acc_stderr: 0.009 } },
      versions: { squad2: 1, boolq: 1 },
      config: { model: 'hf-causal', model_args: 'pretrained=bigscience/bloom-560m', num_fewshot: 0 },
    });
    const { observations } = readResultsText('/r/bloom-560m_qa_0-shot.json', text);
    const get = (metric: string) => observations.find((o) => o.metric === metric);
    assert.equal(get('exact')?.score, 0.0043, 'known to be written in percent, whatever its value');
    assert.equal(get('exact')?.percent, 'name');
    assert.ok(Math.abs(get('f1')!.score - 0.0186) < 1e-12);
    assert.ok(Math.abs(get('best_exact')!.score - 0.5007) < 1e-12);
    assert.equal(get('best_exact_thresh'), undefined, 'a threshold, not a score');
    assert.equal(get('acc')?.score, 0.55);
    assert.equal(get('acc')?.percent, undefined);
  });

  it('judges other fraction metrics by their values, and never an unknown metric of lm-eval', () => {
    const text = JSON.stringify({
      results: { mytask: { acc: 61.5 }, crows_pairs_english: { likelihood_difference: 3.8, pct_stereotype: 0.6 } },
      versions: { mytask: 0, crows_pairs_english: 0 },
      config: { model: 'hf-causal', model_args: 'pretrained=EleutherAI/pythia-160m', num_fewshot: 0 },
    });
    const { observations } = readResultsText('/r/x.json', text);
    const acc = observations.find((o) => o.metric === 'acc')!;
    assert.equal(acc.score, 0.615);
    assert.equal(acc.percent, 'values');
    assert.equal(observations.find((o) => o.metric === 'likelihood_difference')?.score, 3.8);
  });
});
