// The classifier's rule, threshold by threshold: for each one a curve just inside and one just outside it, stated
// on the normalised scale (0 = chance, 1 = ceiling) so the numbers can be checked by hand against the README's rule.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { classifyCurve, jumpFloor, type CurvePoint } from '../../server/src/core/classify';
import { DEFAULT_THRESHOLDS, type Thresholds } from '../../server/src/core/config';
import { oneSidedP } from '../../server/src/core/stats';

/** Points half a decade apart from 10^8, each with its own standard error (one value for all when a number). */
function curveOf(z: number[], s: number | number[] = 0.001, step = 0.5): CurvePoint[] {
  return z.map((zi, i) => ({ u: 8 + step * i, z: zi, s: typeof s === 'number' ? s : s[i], label: `m${i}` }));
}

const classify = (z: number[], s: number | number[] = 0.001, t: Partial<Thresholds> = {}, hasBaseline = true) => classifyCurve(curveOf(z, s), hasBaseline, { ...DEFAULT_THRESHOLDS, ...t });

describe('the emergence rule', () => {
  it('keeps emergence when one larger model dips under the effect-size floor but stays significantly above chance', () => {
    // Five models at about zero, then 25 %, 9 % (10 SE above chance, under the 10 % floor) and 30 %.
    const c = classify([0, 0.005, 0.002, 0.01, 0.008, 0.25, 0.09, 0.3], 0.009);
    assert.equal(c.verdict, 'emergent');
    assert.equal(c.emergenceIndex, 5);
    assert.match(c.reason, /m6 dips under the effect-size floor but stays significantly above chance/);
  });

  it('drops it when the dipping model falls back to chance: the ability was lost', () => {
    // 0.015 is 1.7 SE above chance: not significant.
    const c = classify([0, 0.005, 0.002, 0.01, 0.008, 0.25, 0.015, 0.3], 0.009);
    assert.notEqual(c.verdict, 'emergent');
  });

  it('needs the largest model clearly above chance', () => {
    assert.notEqual(classify([0, 0, 0, 0.3, 0.2, 0.09], 0.01).verdict, 'emergent');
    assert.equal(classify([0, 0, 0, 0.3, 0.2, 0.11], 0.01).verdict, 'emergent');
  });

  it('calls a several-fold rise from a plateau a few points above chance emergent, landing just past the floor', () => {
    // 3–4 % for four models, then 12 % and 20 %: a jump of 8 points, under minJump, but a tripling.
    const c = classify([0.03, 0.04, 0.03, 0.04, 0.12, 0.2], 0.01);
    assert.equal(c.verdict, 'emergent');
    assert.equal(c.emergenceIndex, 4);
    assert.ok(Math.abs(c.jumpFloor! - 0.04) < 1e-12, `floor ${c.jumpFloor}`);
  });

  it('does not when the landing is less than double the last near-chance model and under minJump above it', () => {
    // 7 % → 12 %: five points, and 12 < 2 × 7.
    assert.notEqual(classify([0.03, 0.04, 0.03, 0.07, 0.12, 0.2], 0.01).verdict, 'emergent');
  });

  it('pins the doubling floor: a landing just over twice the plateau is emergent, just under is not', () => {
    // Flat plateau at 6 %: the jump and the distance above the trend must both reach 6 points.
    assert.equal(classify([0.06, 0.06, 0.06, 0.121, 0.3], 0.001).verdict, 'emergent');
    assert.notEqual(classify([0.06, 0.06, 0.06, 0.119, 0.3], 0.001).verdict, 'emergent');
  });

  it('takes the floor as min(minJump, distance from chance), never below 0', () => {
    assert.equal(jumpFloor(0.04, DEFAULT_THRESHOLDS), 0.04);
    assert.equal(jumpFloor(0.5, DEFAULT_THRESHOLDS), DEFAULT_THRESHOLDS.minJump);
    assert.equal(jumpFloor(-0.05, DEFAULT_THRESHOLDS), 0);
  });

  it('pins minJump where it binds (a floor under minGain): 10.1 points above a 20 % plateau count, 9.9 do not', () => {
    const t = { minGain: 0.25, minJump: 0.1 };
    assert.equal(classify([0.2, 0.2, 0.2, 0.301, 0.5], 0.001, t).verdict, 'emergent');
    assert.notEqual(classify([0.2, 0.2, 0.2, 0.299, 0.5], 0.001, t).verdict, 'emergent');
  });

  it('pins minGain: the onset is the first model at least minGain above chance', () => {
    assert.equal(classify([0, 0, 0, 0.101, 0.3, 0.5]).emergenceIndex, 3);
    // Under the floor, 9.9 % is still near chance, and the onset moves to the next model.
    assert.equal(classify([0, 0, 0, 0.099, 0.3, 0.5]).emergenceIndex, 4);
    const marks = classify([0, 0, 0, 0.101, 0.3, 0.5]).aboveChance;
    assert.deepEqual(marks, [false, false, false, true, true, true]);
  });

  it('pins significance for the onset: 2.01 SE above chance counts, 1.99 SE does not', () => {
    const s = (onset: number) => [0.001, 0.001, 0.001, 0.2 / onset, 0.001, 0.001];
    assert.equal(classify([0, 0, 0, 0.2, 0.5, 0.7], s(2.01)).verdict, 'emergent');
    assert.notEqual(classify([0, 0, 0, 0.2, 0.5, 0.7], s(1.99)).verdict, 'emergent');
    // A stricter significance asks more of the same curve.
    assert.notEqual(classify([0, 0, 0, 0.2, 0.5, 0.7], s(2.5), { significance: 3 }).verdict, 'emergent');
  });

  it('pins significance for the models after the onset: each must stay above chance by more than 2 SE', () => {
    const s = (later: number) => [0.001, 0.001, 0.001, 0.001, 0.05 / later, 0.001];
    assert.equal(classify([0, 0, 0, 0.3, 0.05, 0.4], s(2.01)).verdict, 'emergent');
    assert.notEqual(classify([0, 0, 0, 0.3, 0.05, 0.4], s(1.99)).verdict, 'emergent');
  });

  it('pins minNearChance: two models near chance before the jump are needed by default, three when asked', () => {
    assert.equal(classify([0, 0, 0.3, 0.5, 0.6]).verdict, 'emergent');
    assert.notEqual(classify([0, 0.3, 0.5, 0.6, 0.7]).verdict, 'emergent');
    assert.notEqual(classify([0, 0, 0.3, 0.5, 0.6], 0.001, { minNearChance: 3 }).verdict, 'emergent');
  });

  it('needs the smaller models near chance in both directions: a model far below chance is not a plateau', () => {
    assert.notEqual(classify([0, -0.15, 0, 0.3, 0.5]).verdict, 'emergent');
    assert.equal(classify([0, -0.09, 0, 0.3, 0.5]).verdict, 'emergent');
  });

  it('pins the above-trend check: a steady ramp that crosses the floor is smooth, not emergent', () => {
    // A ramp of 3 points per half decade: the trend of the four smaller models predicts 12 % at the fifth,
    // so the fifth must land 10 points above that (the floor is min(minJump, 12 %)).
    assert.equal(classify([0, 0.03, 0.06, 0.09, 0.221]).verdict, 'emergent');
    const ramp = classify([0, 0.03, 0.06, 0.09, 0.219]);
    assert.notEqual(ramp.verdict, 'emergent');
    assert.equal(ramp.verdict, 'smooth');
  });

  it('calls a hockey stick flat for only one model, then rising steadily, smooth', () => {
    assert.equal(classify([0, 0.12, 0.24, 0.36, 0.48, 0.6], 0.01).verdict, 'smooth');
  });

  it('calls a gradual climb from below chance smooth', () => {
    assert.equal(classify([-0.08, -0.04, 0, 0.04, 0.08, 0.12, 0.16], 0.01).verdict, 'smooth');
  });

  it('calls a jump at the largest model alone emergent (as Wei et al. do for GPT-3 on conceptual mappings)', () => {
    const c = classify([0, 0.01, 0, 0.01, 0, 0.35], 0.01);
    assert.equal(c.verdict, 'emergent');
    assert.equal(c.emergenceIndex, 5);
  });

  it('gives the claim an intersection–union p-value: the largest of its tests', () => {
    const s = [0.01, 0.01, 0.01, 0.05, 0.01];
    const c = classify([0, 0, 0, 0.15, 0.5], s);
    assert.equal(c.verdict, 'emergent');
    // The weakest test is the onset's own 0.15 / 0.05 = 3 SE; the jump is 0.15 / √(0.05² + 0.01²) = 2.94 SE.
    const jumpZ = 0.15 / Math.hypot(0.05, 0.01);
    assert.ok(Math.abs(c.claim!.p - oneSidedP(jumpZ)) < 1e-12, `p ${c.claim!.p}`);
    assert.equal(c.claim!.fallback.verdict, 'possibly-emergent');
  });
});

