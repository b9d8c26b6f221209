// The verdict on one scaling curve. Works on the normalised scale (0 = chance, 1 = ceiling, higher is better),
// so every threshold is a fraction of the baseline-to-ceiling range or a number of standard errors.
import type { Thresholds } from './config';
import type { Verdict } from './results';
import { logLinearSlope, type Slope } from './trend';

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
  aboveChance: boolean[];
  slope: Slope;
  /** Index of the first clearly-above-chance point of an emergent curve. */
  emergenceIndex?: number;
  jump?: number;
  jumpZ?: number;
  discontinuity?: number;
}

const pct = (v: number): string => `${(100 * v).toFixed(1)} %`;
const combined = (a: number, b: number): number => Math.sqrt(a * a + b * b);

/** Significant and large enough: a difference that clears both the noise and the effect-size floor. */
function clears(diff: number, se: number, floor: number, t: Thresholds): boolean {
  return diff >= floor && diff > t.significance * se;
}

// Runs five times per series (the verdict and four multi-step curves) on curves of up to hundreds of checkpoints,
// so it walks the points in plain loops rather than building intermediate arrays.
export function classifyCurve(points: CurvePoint[], hasBaseline: boolean, t: Thresholds): Classification {
  const n = points.length;
  const u = new Array<number>(n);
  const z = new Array<number>(n);
  const s = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    u[i] = points[i].u;
    z[i] = points[i].z;
    s[i] = points[i].s;
  }
  const slope = logLinearSlope(u, z, s);
  const aboveChance = points.map((p) => hasBaseline && clears(p.z, p.s, t.minGain, t));
  const base = { aboveChance, slope };
  const verdict = (v: Verdict, reason: string): Classification => ({ ...base, verdict: v, reason });

  const scales = distinctCount(u);
  if (scales < t.minPoints) return verdict('insufficient', `only ${scales} model scale${scales === 1 ? '' : 's'}; a verdict needs ${t.minPoints}`);
  const [uMin, uMax] = extent(u);
  const span = uMax - uMin;
  if (span < t.minSpanDecades) return verdict('insufficient', `scales span only ${span.toFixed(2)} decades`);
  // A typed array sorts numbers without a comparator call per step.
  const noise = Float64Array.from(s).sort()[Math.floor(n / 2)];
  if (noise > t.maxNoise) return verdict('insufficient', `too noisy to tell: median standard error is ${pct(noise)} of the baseline-to-ceiling range`);

  const first = points[0];
  const last = points[points.length - 1];
  if (hasBaseline && points.every((p) => p.z >= t.saturation - t.significance * p.s)) {
    return verdict('saturated', `at the ceiling from ${first.label} on (≥ ${pct(t.saturation)} of the range at every scale)`);
  }

  const emergent = hasBaseline ? findEmergence(points, aboveChance, t) : undefined;
  if (emergent) return { ...base, ...emergent };

  const shape = findUShape(points, t);
  if (shape) return verdict('u-shaped', shape);

  const change = last.z - first.z;
  const changeSe = combined(first.s, last.s);
  if (slope.z <= -t.significance && clears(-change, changeSe, t.minJump, t)) {
    return verdict('inverse', `falls by ${pct(-change)} of the range from ${first.label} to ${last.label} (${(-change / changeSe).toFixed(1)} SE)`);
  }
  if (slope.z >= t.significance && clears(change, changeSe, t.minJump, t)) {
    return verdict('smooth', `rises gradually by ${pct(change)} of the range from ${first.label} to ${last.label}, ${pct(slope.slope)} per decade (slope ${slope.z.toFixed(1)} SE), with no jump beyond the trend`);
  }
  const [zMin, zMax] = extent(z);
  const spread = zMax - zMin;
  const noneAbove = hasBaseline && !aboveChance.some(Boolean);
  if (spread < t.minJump || (noneAbove && Math.abs(slope.z) < t.significance)) {
    if (!hasBaseline) return verdict('flat', `no clear change with scale up to ${last.label} (${pct(change)} of the first score)`);
    if (noneAbove) return verdict('flat', `at chance at every scale: not emergent yet up to ${last.label}`);
    return verdict('flat', `above chance but no clear change with scale up to ${last.label}`);
  }
  return verdict('insufficient', `a change of ${pct(change)} from ${first.label} to ${last.label} that the noise does not let us call (slope ${slope.z.toFixed(1)} SE)`);
}

/**
 * Wei et al. 2022: near chance for the smaller models, then from some scale on clearly above it. Besides a significant
 * jump, the first clearly-above point must sit above the log-linear trend of the smaller ones, or a steady ramp
 * that happens to cross the effect-size floor would be called emergent.
 */
function findEmergence(points: CurvePoint[], above: boolean[], t: Thresholds): Omit<Classification, 'aboveChance' | 'slope'> | undefined {
  let j = points.length;
  while (j > 0 && above[j - 1]) j--;
  if (j === points.length || j < t.minNearChance || above.slice(0, j).some(Boolean)) return undefined;
  const before = points.slice(0, j);
  const at = points[j];
  const prev = points[j - 1];
  const jump = at.z - prev.z;
  // Pairing only narrows the difference between these two models; the trend test below keeps their own errors.
  const jumpSe = at.pairedSe ?? combined(at.s, prev.s);
  if (!clears(jump, jumpSe, t.minJump, t)) return undefined;
  const trend = logLinearSlope(
    before.map((p) => p.u),
    before.map((p) => p.z),
    before.map((p) => p.s),
  );
  const expected = trend.intercept + trend.slope * at.u;
  const discontinuity = at.z - expected;
  if (!clears(discontinuity, combined(at.s, prev.s), t.minJump, t)) return undefined;
  const nearChance = before.length === 1 ? before[0].label : `${before[0].label}–${prev.label}`;
  return {
    verdict: 'emergent',
    reason: `near chance from ${nearChance}, then ${pct(at.z)} of the range at ${at.label}: a jump of ${pct(jump)} (${(jump / jumpSe).toFixed(1)} SE), ${pct(discontinuity)} above the trend of the smaller models`,
    emergenceIndex: j,
    jump,
    jumpZ: jump / jumpSe,
    discontinuity,
  };
}

/** U shape (Wei et al. 2022b): worse in the middle than at both ends, significantly; or the inverted shape. */
function findUShape(points: CurvePoint[], t: Thresholds): string | undefined {
  if (points.length < 4) return undefined;
  const first = points[0];
  const last = points[points.length - 1];
  // Lowest and highest inner points, the first of equals.
  let low = points[1];
  let high = points[1];
  for (let i = 2; i < points.length - 1; i++) {
    if (points[i].z < low.z) low = points[i];
    if (points[i].z > high.z) high = points[i];
  }
  const dips = (edge: CurvePoint, mid: CurvePoint): boolean => clears(edge.z - mid.z, combined(edge.s, mid.s), t.minJump, t);
  if (dips(first, low) && dips(last, low)) return `falls to ${pct(low.z)} of the range at ${low.label}, then recovers to ${pct(last.z)} at ${last.label}`;
  if (dips(high, first) && dips(high, last)) return `inverted U: peaks at ${pct(high.z)} of the range at ${high.label}, then falls to ${pct(last.z)} at ${last.label}`;
  return undefined;
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
