// Normal-tail probabilities for the one-sided tests of the classifier.
import { errorFunction } from 'simple-statistics';

/** One-sided p-value of an estimate `z` standard errors above zero, under no effect. */
export function oneSidedP(z: number): number {
  if (Number.isNaN(z)) return 1;
  return 0.5 * (1 - errorFunction(z / Math.SQRT2));
}
