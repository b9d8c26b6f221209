// The verdict on one scaling curve. Works on the normalised scale (0 = chance, 1 = ceiling, higher is better),
// so every threshold is a fraction of the baseline-to-ceiling range or a number of standard errors.
// The rule and its reasons are in the README ("Verdicts and thresholds").
import type { Thresholds } from './config';
import type { ChanceLevel, Claim, Verdict } from './results';
import { oneSidedP } from './stats';
import { logLinearSlope, trendLine, type Slope } from './trend';

export interface CurvePoint {
  /** log10 of the scale. */
  u: number;
  /** Normalised score. */
  z: number;
  /** Normalised standard error. */
  s: number;
  /** Scale as shown to users, e.g. "6.9B". */
  label: string;
  /** Standard error of z minus the previous point's z from per-item differences on shared items, when known. */
  pairedSe?: number;
}

export interface Classification {
  verdict: Verdict;
  reason: string;
  /** Clearly above chance: significant and at least `minGain` above it. */
  aboveChance: boolean[];
  /** Significantly above chance, whatever the size. */
  significant: boolean[];
  /** Significantly below chance. */
  belowChance: boolean[];
  slope: Slope;
  /** The curve passed the data gates (scales, span, noise): it could have made a claim. */
  tested: boolean;
  /** Flat verdicts with a baseline: at, near or above chance (see ChanceLevel). */
  chanceLevel?: ChanceLevel;
  /** Index of the first clearly-above-chance point of an emergent curve. */
  emergenceIndex?: number;
  jump?: number;
  jumpZ?: number;
  discontinuity?: number;
  /** The effect-size floor the jump had to clear (see jumpFloor). */
  jumpFloor?: number;
  /**
   * Set on emergent, inverse and u-shaped verdicts: the one-sided p-value of the claim (the largest p of the tests
   * that must all pass, as an intersection–union test) and the verdict the curve gets without that claim.
   */
  claim?: { p: number; fallback: { verdict: Verdict; reason: string } };
}

const pct = (v: number): string => `${(100 * v).toFixed(1)} %`;
const combined = (a: number, b: number): number => Math.sqrt(a * a + b * b);

/** Significant and large enough: a difference that clears both the noise and the effect-size floor. */
function clears(diff: number, se: number, floor: number, t: Thresholds): boolean {
  return diff >= floor && diff > t.significance * se;
}

interface Curve {
  points: CurvePoint[];
  hasBaseline: boolean;
  /** What a normalised unit is: "of the range", or "of the first score" for a curve measured relative to it. */
  of: string;
  /** A point's level in those units: "45.0 % of the range", "+163.2 % from the first score". */
  level: (z: number) => string;
  t: Thresholds;
  above: boolean[];
  significant: boolean[];
  below: boolean[];
  slope: Slope;
  z: number[];
}

type Shape = Omit<Classification, 'aboveChance' | 'significant' | 'belowChance' | 'slope' | 'tested'>;

// Runs five times per series (the verdict and four multi-step curves) on curves of up to hundreds of checkpoints,
// so it walks the points in plain loops rather than building intermediate arrays.
export function classifyCurve(points: CurvePoint[], hasBaseline: boolean, t: Thresholds, relative = false): Classification {
  const n = points.length;
  const u = new Array<number>(n);
  const z = new Array<number>(n);
  const s = new Array<number>(n);
  const above = new Array<boolean>(n);
  const significant = new Array<boolean>(n);
  const below = new Array<boolean>(n);
  for (let i = 0; i < n; i++) {
    const p = points[i];
    u[i] = p.u;
    z[i] = p.z;
    s[i] = p.s;
    significant[i] = hasBaseline && p.z > t.significance * p.s;
    above[i] = significant[i] && p.z >= t.minGain;
    below[i] = hasBaseline && -p.z > t.significance * p.s;
  }
  const slope = logLinearSlope(u, z, s);
  const of = relative ? 'of the first score' : 'of the range';
  const level = (v: number) => (relative ? `${v >= 0 ? '+' : ''}${pct(v)} from the first score` : `${pct(v)} of the range`);
  const curve: Curve = { points, hasBaseline, of, level, t, above, significant, below, slope, z };
  const base = { aboveChance: above, significant, belowChance: below, slope, tested: false };
  const verdict = (v: Verdict, reason: string): Classification => Object.assign({}, base, { verdict: v, reason });

  const scales = distinctCount(u);
  if (scales < t.minPoints) return verdict('insufficient', `only ${scales} model scale${scales === 1 ? '' : 's'}; a verdict needs ${t.minPoints}`);
  const [uMin, uMax] = extent(u);
  const span = uMax - uMin;
  if (span < t.minSpanDecades) return verdict('insufficient', `scales span only ${span.toFixed(2)} decades; a verdict needs ${t.minSpanDecades}`);
  // The upper median; a typed array sorts numbers without a comparator call per step.
  const noise = Float64Array.from(s).sort()[Math.floor(n / 2)];
  if (noise > t.maxNoise) return verdict('insufficient', `too noisy to tell: median standard error is ${pct(noise)} ${relative ? of : `of the ${hasBaseline ? 'baseline-to-ceiling' : 'worst-to-best'} range`}`);

  base.tested = true;
  const first = points[0];
  if (hasBaseline && points.every((p) => p.z >= t.saturation - t.significance * p.s)) {
    return verdict('saturated', `at the ceiling from ${first.label} on (≥ ${pct(t.saturation)} of the range at every scale, within noise)`);
  }

  const emergent = hasBaseline ? findEmergence(curve) : undefined;
  if (emergent) return Object.assign({}, base, emergent);
  return Object.assign({}, base, shapeOf(curve, new Set()));
}

