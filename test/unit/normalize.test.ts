// Where a series' chance level, best score, normalised scale and standard errors come from (core/normalize.ts), in
// the order the README states: the override file, then the results file, then the registries, then defaults.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { DEFAULT_THRESHOLDS } from '../../server/src/core/config';
import { baselineFor, ceilingFor, noise, normaliser } from '../../server/src/core/normalize';
import type { SeriesKey } from '../../server/src/core/results';
import type { Observation } from '../../server/src/core/types';

const key = (task: string, metric: string): SeriesKey => ({ task, metric, family: 'f', checkpointSweep: false });
const obs = (task: string, metric: string, score: number, extra: Partial<Observation> = {}): Observation => ({ task, metric, model: { name: 'm' }, score, range: { file: 'r.json', line: 0, character: 0, endLine: 0, endCharacter: 1 }, ...extra });

describe('baselineFor', () => {
  it('takes the override file first, then the results file, then the registry', () => {
    const o = [obs('mmlu', 'acc', 0.3, { baseline: 0.2 })];
    assert.deepEqual(baselineFor(key('mmlu', 'acc'), o, { tasks: { mmlu: { baseline: 0.3 } } }), { value: 0.3, source: 'override', assumed: false, note: 'set in emergence-lens.json' });
    assert.deepEqual(baselineFor(key('mmlu', 'acc'), o, {}), { value: 0.2, source: 'file', assumed: false, note: 'stated in the results file' });
    // An override of another task does not apply; MMLU has 4 options.
    const registry = baselineFor(key('mmlu', 'acc'), [obs('mmlu', 'acc', 0.3)], { tasks: { arc: { baseline: 0.9 } } });
    assert.equal(registry?.value, 0.25);
    assert.equal(registry?.source, 'registry');
    assert.equal(registry?.assumed, true);
  });

  it('gives a continuous metric no chance level, even of a task with a known answer format', () => {
    assert.equal(baselineFor(key('mmlu', 'perplexity'), [obs('mmlu', 'perplexity', 12)], {}), null);
  });

  it('reads a plain "score" column of fractions as the task accuracy, and says so', () => {
    const b = baselineFor(key('hellaswag', 'score'), [obs('hellaswag', 'score', 0.3), obs('hellaswag', 'score', 0.6)], {});
    assert.equal(b?.value, 0.25);
    assert.match(b!.note, /the "score" column is read as accuracy/);
    assert.match(baselineFor(key('hellaswag', 'Value'), [obs('hellaswag', 'Value', 0.3)], {})!.note, /"Value" column is read as accuracy/);
  });

  it('does not read a "score" past 1, or a name that only contains "score", as accuracy', () => {
    assert.equal(baselineFor(key('hellaswag', 'score'), [obs('hellaswag', 'score', 0.3), obs('hellaswag', 'score', 45)], {}), null);
    assert.equal(baselineFor(key('hellaswag', 'score'), [obs('hellaswag', 'score', -0.1)], {}), null);
    assert.equal(baselineFor(key('hellaswag', 'bertscore'), [obs('hellaswag', 'bertscore', 0.3)], {}), null);
    assert.equal(baselineFor(key('hellaswag', 'score_std'), [obs('hellaswag', 'score_std', 0.3)], {}), null);
  });

  it('an all-or-nothing metric of an unknown task is assumed 0 by default; its note is no accuracy claim', () => {
    const b = baselineFor(key('my_private_task', 'exact_match'), [obs('my_private_task', 'exact_match', 0.1)], {});
    assert.equal(b?.value, 0);
    assert.equal(b?.source, 'default');
    assert.equal(b?.assumed, true);
    assert.doesNotMatch(b!.note, /read as accuracy/);
  });
});

describe('ceilingFor', () => {
  it('takes the override, then the file, then the metric range', () => {
    const o = [obs('t', 'acc', 0.4, { ceiling: 0.8 })];
    assert.equal(ceilingFor(key('t', 'acc'), o, { tasks: { t: { ceiling: 0.9 } } }, true), 0.9);
    assert.equal(ceilingFor(key('t', 'acc'), o, { tasks: { u: { ceiling: 0.9 } } }, true), 0.8);
    assert.equal(ceilingFor(key('t', 'acc'), [obs('t', 'acc', 0.4), obs('t', 'acc', 0.5, { ceiling: 0.7 })], {}, true), 0.7);
    assert.equal(ceilingFor(key('t', 'acc'), [obs('t', 'acc', 0.4)], {}, true), 1);
  });

  it('a lower-is-better bounded metric is best at the bottom of its range; an unbounded one has no ceiling', () => {
    assert.equal(ceilingFor(key('t', 'expected_calibration_error'), [obs('t', 'expected_calibration_error', 0.2)], {}, false), 0);
    assert.equal(ceilingFor(key('t', 'perplexity'), [obs('t', 'perplexity', 20)], {}, false), null);
  });

  it('a BLEU-like score is out of 100 unless every value is a fraction', () => {
    assert.equal(ceilingFor(key('t', 'bleu'), [obs('t', 'bleu', 0.2), obs('t', 'bleu', 1)], {}, true), 1);
    assert.equal(ceilingFor(key('t', 'bleu'), [obs('t', 'bleu', 0.2), obs('t', 'bleu', 31)], {}, true), 100);
    assert.equal(ceilingFor(key('t', 'bleu'), [obs('t', 'bleu', 1.01)], {}, true), 100);
  });

  it('a plain "score" of fractions on a known task is out of 1; on an unknown task it has no ceiling', () => {
    assert.equal(ceilingFor(key('hellaswag', 'score'), [obs('hellaswag', 'score', 0.5)], {}, true), 1);
    assert.equal(ceilingFor(key('unheard_of', 'score'), [obs('unheard_of', 'score', 0.5)], {}, true), null);
  });
});

