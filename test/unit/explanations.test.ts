import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analysis-host';
import { curve, LADDER } from '../helpers/synthetic';

// A five-step task whose per-step accuracy rises along a sigmoid in log scale: the whole answer scores p^5.
const perStep = LADDER.map((x) => 1 / (1 + Math.exp(-1.2 * (Math.log10(x) - 8.5))));
const exact = perStep.map((p) => p ** 5);

describe('multi-step hypothesis', () => {
  it('recovers the smooth per-step accuracy behind an emergent-looking exact match', () => {
    const { series } = analyze(curve({ task: 'word_unscramble', metric: 'exact_match', params: LADDER, scores: exact, n: 5000 }), {
      overrides: { tasks: { word_unscramble: { steps: 5 } } },
    });
    const s = series[0];
    assert.equal(s.multiStep?.knownSteps?.k, 5);
    assert.equal(s.multiStep?.knownSteps?.source, 'override');
    const five = s.multiStep!.steps.find((step) => step.k === 5)!;
    five.perStep.forEach((p, i) => assert.ok(Math.abs(p - perStep[i]) < 1e-9, `step ${i}: ${p} vs ${perStep[i]}`));
    assert.equal(five.verdict, 'smooth');
  });

  it('shows k = 2..5 when the step count is unknown', () => {
    const { series } = analyze(curve({ task: 'mystery', metric: 'exact_match', params: LADDER, scores: exact, n: 5000 }));
    assert.deepEqual(series[0].multiStep?.steps.map((s) => s.k), [2, 3, 4, 5]);
    assert.equal(series[0].multiStep?.knownSteps, undefined);
  });

  it('takes the step count of arithmetic tasks from the task name', () => {
    const { series } = analyze(curve({ task: 'arithmetic_4da', metric: 'acc', params: LADDER, scores: exact, n: 2000 }));
    assert.deepEqual(series[0].multiStep?.knownSteps, { k: 4, source: 'registry' });
  });
});

describe('metric-flaw hypothesis', () => {
  it('pairs an all-or-nothing metric with a graded one on the same runs and reports its verdict', () => {
    const observations = [
      ...curve({ task: 'word_unscramble', metric: 'exact_match', params: LADDER, scores: exact, n: 5000 }),
      ...curve({ task: 'word_unscramble', metric: 'token_edit_distance', params: LADDER, scores: perStep.map((p) => 5 * (1 - p)), stderr: LADDER.map(() => 0.02) }),
    ];
    const { series } = analyze(observations);
    const em = series.find((s) => s.metric === 'exact_match')!;
    const ted = series.find((s) => s.metric === 'token_edit_distance')!;
    assert.equal(em.verdict, 'emergent');
    assert.equal(ted.higherIsBetter, false);
    assert.equal(ted.verdict, 'smooth');
    assert.equal(em.metricFlaw.discontinuous, true);
    assert.deepEqual(
      em.metricFlaw.siblings.map((s) => [s.metric, s.continuous, s.verdict]),
      [['token_edit_distance', true, 'smooth']],
    );
  });

  it('does not treat series of other families or shot counts as siblings', () => {
    const observations = [
      ...curve({ task: 't', metric: 'exact_match', params: LADDER, scores: exact, n: 5000, shots: 0 }),
      ...curve({ task: 't', metric: 'log_likelihood', params: LADDER, scores: perStep.map((p) => Math.log(p)), shots: 3 }),
    ];
    const { series } = analyze(observations);
    assert.ok(series.every((s) => s.metricFlaw.siblings.length === 0));
  });
});