/** The verdict after the emergence test: U shape, inverse, smooth, flat or a change too noisy to call. */
function shapeOf(c: Curve, excluded: Set<Claim>): Shape {
  const { points, t, slope, hasBaseline, of, level } = c;
  const first = points[0];
  const last = points[points.length - 1];
  const claimed = (verdict: Claim, reason: string, p: number): Shape => {
    const rest = new Set(excluded).add(verdict);
    // A U shape that does not hold may still be a fall; both are claims the correction must see once.
    if (verdict === 'u-shaped') rest.add('inverse');
    const fallback = shapeOf(c, rest);
    return { verdict, reason, claim: { p, fallback: { verdict: fallback.verdict, reason: fallback.reason } } };
  };

  if (!excluded.has('u-shaped')) {
    const shape = findUShape(points, t, level);
    if (shape) return claimed('u-shaped', shape.reason, shape.p);
  }
  const change = last.z - first.z;
  const changeSe = combined(first.s, last.s);
  if (!excluded.has('inverse') && slope.z <= -t.significance && clears(-change, changeSe, t.minJump, t)) {
    return claimed(
      'inverse',
      `falls by ${pct(-change)} ${of} from ${first.label} to ${last.label} (${(-change / changeSe).toFixed(1)} SE; slope ${slope.z.toFixed(1)} SE)`,
      Math.max(oneSidedP(-slope.z), oneSidedP(-change / changeSe)),
    );
  }
  if (slope.z >= t.significance && clears(change, changeSe, t.minJump, t)) {
    return {
      verdict: 'smooth',
      reason: `rises gradually by ${pct(change)} ${of} from ${first.label} to ${last.label}, ${pct(slope.slope)} per decade (slope ${slope.z.toFixed(1)} SE), with no jump beyond the trend`,
    };
  }
  const [zMin, zMax] = extent(c.z);
  const noneAbove = hasBaseline && !c.above.some(Boolean);
  if (zMax - zMin < t.minJump || (noneAbove && Math.abs(slope.z) < t.significance)) {
    if (!hasBaseline) return { verdict: 'flat', reason: `no clear change with scale up to ${last.label} (${pct(change)} of the first score)` };
    if (noneAbove && points.every((p, i) => c.below[i] && p.z <= -t.minGain)) {
      return { verdict: 'flat', chanceLevel: 'below', reason: `below chance at every scale (a constant or biased answer scores under random guessing) up to ${last.label}` };
    }
    if (noneAbove) return { verdict: 'flat', chanceLevel: 'at', reason: `at chance at every scale (none clearly above it): not emergent yet up to ${last.label}` };
    return { verdict: 'flat', chanceLevel: 'above', reason: `above chance but no clear change with scale up to ${last.label}` };
  }
  return { verdict: 'insufficient', reason: `a change of ${pct(change)} from ${first.label} to ${last.label} that the noise does not let us call (slope ${slope.z.toFixed(1)} SE)` };
}

/**
 * The onset of an emergent curve (its first clearly-above-chance point), or undefined when the curve is not
 * emergent; the emergence test alone, for the bootstrap of core/emergence-interval.ts.
 */
export function emergenceOnset(points: CurvePoint[], t: Thresholds): number | undefined {
  const significant = points.map((p) => p.z > t.significance * p.s);
  return onsetOf({ points, t, significant })?.j;
}

