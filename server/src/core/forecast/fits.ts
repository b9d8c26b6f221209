// The links a forecast can fit on models that are still near chance, by binomial likelihood: near chance a
// score of 0 or 3 out of n items carries information that least squares on the scores would throw away.
import { LuDecomposition, Matrix } from 'ml-matrix';
import { sigmoid } from '../logistic';

export const logit = (p: number): number => Math.log(p / (1 - p));
const TINY = 1e-12;

export interface Binomial {
  /** Driver value of each model (a continuous metric, a loss). */
  x: readonly number[];
  /** Score on the normalised scale, in [0, 1]. */
  s: readonly number[];
  /** Items behind each score (its weight). */
  n: readonly number[];
  /** The families the points come from, when they are other families' (a pooled link). */
  families?: readonly string[];
}

export interface LogisticLink {
  a: number;
  b: number;
  /** Log-likelihood the fit reaches, to weigh it against other links. */
  logLik: number;
}

const ITERATIONS = 50;

/** Logistic regression logit(s) = a + b·x by binomial likelihood; null when it does not converge (all scores 0, say). */
export function logisticLink({ x, s, n }: Binomial): LogisticLink | null {
  const fit = logisticRegression(x.map((v) => [v]), s, n);
  return fit && { a: fit.coef[0], b: fit.coef[1], logLik: fit.logLik };
}

/**
 * Logistic regression logit(s) = c₀ + Σ cⱼ·xⱼ on the rows of features `rows`, by Newton's method on the binomial
 * likelihood: the coefficients [c₀, c₁, …] and the log-likelihood they reach, or null when it does not converge.
 */
export function logisticRegression(rows: readonly (readonly number[])[], s: readonly number[], n: readonly number[]): { coef: number[]; logLik: number } | null {
  const design = rows.map((r) => [1, ...r]);
  const d = design[0]?.length ?? 1;
  let c = new Array<number>(d).fill(0);
  for (let it = 0; it < ITERATIONS; it++) {
    // Gradient and information matrix of the log-likelihood.
    const gradient = new Array<number>(d).fill(0);
    const information = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (let i = 0; i < design.length; i++) {
      const row = design[i];
      let z = 0;
      for (let j = 0; j < d; j++) z += row[j] * c[j];
      const p = sigmoid(z);
      const w = n[i] * p * (1 - p);
      for (let j = 0; j < d; j++) {
        gradient[j] += n[i] * (s[i] - p) * row[j];
        for (let k = 0; k < d; k++) information[j][k] += w * row[j] * row[k];
      }
    }
    const lu = new LuDecomposition(new Matrix(information));
    if (lu.isSingular() || !(Math.abs(lu.determinant) > TINY)) return null;
    const step = lu.solve(Matrix.columnVector(gradient)).getColumn(0);
    c = c.map((v, j) => v + step[j]);
    if (!c.every(Number.isFinite)) return null;
    if (step.reduce((acc, v) => acc + Math.abs(v), 0) < 1e-9) {
      const coef = c;
      return { coef, logLik: logLikOf(design.map((row) => sigmoid(row.reduce((acc, v, j) => acc + v * coef[j], 0))), s, n) };
    }
  }
  // Scores that a step function separates perfectly push the slope to infinity: no usable link.
  return null;
}

/** Binomial log-likelihood of the scores under `prob`, the link's probability of success at a driver value. */
export function binomialLogLik(b: Binomial, prob: (x: number) => number): number {
  return logLikOf(b.x.map(prob), b.s, b.n);
}

/** Binomial log-likelihood of scores `s` out of `n` items each, at success probabilities `p`. */
function logLikOf(p: readonly number[], s: readonly number[], n: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = Math.min(1 - TINY, Math.max(TINY, p[i]));
    sum += n[i] * (s[i] * Math.log(pi) + (1 - s[i]) * Math.log1p(-pi));
  }
  return sum;
}

const K_MIN = 1;
const K_MAX = 64;

/**
 * Step count k of the multi-step link s = q^k (q a per-step success in (0, 1)), by maximum likelihood over k in
 * [1, 64]. Null without a single success: the likelihood then rises for ever with k (any larger k fits as well).
 */
export function stepsLink(b: Binomial): number | null {
  if (!b.s.some((si, i) => si * b.n[i] >= 0.5)) return null;
  const logLik = (k: number) => binomialLogLik(b, (q) => q ** k);
  // Golden-section search on log k: the log-likelihood is concave in k.
  let lo = Math.log(K_MIN);
  let hi = Math.log(K_MAX);
  const r = (Math.sqrt(5) - 1) / 2;
  for (let it = 0; it < 60; it++) {
    const m1 = hi - r * (hi - lo);
    const m2 = lo + r * (hi - lo);
    if (logLik(Math.exp(m1)) < logLik(Math.exp(m2))) lo = m1;
    else hi = m2;
  }
  const k = Math.exp((lo + hi) / 2);
  return k > K_MAX * 0.99 ? null : k;
}