describe('normaliser', () => {
  const chance = { value: 0.25, source: 'registry' as const, assumed: true, note: '' };

  it('puts chance at 0 and the best score at 1', () => {
    const n = normaliser(0.3, chance, 1, undefined, true);
    assert.equal(n.hasBaseline, true);
    assert.equal(n.z(0.25), 0);
    assert.equal(n.z(1), 1);
    assert.equal(n.z(0.625), 0.5);
    assert.equal(n.unit, 0.75);
  });

  it('without a baseline, a bounded metric runs from its worst to its best value', () => {
    const n = normaliser(0.3, null, 0, 0.8, false);
    assert.equal(n.hasBaseline, false);
    assert.equal(Math.abs(n.z(0.8)), 0);
    assert.ok(Math.abs(n.z(0.2) - 0.75) < 1e-12);
    assert.ok(Math.abs(n.unit - -0.8) < 1e-12);
  });

  it('a baseline equal to the best score gives no scale from it', () => {
    const n = normaliser(0.5, { ...chance, value: 1 }, 1, 0, true);
    assert.equal(n.hasBaseline, false);
    assert.equal(n.z(0.5), 0.5);
  });

  it('an unbounded metric is relative change from the first model, signed by direction', () => {
    const ppl = normaliser(40, null, null, undefined, false);
    assert.equal(ppl.z(20), 0.5);
    assert.equal(Math.abs(ppl.z(40)), 0);
    assert.equal(normaliser(-2, null, null, undefined, true).z(-1), 0.5);
    assert.equal(normaliser(0, null, null, undefined, true).z(0.3), 0.3, 'a first score of 0 scales by 1');
    assert.equal(normaliser(5, null, 5, 5, true).z(10), 1, 'best equal to worst falls back to relative change');
  });
});

describe('noise', () => {
  const fraction: [number, number] = [0, 1];

  it('uses a positive, finite stderr from the file', () => {
    assert.deepEqual(noise(obs('t', 'acc', 0.5, { stderr: 0.01, n: 100 }), fraction, 1, DEFAULT_THRESHOLDS), { stderr: 0.01, stderrSource: 'file' });
    assert.equal(noise(obs('t', 'acc', 0.5, { stderr: 0, n: 100 }), fraction, 1, DEFAULT_THRESHOLDS).stderrSource, 'binomial');
    assert.equal(noise(obs('t', 'acc', 0.5, { stderr: Number.NaN, n: 100 }), fraction, 1, DEFAULT_THRESHOLDS).stderrSource, 'binomial');
  });

  it('is binomial over n items for a 0–1 accuracy: sqrt(p(1-p)/n)', () => {
    assert.equal(noise(obs('t', 'acc', 0.5, { n: 100 }), fraction, 1, DEFAULT_THRESHOLDS).stderr, 0.05);
    // At a score of 1, p is held at 1 - 0.5/n: sqrt(0.995 × 0.005 / 100) ≈ 0.00705.
    const top = noise(obs('t', 'acc', 1, { n: 100 }), fraction, 1, DEFAULT_THRESHOLDS);
    assert.equal(top.stderrSource, 'binomial');
    assert.ok(Math.abs(top.stderr - Math.sqrt((0.995 * 0.005) / 100)) < 1e-12);
    const bottom = noise(obs('t', 'acc', 0, { n: 100 }), fraction, 1, DEFAULT_THRESHOLDS);
    assert.ok(Math.abs(bottom.stderr - Math.sqrt((0.005 * 0.995) / 100)) < 1e-12);
  });

  it('falls back to the default share of the range without n, off a 0–1 range, or for a score outside it', () => {
    const share = DEFAULT_THRESHOLDS.defaultStderr;
    assert.deepEqual(noise(obs('t', 'acc', 0.5), fraction, 1, DEFAULT_THRESHOLDS), { stderr: share, stderrSource: 'default' });
    assert.equal(noise(obs('t', 'acc', 0.5, { n: 0 }), fraction, 1, DEFAULT_THRESHOLDS).stderrSource, 'default');
    assert.equal(noise(obs('t', 'bleu', 30, { n: 100 }), [0, 100], 100, DEFAULT_THRESHOLDS).stderr, share * 100);
    assert.equal(noise(obs('t', 'mcc', 0.5, { n: 100 }), [-1, 1], 2, DEFAULT_THRESHOLDS).stderrSource, 'default');
    assert.equal(noise(obs('t', 'acc', 1.2, { n: 100 }), fraction, 1, DEFAULT_THRESHOLDS).stderrSource, 'default');
    assert.equal(noise(obs('t', 'acc', -0.2, { n: 100 }), fraction, 1, DEFAULT_THRESHOLDS).stderrSource, 'default');
    assert.equal(noise(obs('t', 'ppl', 20, { n: 100 }), undefined, -20, DEFAULT_THRESHOLDS).stderr, share * 20);
  });
});
