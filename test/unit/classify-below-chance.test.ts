// The "clearly below chance" flag, the data gates at their exact thresholds, jumpsAt and the emergence reason's
// wording, on curves whose verdict can be read off the numbers (0 = chance, 1 = ceiling).
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { classifyCurve, jumpsAt, type CurvePoint } from '../../server/src/core/classify';
import { DEFAULT_THRESHOLDS, type Thresholds } from '../../server/src/core/config';

function curveOf(z: number[], s: number | number[] = 0.001, u?: number[]): CurvePoint[] {
  return z.map((zi, i) => ({ u: u ? u[i] : 8 + 0.5 * i, z: zi, s: typeof s === 'number' ? s : s[i], label: `m${i}` }));
}
const T = DEFAULT_THRESHOLDS;
const classify = (z: number[], s: number | number[] = 0.001, t: Partial<Thresholds> = {}, hasBaseline = true, u?: number[]) =>
  classifyCurve(curveOf(z, s, u), hasBaseline, { ...T, ...t });

describe('clearly below chance', () => {
  it('flags scores more than 2 SE under chance, and only those', () => {
    // 30 points under chance at 1 SE = 1 point; 1.5 SE under; 2.5 SE under; at chance; above.
    const c = classify([-0.3, -0.015, -0.025, 0, 0.3], 0.01);
    assert.deepEqual(c.belowChance, [true, false, true, false, false]);
  });

  it('flags nothing without a baseline, where there is no chance to be under', () => {
    assert.deepEqual(classify([0.5, 0.5, 0.5, 0.5], 0.01, {}, false).belowChance, [false, false, false, false]);
    assert.deepEqual(classify([-0.5, -0.5, -0.5], 0.01, {}, false).belowChance, [false, false, false]);
  });

  it('calls a curve 30 points under chance at every scale flat below chance', () => {
    const c = classify([-0.3, -0.3, -0.3, -0.3], 0.01);
    assert.equal(c.verdict, 'flat');
    assert.equal(c.chanceLevel, 'below');
  });

  it('calls a curve 12 points under chance but only 1.2 SE under it at chance, not below', () => {
    const c = classify([-0.12, -0.12, -0.12, -0.12], 0.1);
    assert.equal(c.verdict, 'flat');
    assert.equal(c.chanceLevel, 'at');
  });

  it('calls a curve significantly but only 5 points under chance at chance: under the effect-size floor', () => {
    const c = classify([-0.05, -0.05, -0.05, -0.05], 0.001);
    assert.equal(c.chanceLevel, 'at');
  });

  it('needs every scale below chance: alternating −30 % and −5 % (1 SE) is at chance', () => {
    const c = classify([-0.3, -0.05, -0.3, -0.05, -0.3], 0.05);
    assert.equal(c.verdict, 'flat');
    assert.equal(c.chanceLevel, 'at');
  });

  it('flags clearly above chance from exactly minGain on', () => {
    assert.deepEqual(classify([0.1, 0.1, 0.1, 0.1], 0.001).aboveChance, [true, true, true, true]);
  });
});

describe('the data gates at their thresholds', () => {
  it('needs three distinct scales', () => {
    assert.match(classify([0, 0.5]).reason, /only 2 model scales; a verdict needs 3/);
    assert.match(classify([0]).reason, /only 1 model scale; a verdict needs 3/);
  });

  it('counts repeated scales once, sorted or not', () => {
    assert.equal(classify([0, 0, 0, 0.5], 0.001, {}, true, [8, 8, 8, 9]).verdict, 'insufficient');
    assert.match(classify([0, 0.5, 0], 0.001, {}, true, [8, 9, 8]).reason, /only 2 model scales/);
    assert.equal(classify([0.3, 0.3, 0.3], 0.01, {}, true, [9, 8, 10]).tested, true);
  });

  it('accepts a span of exactly half a decade', () => {
    const c = classify([0.3, 0.3, 0.3], 0.01, {}, true, [8, 8.25, 8.5]);
    assert.equal(c.tested, true);
    assert.match(classify([0.3, 0.3, 0.3], 0.01, {}, true, [8, 8.125, 8.25]).reason, /scales span only 0\.25 decades; a verdict needs 0\.5/);
  });

  it('accepts a median error of exactly maxNoise', () => {
    assert.equal(classify([0.3, 0.3, 0.3, 0.3], 0.25).tested, true);
  });

  it('takes the (upper) median of the errors, whatever their order', () => {
    // Sorted: [1 %, 1 %, 30 %, 30 %]: the upper median is 30 %.
    assert.match(classify([0.3, 0.3, 0.3, 0.3], [0.3, 0.3, 0.01, 0.01]).reason, /too noisy to tell: median standard error is 30\.0 %/);
    // Sorted: [1 %, 1 %, 1 %, 30 %]: 1 %.
    assert.equal(classify([0.3, 0.3, 0.3, 0.3], [0.01, 0.01, 0.3, 0.01]).tested, true);
  });

  it('calls exactly 95 % of the range at every scale saturated', () => {
    const c = classify([0.95, 0.95, 0.95, 0.95], 0);
    assert.equal(c.verdict, 'saturated');
    assert.match(c.reason, /at the ceiling from m0 on/);
  });
});

describe('U shapes need two inner models beyond both ends', () => {
  it('finds a U on four models', () => {
    assert.equal(classify([0.6, 0.1, 0.1, 0.6], 0.01).verdict, 'u-shaped');
  });

  it('does not call a fall that never recovers a U', () => {
    assert.notEqual(classify([0.6, 0.1, 0.1, 0.12], 0.01).verdict, 'u-shaped');
  });

  it('does not call three models a U', () => {
    assert.notEqual(classify([0.6, 0.1, 0.6], 0.01).verdict, 'u-shaped');
  });
});

describe('the emergence reason', () => {
  it('names the range of near-chance models', () => {
    assert.match(classify([0, 0, 0, 0.5, 0.6], 0.01).reason, /^near chance from m0–m2, then 50\.0 % of the range at m3/);
  });

  it('names a single near-chance model when one is enough', () => {
    assert.match(classify([0, 0.5, 0.6], 0.01, { minNearChance: 1 }).reason, /^near chance from m0, then/);
  });

  it('names the dipping models in the plural', () => {
    const c = classify([0, 0, 0, 0.5, 0.08, 0.08, 0.6], 0.01);
    assert.equal(c.verdict, 'emergent');
    assert.match(c.reason, /m4, m5 dip under the effect-size floor but stay significantly above chance/);
    assert.equal(c.jump, 0.5);
  });
});

describe('jumpsAt', () => {
  const at = (z: number[], j: number) => jumpsAt(curveOf(z, 0.001), j, T);
  it('finds the jump of a flat-then-high curve', () => {
    assert.equal(at([0, 0.0625, 0.375, 0.375], 2), true);
    assert.equal(at([0, 0, 0, 0.5, 0.6], 3), true);
  });
  it('needs two points before the jump and a point at it', () => {
    assert.equal(at([0, 0.5, 0.5, 0.5], 1), false);
    assert.equal(at([0, 0, 0, 0.5], 4), false);
  });
  it('needs the largest step', () => {
    assert.equal(at([0, 0, 0, 0.5, 0.6], 4), false);
    assert.equal(at([0, 0, 0.25, 0.25, 0.5], 2), false);
  });
  it('needs the step before to be under half the jump', () => {
    assert.equal(at([0, 0.125, 0.375, 0.375], 2), false);
  });
});