/**
 * How far the onset must land above a reference (the last model near chance, or the trend of the smaller ones
 * extrapolated to the onset): `minJump` always counts; after a plateau a few points above chance, so does a doubling
 * of the distance from chance (reference r → 2·r or more), which the landing's own `minGain` floor keeps from
 * counting tiny doublings. Without the second clause a curve resting a few points above chance could never clear
 * both floors on landing just past `minGain`, although a several-fold rise is what the definition is about.
 */
export function jumpFloor(reference: number, t: Thresholds): number {
  return Math.min(t.minJump, Math.max(reference, 0));
}

/**
 * Wei et al. 2022: near chance for the smaller models, then from some scale on well above it. Here:
 * - the smaller models are near chance: within `minGain` of it (either way), at least `minNearChance` of them;
 * - the onset, the first model past that, is clearly above chance (significantly, and by `minGain`);
 * - from the onset on the ability is not lost: every larger model stays significantly above chance, and the largest
 *   is clearly above (one larger model dipping under the effect-size floor does not veto it);
 * - the jump into the onset is significant and clears jumpFloor, and so does the onset's distance above the log-linear
 *   trend of the smaller ones extrapolated to it, or a steady ramp that happens to cross the floor would be called
 *   emergent.
 * "Near chance" is an effect size, not a test, so that demanding more evidence (a larger `significance`, larger
 * errors) can only take emergence away, never move the onset and create it.
 */
function findEmergence(c: Pick<Curve, 'points' | 't' | 'significant'>): Shape | undefined {
  const onset = onsetOf(c);
  if (!onset) return undefined;
  const { points, t } = c;
  const { j, jump, jumpSe, floor, discontinuity, discontinuitySe } = onset;
  const n = points.length;
  const at = points[j];
  const prev = points[j - 1];
  const before = points.slice(0, j);

  let p = Math.max(oneSidedP(jump / jumpSe), oneSidedP(discontinuity / discontinuitySe), oneSidedP(at.z / at.s));
  for (let i = j + 1; i < n; i++) p = Math.max(p, oneSidedP(points[i].z / points[i].s));
  const nearChance = before.length === 1 ? before[0].label : `${before[0].label}–${prev.label}`;
  const dipping = points.slice(j + 1).filter((q) => q.z < t.minGain);
  const dip = dipping.length
    ? `; ${dipping.map((q) => q.label).join(', ')} ${dipping.length === 1 ? 'dips' : 'dip'} under the effect-size floor but ${dipping.length === 1 ? 'stays' : 'stay'} significantly above chance`
    : '';
  return {
    verdict: 'emergent',
    reason: `near chance from ${nearChance}, then ${pct(at.z)} of the range at ${at.label}: a jump of ${pct(jump)} (${(jump / jumpSe).toFixed(1)} SE), ${pct(discontinuity)} above the trend of the smaller models${dip}`,
    emergenceIndex: j,
    jump,
    jumpZ: jump / jumpSe,
    discontinuity,
    jumpFloor: floor,
    claim: { p, fallback: { verdict: 'possibly-emergent', reason: '' } },
  };
}

/** Where the rule of findEmergence places the onset, with the jump's numbers: only the tests, no wording. */
function onsetOf({ points, t, significant }: Pick<Curve, 'points' | 't' | 'significant'>): { j: number; jump: number; jumpSe: number; floor: number; discontinuity: number; discontinuitySe: number } | undefined {
  const n = points.length;
  let j = 0;
  while (j < n && Math.abs(points[j].z) < t.minGain) j++;
  if (j === n || j < t.minNearChance || points[j].z < t.minGain || !significant[j]) return undefined;
  for (let i = j + 1; i < n; i++) if (!significant[i]) return undefined;
  if (points[n - 1].z < t.minGain) return undefined;

  const at = points[j];
  const prev = points[j - 1];
  const floor = jumpFloor(prev.z, t);
  const jump = at.z - prev.z;
  // Pairing only narrows the difference between these two models; the trend test below keeps their own errors.
  const jumpSe = at.pairedSe ?? combined(at.s, prev.s);
  if (!clears(jump, jumpSe, floor, t)) return undefined;
  const { expected, discontinuity, se: discontinuitySe } = aboveTrend(points, j);
  if (!clears(discontinuity, discontinuitySe, jumpFloor(expected, t), t)) return undefined;
  return { j, jump, jumpSe, floor, discontinuity, discontinuitySe };
}

