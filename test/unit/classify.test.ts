import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analysis-host';
import { curve, LADDER } from '../helpers/synthetic';

const one = (observations: ReturnType<typeof curve>) => {
  const { series } = analyze(observations);
  assert.equal(series.length, 1, 'one series expected');
  return series[0];
};

describe('verdicts on synthetic curves', () => {
  it('calls a step at a known scale emergent at that scale', () => {
    // Exact match near 0 up to 1.9B, then a jump at 7.2B.
    const s = one(curve({ task: 'gsm8k', metric: 'exact_match', params: LADDER, scores: [0.0, 0.004, 0.002, 0.006, 0.01, 0.25, 0.41, 0.55], n: 1000 }));
    assert.equal(s.verdict, 'emergent');
    assert.equal(s.emergence?.firstAbove.model.params, 7.2e9);
    assert.equal(s.emergence?.lastNearChance.model.params, 1.9e9);
    assert.ok(s.emergence!.jumpZ > 10, `jump should be many SE, got ${s.emergence!.jumpZ}`);
    assert.ok(s.breakthroughness! > 5, `breakthroughness ${s.breakthroughness}`);
    assert.equal(s.baseline?.value, 0);
    assert.equal(s.baseline?.assumed, true);
    // The logistic midpoint lies between the last near-chance model and the largest one.
    assert.ok(s.fit && s.fit.midpoint > 1.9e9 && s.fit.midpoint < 1e11, `midpoint ${s.fit?.midpoint}`);
  });

  it('calls a curve linear in log scale smooth, not emergent', () => {
    const scores = LADDER.map((_, i) => 0.25 + 0.08 * i);
    const s = one(curve({ task: 'arc_easy', params: LADDER, scores, n: 2000 }));
    assert.equal(s.verdict, 'smooth');
    assert.equal(s.emergence, null);
    assert.ok(s.slopePerDecade > 0);
    // Evenly spread gains: linearity beats breakthroughness.
    assert.ok(s.linearity! > 2 && Math.abs(s.breakthroughness! - 7) < 0.5, `B=${s.breakthroughness} L=${s.linearity}`);
  });

  it('calls a curve at chance at every scale flat ("not emergent yet")', () => {
    const s = one(curve({ task: 'mmlu', params: LADDER, scores: [0.25, 0.252, 0.249, 0.255, 0.251, 0.253, 0.256, 0.258], n: 14042 }));
    assert.equal(s.verdict, 'flat');
    assert.match(s.reason, /at chance/);
    assert.equal(s.baseline?.value, 0.25);
  });

  it('calls a curve that falls with scale inverse', () => {
    const s = one(curve({ task: 'winogrande', params: LADDER, scores: [0.85, 0.82, 0.78, 0.74, 0.7, 0.66, 0.62, 0.58], n: 1267 }));
    assert.equal(s.verdict, 'inverse');
  });

  it('does not call falling perplexity inverse scaling: lower is better', () => {
    const s = one(curve({ task: 'lambada_openai', metric: 'perplexity', params: LADDER, scores: [120, 60, 30, 16, 9, 6, 4.5, 3.6], stderr: LADDER.map(() => 0.5) }));
    assert.equal(s.higherIsBetter, false);
    assert.equal(s.verdict, 'smooth');
    assert.equal(s.baseline, null);
  });

  it('calls a dip then recovery u-shaped', () => {
    const s = one(curve({ task: 'hindsight_neglect', params: LADDER, scores: [0.6, 0.5, 0.4, 0.3, 0.25, 0.35, 0.5, 0.7], n: 2000, baseline: 0.5 }));
    assert.equal(s.verdict, 'u-shaped');
  });

  it('needs three scales for any verdict', () => {
    const s = one(curve({ task: 'gsm8k', metric: 'exact_match', params: [1e9, 7e9], scores: [0, 0.5], n: 1000 }));
    assert.equal(s.verdict, 'insufficient');
    assert.match(s.reason, /2 model scales/);
  });

  it('does not call a noisy small-n curve emergent', () => {
    const s = one(curve({ task: 'copa', params: [1e8, 1e9, 1e10, 1e11], scores: [0.5, 0.45, 0.6, 0.75], n: 20 }));
    assert.notEqual(s.verdict, 'emergent');
  });

  it('needs size as well as significance: a 1.5-point jump of exact match is not emergence', () => {
    const s = one(curve({ task: 'gsm8k', metric: 'exact_match', params: LADDER, scores: [0, 0, 0, 0, 0, 0.012, 0.014, 0.015], n: 100000 }));
    assert.notEqual(s.verdict, 'emergent');
    assert.equal(s.verdict, 'flat');
  });

  it('uses the baseline stated in the file and says so', () => {
    const s = one(curve({ task: 'my_task', params: LADDER, scores: [0.33, 0.34, 0.33, 0.35, 0.34, 0.6, 0.75, 0.8], n: 1000, baseline: 0.333 }));
    assert.equal(s.baseline?.source, 'file');
    assert.equal(s.baseline?.assumed, false);
    assert.equal(s.verdict, 'emergent');
  });

  it('reads a ceiling-bound curve as saturated', () => {
    const s = one(curve({ task: 'sciq', params: LADDER.slice(0, 4), scores: [0.99, 0.995, 0.996, 0.998], n: 1000 }));
    assert.equal(s.verdict, 'saturated');
  });
});
