// The links a forecast can fit on models that are still near chance, by binomial likelihood: near chance a
// score of 0 or 3 out of n items carries information that least squares on the scores would throw away.

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
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
  /** Standard error of the slope b, from the observed information. */
  bSe: number;
}

const ITERATIONS = 50;

/** Logistic regression logit(s) = a + b·x by Newton's method; null when it does not converge (all scores 0, say). */
export function logisticLink({ x, s, n }: Binomial): LogisticLink | null {
  let a = 0;
  let b = 0;
  for (let it = 0; it < ITERATIONS; it++) {
    // Gradient and information matrix of the log-likelihood.
    let ga = 0, gb = 0, iaa = 0, iab = 0, ibb = 0;
    for (let i = 0; i < x.length; i++) {
      const p = sigmoid(a + b * x[i]);
      const w = n[i] * p * (1 - p);
      ga += n[i] * (s[i] - p);
      gb += n[i] * (s[i] - p) * x[i];
      iaa += w;
      iab += w * x[i];
      ibb += w * x[i] * x[i];
    }
    const det = iaa * ibb - iab * iab;
    if (!(det > TINY)) return null;
    const da = (ibb * ga - iab * gb) / det;
    const db = (iaa * gb - iab * ga) / det;
    a += da;
    b += db;
    if (!Number.isFinite(a) || !Number.isFinite(b)) return null;
    if (Math.abs(da) + Math.abs(db) < 1e-9) return { a, b, bSe: Math.sqrt(iaa / det) };
  }
  // Scores that a step function separates perfectly push the slope to infinity: no usable link.
  return null;
}

/** Binomial log-likelihood of the scores under `prob`, the link's probability of success at a driver value. */
export function binomialLogLik({ x, s, n }: Binomial, prob: (x: number) => number): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    const p = Math.min(1 - TINY, Math.max(TINY, prob(x[i])));
    sum += n[i] * (s[i] * Math.log(p) + (1 - s[i]) * Math.log1p(-p));
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
