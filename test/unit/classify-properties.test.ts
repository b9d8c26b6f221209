// Properties of the classifier over random curves (fast-check): asking for more evidence never creates emergence,
// noise never turns a curve at chance emergent, and a steady log-linear ramp is never emergent.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyze } from '../../server/src/core/analysis-host';
import { classifyCurve, type CurvePoint } from '../../server/src/core/classify';
import { DEFAULT_THRESHOLDS, type Thresholds } from '../../server/src/core/config';
import { curve } from '../helpers/synthetic';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

/** 3–10 models, ascending log scale with gaps of 0.1–1 decade, scores −0.2…1, errors 0.001–0.2. */
const curves = fc
  .array(fc.record({ gap: fc.double({ min: 0.1, max: 1, noNaN: true }), z: fc.double({ min: -0.2, max: 1, noNaN: true }), s: fc.double({ min: 0.001, max: 0.2, noNaN: true }) }), { minLength: 3, maxLength: 10 })
  .map((raw) => {
    let u = 7;
    return raw.map((r, i): CurvePoint => ({ u: (u += r.gap), z: r.z, s: r.s, label: `m${i}` }));
  });

/** A curve that jumps: near zero for 2–5 models, then clearly above — the kind of curve the properties must cover. */
const jumps = fc
  .record({
    plateau: fc.array(fc.double({ min: -0.05, max: 0.09, noNaN: true }), { minLength: 2, maxLength: 5 }),
    rise: fc.array(fc.double({ min: 0.05, max: 0.9, noNaN: true }), { minLength: 1, maxLength: 4 }),
    s: fc.double({ min: 0.002, max: 0.08, noNaN: true }),
  })
  .map(({ plateau, rise, s }) => [...plateau, ...rise].map((z, i): CurvePoint => ({ u: 8 + 0.5 * i, z, s, label: `m${i}` })));

const anyCurve = fc.oneof(curves, jumps);
const emergent = (points: CurvePoint[], t: Thresholds) => classifyCurve(points, true, t).verdict === 'emergent';

describe('classifier properties', () => {
  it('draws curves that are often emergent, so the properties below are not empty', () => {
    const drawn = fc.sample(jumps, { numRuns: 500, seed: 1 });
    const share = drawn.filter((points) => emergent(points, DEFAULT_THRESHOLDS)).length / drawn.length;
    assert.ok(share > 0.3, `only ${share} of the drawn jumps are emergent`);
  });

  it('raising significance never creates an emergent verdict', () => {
    fc.assert(
      fc.property(anyCurve, fc.double({ min: 1, max: 3, noNaN: true }), fc.double({ min: 0, max: 2, noNaN: true }), (points, sig, extra) => {
        const t = { ...DEFAULT_THRESHOLDS, significance: sig };
        if (emergent(points, { ...t, significance: sig + extra })) assert.ok(emergent(points, t));
      }),
      { numRuns: RUNS },
    );
  });

  it('raising minJump never creates an emergent verdict', () => {
    fc.assert(
      fc.property(anyCurve, fc.double({ min: 0, max: 0.3, noNaN: true }), fc.double({ min: 0, max: 0.3, noNaN: true }), (points, minJump, extra) => {
        const t = { ...DEFAULT_THRESHOLDS, minJump };
        if (emergent(points, { ...t, minJump: minJump + extra })) assert.ok(emergent(points, t));
      }),
      { numRuns: RUNS },
    );
  });

  it('larger errors (more noise) never create an emergent verdict', () => {
    fc.assert(
      fc.property(anyCurve, fc.double({ min: 1, max: 5, noNaN: true }), (points, k) => {
        const noisier = points.map((p) => ({ ...p, s: p.s * k }));
        if (emergent(noisier, DEFAULT_THRESHOLDS)) assert.ok(emergent(points, DEFAULT_THRESHOLDS));
      }),
      { numRuns: RUNS },
    );
  });

  it('a curve within one standard error of chance at every scale is never emergent, whatever the errors', () => {
    fc.assert(
      fc.property(curves, fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 10, maxLength: 10 }), (points, noise) => {
        const atChance = points.map((p, i) => ({ ...p, z: noise[i] * p.s }));
        assert.notEqual(classifyCurve(atChance, true, DEFAULT_THRESHOLDS).verdict, 'emergent');
      }),
      { numRuns: RUNS },
    );
  });

  it('a steady log-linear ramp of any slope and intercept is never emergent', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 12 }),
        fc.double({ min: -0.3, max: 0.3, noNaN: true }),
        fc.double({ min: -2, max: 2, noNaN: true }),
        fc.double({ min: 0.0005, max: 0.05, noNaN: true }),
        fc.double({ min: 0.1, max: 1, noNaN: true }),
        (n, intercept, slope, s, gap) => {
          const points = Array.from({ length: n }, (_, i): CurvePoint => ({ u: 8 + gap * i, z: intercept + slope * gap * i, s, label: `m${i}` }));
          assert.notEqual(classifyCurve(points, true, DEFAULT_THRESHOLDS).verdict, 'emergent');
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('through the whole analysis too: raising significance never adds an emergent series after the correction', () => {
    fc.assert(
      fc.property(fc.array(jumps, { minLength: 1, maxLength: 6 }), fc.double({ min: 0, max: 1.5, noNaN: true }), (many, extra) => {
        const observations = many.flatMap((points, k) =>
          curve({ task: `t${k}`, metric: 'exact_match', params: points.map((p) => 10 ** p.u), scores: points.map((p) => p.z), stderr: points.map((p) => p.s) }),
        );
        const ids = (sig: number) => new Set(analyze(observations, { thresholds: { significance: sig } }).series.filter((s) => s.verdict === 'emergent').map((s) => s.id));
        const base = ids(2);
        for (const id of ids(2 + extra)) assert.ok(base.has(id), `${id} became emergent with a stricter significance`);
      }),
      { numRuns: Math.ceil(RUNS / 5) },
    );
  });
});
