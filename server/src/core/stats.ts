// Normal-tail probabilities for the one-sided tests of the classifier.
import { errorFunction } from 'simple-statistics';

/** One-sided p-value of an estimate `z` standard errors above zero, under no effect. */
export function oneSidedP(z: number): number {
  if (Number.isNaN(z)) return 1;
  return 0.5 * (1 - errorFunction(z / Math.SQRT2));
}

/**
 * The upper 95 % bound on an accuracy of which a sample of n items showed none: about 3/n (the rule of three).
 * A 0 out of n is at chance only within that resolution (Hu et al. 2023 on measurement resolution).
 */
function zeroOfNBound(n: number): number {
  return 3 / n;
}

/**
 * What a 0 against chance 0 cannot tell from 0: the bound over the tries it was measured on. Those are every try of
 * every item where items were tried several times and the score is the mean of the tries, since a rate p leaves all
 * of them failed with probability at most (1 − p)^tries (Jensen, however the rate varies across items): Hu et al.'s
 * PassUntil idea, repeats resolve rates below 1/n. Else the items. Undefined for any other score, or without n.
 */
export function zeroResolution(p: { score: number; n?: number; attempts?: number }, baseline: number | undefined): { tries: number; bound: number } | undefined {
  if (p.score !== 0 || baseline !== 0 || !p.n) return undefined;
  const tries = p.attempts ?? p.n;
  return { tries, bound: zeroOfNBound(tries) };
}
