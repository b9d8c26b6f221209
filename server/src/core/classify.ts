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

export function classifyCurve(points: CurvePoint[], hasBaseline: boolean, t: Thresholds): Classification {
  const u = points.map((p) => p.u);
  const slope = logLinearSlope(
    u,
    points.map((p) => p.z),
    points.map((p) => p.s),
  );
  const aboveChance = points.map((p) => hasBaseline && clears(p.z, p.s, t.minGain, t));
  const base = { aboveChance, slope };
  const verdict = (v: Verdict, reason: string): Classification => ({ ...base, verdict: v, reason });

  const scales = new Set(u).size;
  if (scales < t.minPoints) return verdict('insufficient', `only ${scales} model scale${scales === 1 ? '' : 's'}; a verdict needs ${t.minPoints}`);
  const span = Math.max(...u) - Math.min(...u);
  if (span < t.minSpanDecades) return verdict('insufficient', `scales span only ${span.toFixed(2)} decades`);
  const noise = [...points.map((p) => p.s)].sort((a, b) => a - b)[Math.floor(points.length / 2)];
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
  const spread = Math.max(...points.map((p) => p.z)) - Math.min(...points.map((p) => p.z));
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
  const jumpSe = at.pairedSe ?? combined(at.s, prev.s);
  if (!clears(jump, jumpSe, t.minJump, t)) return undefined;
  const trend = logLinearSlope(
    before.map((p) => p.u),
    before.map((p) => p.z),
    before.map((p) => p.s),
  );
  const expected = trend.intercept + trend.slope * at.u;
  const discontinuity = at.z - expected;
  if (!clears(discontinuity, jumpSe, t.minJump, t)) return undefined;
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
  const inner = points.slice(1, -1);
  const low = inner.reduce((a, b) => (b.z < a.z ? b : a));
  const high = inner.reduce((a, b) => (b.z > a.z ? b : a));
  const dips = (edge: CurvePoint, mid: CurvePoint): boolean => clears(edge.z - mid.z, combined(edge.s, mid.s), t.minJump, t);
  if (dips(first, low) && dips(last, low)) return `falls to ${pct(low.z)} of the range at ${low.label}, then recovers to ${pct(last.z)} at ${last.label}`;
  if (dips(high, first) && dips(high, last)) return `inverted U: peaks at ${pct(high.z)} of the range at ${high.label}, then falls to ${pct(last.z)} at ${last.label}`;
  return undefined;
}