describe('gates: scales, span and noise', () => {
  it('pins minPoints: three scales give a verdict, two do not; four when asked', () => {
    assert.equal(classify([0, 0.2, 0.4]).verdict, 'smooth');
    assert.equal(classify([0, 0.4]).verdict, 'insufficient');
    assert.equal(classify([0, 0.2, 0.4], 0.001, { minPoints: 4 }).verdict, 'insufficient');
    assert.equal(classify([0, 0.2, 0.4]).tested, true);
    assert.equal(classify([0, 0.4]).tested, false);
  });

  it('counts distinct scales: two checkpoints of one size are one scale', () => {
    const points = curveOf([0, 0.2, 0.4]);
    points[1].u = points[0].u;
    assert.equal(classifyCurve(points, true, DEFAULT_THRESHOLDS).verdict, 'insufficient');
  });

  it('pins minSpanDecades: 0.51 decades are enough, 0.49 are not', () => {
    const span = (decades: number) => classifyCurve(curveOf([0, 0.3, 0.6], 0.001, decades / 2), true, DEFAULT_THRESHOLDS).verdict;
    assert.equal(span(0.51), 'smooth');
    assert.equal(span(0.49), 'insufficient');
  });

  it('pins maxNoise on the median standard error (the upper one of an even count)', () => {
    assert.equal(classify([0, 0.3, 0.6], [0.1, 0.24, 0.3]).verdict === 'insufficient', false);
    assert.match(classify([0, 0.3, 0.6], [0.1, 0.26, 0.3]).reason, /too noisy to tell: median standard error is 26\.0 %/);
    // Sorted 0.1, 0.1, 0.3, 0.3: the upper median 0.3 is over the limit (the lower one would not be).
    assert.equal(classify([0, 0.3, 0.6, 0.9], [0.3, 0.1, 0.3, 0.1]).verdict, 'insufficient');
    assert.notEqual(classify([0, 0.3, 0.6, 0.9], [0.3, 0.1, 0.3, 0.1], { maxNoise: 0.31 }).verdict, 'insufficient');
  });
});

