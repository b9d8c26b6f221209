// Trend statistics of a scaling curve on the log-scale axis.
import { linearRegression, mean, median } from 'simple-statistics';

export interface Slope {
  /** Change of the score per decade of scale. */
  slope: number;
  intercept: number;
  /** Slope over its standard error. */
  z: number;
}

/**
 * Least-squares slope of y on u (u = log10 scale). Its standard error is the larger of the residual-based one and the
 * one implied by the points' own standard errors, so three points on a perfect line do not look infinitely certain.
 */
export function logLinearSlope(u: number[], y: number[], se: number[]): Slope {
  const { m, b, uBar, sxx } = leastSquares(u, y);
  if (sxx === 0) return { slope: 0, intercept: b, z: 0 };
  const dof = u.length - 2;
  const residualVar = dof > 0 ? y.reduce((acc, yi, i) => acc + (yi - (m * u[i] + b)) ** 2, 0) / dof : 0;
  const residualSe = Math.sqrt(residualVar / sxx);
  const measurementSe = Math.sqrt(u.reduce((acc, ui, i) => acc + se[i] ** 2 * (ui - uBar) ** 2, 0)) / sxx;
  const slopeSe = Math.max(residualSe, measurementSe);
  return { slope: m, intercept: b, z: slopeSe > 0 ? m / slopeSe : 0 };
}

/** The line of logLinearSlope alone, without its error: what extrapolating a trend needs. */
export function trendLine(u: number[], y: number[]): { slope: number; intercept: number } {
  const { m, b, sxx } = leastSquares(u, y);
  return { slope: sxx === 0 ? 0 : m, intercept: b };
}

function leastSquares(u: number[], y: number[]): { m: number; b: number; uBar: number; sxx: number } {
  const { m, b } = linearRegression(u.map((ui, i) => [ui, y[i]]));
  const uBar = mean(u);
  return { m, b, uBar, sxx: u.reduce((acc, ui) => acc + (ui - uBar) ** 2, 0) };
}

const CAP = 100;

/** Signed range of the curve: positive when the maximum comes after the minimum (BIG-bench's I(y)). */
function signedRange(y: number[]): number {
  let iMax = 0;
  let iMin = 0;
  y.forEach((v, i) => {
    if (v > y[iMax]) iMax = i;
    if (v < y[iMin]) iMin = i;
  });
  return Math.sign(iMax - iMin) * (y[iMax] - y[iMin]);
}

function squaredSteps(y: number[]): number[] {
  return y.slice(1).map((v, i) => (v - y[i]) ** 2);
}

function capped(value: number): number {
  if (Number.isNaN(value)) return 0;
  return Math.max(-CAP, Math.min(CAP, value));
}

/**
 * Breakthroughness (Srivastava et al. 2022; Schaeffer et al. 2023, Eq. 1): I(y) / sqrt(median of squared steps).
 * Large when one jump dominates; n for n equal steps. Capped at ±100 because a single jump over flat steps divides by 0.
 */
export function breakthroughness(y: number[]): number | null {
  if (y.length < 3) return null;
  return capped(signedRange(y) / Math.sqrt(median(squaredSteps(y))));
}

/**
 * BIG-bench-style linearity: I(y) / root-mean-square of the steps. Large when the gain is spread evenly over the
 * ladder, about √n for a single jump. The exact published formula could not be checked (see README).
 */
export function linearity(y: number[]): number | null {
  if (y.length < 3) return null;
  return capped(signedRange(y) / Math.sqrt(mean(squaredSteps(y))));
}
