// Logistic fit of a normalised scaling curve in log scale: y = σ(k·(u − u0)), u = log10(scale).
// The floor (0 = chance) and ceiling (1) are fixed by normalisation, so only the midpoint and slope are fitted:
// with 3 to 10 models per family, freeing the asymptotes as well makes the fit meaningless.
import { levenbergMarquardt } from 'ml-levenberg-marquardt';
import { extent, linearRegression } from 'simple-statistics';
import type { LogisticFit } from './results';

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

const model = ([u0, k]: number[]) => (u: number) => sigmoid(k * (u - u0));

const jacobian = ([u0, k]: number[]) => (u: number) => {
  const s = sigmoid(k * (u - u0));
  const ds = s * (1 - s);
  return [-k * ds, (u - u0) * ds];
};

const MIN_SLOPE = 0.05;
const MAX_SLOPE = 60;
const REACH_DECADES = 4;

const CACHE_LIMIT = 20_000;
/**
 * Fits by the curve's numbers. Not the same memory as the analysis's curve memory (by series, across edits): within
 * one analysis different series can share a curve, such as an aggregate and its per-sample twin, or the tasks of a
 * checkpoint sweep scored alike; dropping this made a full index of the benchmark workspace ~10 % slower.
 */
const cache = new Map<string, LogisticFit | null>();

/** Fits the curve; null when there are fewer than three points or the fit does not converge to finite values. */
export function fitLogistic(u: number[], y: number[]): LogisticFit | null {
  if (u.length < 3) return null;
  const key = `${u.join(',')};${y.join(',')}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const fit = fitCurve(u, y);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, fit);
  return fit;
}

/**
 * Starting midpoint from the linearised curve (least squares of logit(y) on u over the points strictly between
 * floor and ceiling), else the middle of the data: a good start lets one short run reach the optimum.
 */
function startingMidpoint(u: number[], y: number[]): number[] {
  const inner = u.map((ui, i) => [ui, y[i]]).filter(([, yi]) => yi > 0.02 && yi < 0.98);
  const [uMin, uMax] = extent(u);
  const middle = (uMin + uMax) / 2;
  if (inner.length < 2) return [middle];
  const { m, b } = linearRegression(inner.map(([ui, yi]) => [ui, Math.log(yi / (1 - yi))]));
  return m > 0 ? [-b / m, middle] : [middle];
}

function fitCurve(u: number[], y: number[]): LogisticFit | null {
  const [uMin, uMax] = extent(u);
  const bounds = { minValues: [uMin - REACH_DECADES, MIN_SLOPE], maxValues: [uMax + REACH_DECADES, MAX_SLOPE] };
  let best: { params: number[]; sse: number } | null = null;
  for (const start of startingMidpoint(u, y)) {
    const result = levenbergMarquardt({ x: u, y }, model, {
      initialValues: [Math.min(Math.max(start, bounds.minValues[0]), bounds.maxValues[0]), 2],
      jacobianFunction: jacobian,
      // The library always runs every iteration; from these starts 40 reach the optimum of 200.
      maxIterations: 40,
      ...bounds,
    });
    const params = result.parameterValues;
    const f = model(params);
    const sse = u.reduce((acc, ui, i) => acc + (f(ui) - y[i]) ** 2, 0);
    if (params.every(Number.isFinite) && (!best || sse < best.sse)) best = { params, sse };
  }
  if (!best) return null;
  const [u0, k] = best.params;
  return {
    midpoint: 10 ** u0,
    slope: k,
    widthDecades: (2 * Math.log(9)) / k,
    extrapolated: u0 > uMax,
    rmse: Math.sqrt(best.sse / u.length),
  };
}