describe('saturation, shapes and flat curves', () => {
  it('pins saturation: every model within 2 SE of 95 % of the range or above', () => {
    // 2 SE of 0.01 below 0.95 is 0.93.
    assert.equal(classify([0.931, 0.94, 0.96, 0.97], 0.01).verdict, 'saturated');
    assert.notEqual(classify([0.929, 0.94, 0.96, 0.97], 0.01).verdict, 'saturated');
    assert.equal(classify([0.9, 0.9, 0.9], 0.001, { saturation: 0.89 }).verdict, 'saturated');
  });

  it('is never saturated without a baseline to measure the range from', () => {
    assert.notEqual(classify([0.99, 0.99, 0.99], 0.001, {}, false).verdict, 'saturated');
  });

  it('pins minJump for a U shape: a valley of two neighbouring models, each 10 points under both ends', () => {
    assert.equal(classify([0.5, 0.39, 0.399, 0.45, 0.5]).verdict, 'u-shaped');
    assert.notEqual(classify([0.5, 0.39, 0.401, 0.45, 0.5]).verdict, 'u-shaped');
  });

  it('calls one model off the curve an outlier, not a U shape', () => {
    // A fine-tune that collapsed at one size, the others steady: no trend turns here.
    assert.notEqual(classify([0.81, 0.81, 0.81, 0.15, 0.52]).verdict, 'u-shaped');
    assert.notEqual(classify([0.37, 0.38, 0.37, 0.5, 0.39]).verdict, 'u-shaped');
  });

  it('corrects the U shape for picking its lowest inner point (Bonferroni over the inner points)', () => {
    const s = 0.03;
    const c = classify([0.5, 0.39, 0.39, 0.45, 0.5], s);
    assert.equal(c.verdict, 'u-shaped');
    const dipZ = 0.11 / Math.hypot(s, s);
    assert.ok(Math.abs(c.claim!.p - 3 * oneSidedP(dipZ)) < 1e-12, `p ${c.claim!.p}`);
  });

  it('reads an inverted U', () => {
    const c = classify([0.2, 0.31, 0.45, 0.31, 0.2]);
    assert.equal(c.verdict, 'u-shaped');
    assert.match(c.reason, /^inverted U: peaks at 45\.0 % of the range at m2/);
  });

  it('gives a U shape that may not hold the verdict of the rest of the curve as its fallback', () => {
    // Rising overall: without the dip it is a smooth rise.
    const c = classify([0.3, 0.1, 0.15, 0.5, 0.7, 0.9], 0.01);
    assert.equal(c.verdict, 'u-shaped');
    assert.equal(c.claim!.fallback.verdict, 'smooth');
  });

  it('pins the inverse rule: a significant fall of at least minJump', () => {
    assert.equal(classify([0.5, 0.45, 0.42, 0.399]).verdict, 'inverse');
    assert.notEqual(classify([0.5, 0.45, 0.42, 0.401]).verdict, 'inverse');
    // 0.15 / √(0.05² + 0.05²) = 2.1 SE: a fall; with errors of 0.06 it is 1.8 SE, too noisy to call.
    assert.equal(classify([0.5, 0.45, 0.4, 0.35], 0.05).verdict, 'inverse');
    assert.notEqual(classify([0.5, 0.45, 0.4, 0.35], 0.06).verdict, 'inverse');
  });

  it('tells at chance, above chance and below chance apart when flat', () => {
    assert.equal(classify([0.01, 0.0, 0.02, 0.01]).chanceLevel, 'at');
    assert.equal(classify([0.3, 0.31, 0.3, 0.32]).chanceLevel, 'above');
    const below = classify([-0.27, -0.27, -0.27, -0.27], 0.02);
    assert.equal(below.verdict, 'flat');
    assert.equal(below.chanceLevel, 'below');
  });

  it('pins minJump for trends: a rise of 10 points is smooth, of 9 flat', () => {
    assert.equal(classify([0.3, 0.35, 0.401], 0.001).verdict, 'smooth');
    assert.equal(classify([0.3, 0.34, 0.39], 0.001).verdict, 'flat');
  });

  it('words a curve measured relative to its first score as such, never as a share of a range it does not have', () => {
    const relative = (z: number[]) => classifyCurve(curveOf(z, 0.01), false, DEFAULT_THRESHOLDS, true).reason;
    assert.match(relative([0, 0.3, 0.9, 1.6, 0.4, 0.2]), /^inverted U: peaks at \+160\.0 % from the first score at m3, then falls to \+20\.0 % from the first score at m5$/);
    assert.match(relative([0, -0.2, -0.4, -0.6]), /^falls by 60\.0 % of the first score from m0 to m3/);
    assert.match(classify([0.2, 0.4, 0.6, 0.8], 0.01, {}, false).reason, /^rises gradually by 60\.0 % of the range from m0 to m3/, 'a bounded metric without a baseline keeps its worst-to-best range');
  });
});