/**
 * How far point j sits above the log-linear trend of the points before it, extrapolated to it; its error is taken
 * from the point and its neighbour below (the trend's own error would be near zero on a flat plateau).
 */
function aboveTrend(points: readonly CurvePoint[], j: number): { expected: number; discontinuity: number; se: number } {
  const before = points.slice(0, j);
  const trend = trendLine(
    before.map((p) => p.u),
    before.map((p) => p.z),
  );
  const expected = trend.intercept + trend.slope * points[j].u;
  return { expected, discontinuity: points[j].z - expected, se: combined(points[j].s, points[j - 1].s) };
}

/**
 * Whether a curve jumps at point j: its step into j is its largest, the step before it was less than half as large
 * (it was not already rising), and j lies `minJump` above the trend of the points before it, significantly. The
 * per-step accuracies of an emergent curve (core/explain.ts) are asked this at the task's onset: an S-shaped per-step
 * curve, already climbing below the onset, does not jump there, although its flat left flank fails a trend test.
 */
export function jumpsAt(points: readonly CurvePoint[], j: number, t: Thresholds): boolean {
  if (j < 2 || j >= points.length) return false;
  const step = (i: number) => points[i].z - points[i - 1].z;
  for (let i = 1; i < points.length; i++) if (i !== j && step(i) >= step(j)) return false;
  if (step(j - 1) >= step(j) / 2) return false;
  const { discontinuity, se } = aboveTrend(points, j);
  return clears(discontinuity, se, t.minJump, t);
}

/**
 * U shape (Wei et al. 2022b): worse in the middle than at both ends, significantly; or the inverted shape. A shape is
 * a trend that turns, so the valley (or the peak) holds two neighbouring inner models beyond both ends by `minJump`:
 * one model alone off the curve (a fine-tune that collapsed, a run that broke) is an outlier, not a U. The p-value
 * is that of the weaker of the extreme's two dips, multiplied by the number of inner points (Bonferroni), since the
 * extreme was picked among them.
 */
function findUShape(points: CurvePoint[], t: Thresholds, level: Curve['level']): { reason: string; p: number } | undefined {
  if (points.length < 4) return undefined;
  const first = points[0];
  const last = points[points.length - 1];
  // Lowest and highest inner points, the first of equals.
  let low = 1;
  let high = 1;
  for (let i = 2; i < points.length - 1; i++) {
    if (points[i].z < points[low].z) low = i;
    if (points[i].z > points[high].z) high = i;
  }
  const inner = points.length - 2;
  const dip = (edge: CurvePoint, mid: CurvePoint) => ({ ok: clears(edge.z - mid.z, combined(edge.s, mid.s), t.minJump, t), p: oneSidedP((edge.z - mid.z) / combined(edge.s, mid.s)) });
  /** The extreme at i dips (sign 1) or peaks (sign −1) against both ends, and so does an inner neighbour. */
  const shape = (i: number, sign: 1 | -1, reason: string) => {
    const beyond = (k: number) => {
      const mid = sign === 1 ? points[k] : Object.assign({}, points[k], { z: -points[k].z });
      const edge = (e: CurvePoint) => (sign === 1 ? e : Object.assign({}, e, { z: -e.z }));
      return [dip(edge(first), mid), dip(edge(last), mid)];
    };
    const [a, b] = beyond(i);
    const neighbour = [i - 1, i + 1].some((k) => k >= 1 && k <= points.length - 2 && beyond(k).every((d) => d.ok));
    return a.ok && b.ok && neighbour ? { reason, p: Math.min(1, inner * Math.max(a.p, b.p)) } : undefined;
  };
  return (
    shape(low, 1, `falls to ${level(points[low].z)} at ${points[low].label}, then recovers to ${level(last.z)} at ${last.label}`) ??
    shape(high, -1, `inverted U: peaks at ${level(points[high].z)} at ${points[high].label}, then falls to ${level(last.z)} at ${last.label}`)
  );
}

/** Distinct values (as a Set counts them); one pass when sorted, which curves ordered by scale are. */
function distinctCount(values: number[]): number {
  let count = values.length > 0 ? 1 : 0;
  for (let i = 1; i < values.length; i++) {
    const a = values[i - 1];
    const b = values[i];
    if (!(a <= b)) return new Set(values).size; // unsorted or NaN
    if (a !== b) count++;
  }
  return count;
}

/** [Math.min(...values), Math.max(...values)] without spreading large arrays into arguments. */
function extent(values: number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return [lo, hi];
}
