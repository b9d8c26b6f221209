// Continuous re-scoring of per-sample logs (Schaeffer et al. 2023): the same model outputs scored with
// partial credit, so an all-or-nothing jump can be told apart from smooth per-item progress.
// The mean accumulators keep sums only; each document's scores, for paired comparisons, are kept beside them
// (paired.ts).
import { distance } from 'fastest-levenshtein';
import { max } from 'simple-statistics';

/** Names of the re-scored metrics (classified in metrics.ts). */
export const RESCORED = {
  editSimilarity: 'edit_similarity',
  charPartialCredit: 'char_partial_credit',
  targetLogprob: 'target_logprob',
  brier: 'brier_score',
} as const;

/** Digits one token each (as in LLaMA and PaLM tokenisers), words, and single punctuation marks. */
export function answerTokens(text: string): string[] {
  return text.match(/\d|\p{L}+|[^\s\p{L}\d]/gu) ?? [];
}

/** 1 − Levenshtein(tokens)/max length; two empty answers are identical. */
export function tokenEditSimilarity(a: string, b: string): number {
  return similarity(encodeTokens(answerTokens(a), answerTokens(b)));
}

/** 1 − Levenshtein(characters)/max length, on trimmed text. */
export function charPartialCredit(a: string, b: string): number {
  return similarity([a.trim(), b.trim()]);
}

function similarity([a, b]: [string, string]): number {
  const longest = Math.max(a.length, b.length);
  return longest === 0 ? 1 : 1 - boundedDistance(a, b) / longest;
}

/**
 * Edit-distance cells computed exactly for one comparison: 10⁷ (3,000 characters against 3,000 take ~4 ms with
 * fastest-levenshtein on this project's machines), or 64 per character compared when that is more, so the cost
 * of a log grows with its size, never with the square of one record's.
 */
export const EXACT_CELLS = 1e7;
const CELLS_PER_UNIT = 64;

/**
 * Levenshtein distance, exact within the budget above. Past it the leading parts that fit the budget are compared
 * and every unit after them counts as an edit: still the length of a real edit script, so an answer too long to
 * compare exactly can only score lower than it would, never higher. A shared prefix and suffix never change the
 * distance and cost one pass to drop, so a long answer equal to its target, or nearly, stays exact.
 */
export function boundedDistance(a: string, b: string): number {
  let start = 0;
  while (start < a.length && start < b.length && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) {
    endA--;
    endB--;
  }
  const [short, long] = endA - start <= endB - start ? [a.slice(start, endA), b.slice(start, endB)] : [b.slice(start, endB), a.slice(start, endA)];
  const budget = Math.max(EXACT_CELLS, CELLS_PER_UNIT * (a.length + b.length));
  if (short.length * long.length <= budget) return distance(short, long);
  const shortCut = Math.min(short.length, Math.floor(Math.sqrt(budget)));
  const longCut = Math.min(long.length, Math.floor(budget / shortCut));
  return distance(short.slice(0, shortCut), long.slice(0, longCut)) + Math.max(short.length - shortCut, long.length - longCut);
}

/**
 * fastest-levenshtein compares UTF-16 code units, so each distinct token becomes one code unit: token edit distance is
 * then the string edit distance. Short answers never come near the 65 536 distinct tokens this allows.
 */
function encodeTokens(a: string[], b: string[]): [string, string] {
  const codes = new Map<string, string>();
  const code = (token: string) => {
    let c = codes.get(token);
    if (c === undefined) codes.set(token, (c = String.fromCharCode(codes.size % 65536)));
    return c;
  };
  return [a.map(code).join(''), b.map(code).join('')];
}

/** Log-probability of the target choice under a softmax over the choices' log-likelihoods, and the Brier score. */
export function choiceScores(logliks: number[], target: number): { logprob: number; brier: number } {
  const top = max(logliks);
  const logZ = top + Math.log(logliks.reduce((sum, l) => sum + Math.exp(l - top), 0));
  let squares = 0;
  for (let i = 0; i < logliks.length; i++) squares += (Math.exp(logliks[i] - logZ) - (i === target ? 1 : 0)) ** 2;
  // Halved so the score lies in [0, 1] like a binary Brier score (the multi-class sum reaches 2).
  return { logprob: logliks[target] - logZ, brier: squares / 2 };
}

/** Running mean and standard error of one metric. */
export class MeanAccumulator {
  count = 0;
  private sum = 0;
  private squares = 0;

  add(value: number): void {
    if (!Number.isFinite(value)) return;
    this.count++;
    this.sum += value;
    this.squares += value * value;
  }

  get mean(): number {
    return this.sum / this.count;
  }

  /** Standard error of the mean (sample standard deviation / √n); undefined below two values. */
  get stderr(): number | undefined {
    if (this.count < 2) return undefined;
    const variance = (this.squares - (this.sum * this.sum) / this.count) / (this.count - 1);
    return Math.sqrt(Math.max(variance, 0) / this.count);
  }
}

/** Median of counts kept as a histogram (answer lengths take few distinct values). */
export class MedianCounter {
  private readonly histogram = new Map<number, number>();
  private total = 0;

  add(value: number): void {
    this.histogram.set(value, (this.histogram.get(value) ?? 0) + 1);
    this.total++;
  }

  get median(): number | undefined {
    if (this.total === 0) return undefined;
    let seen = 0;
    for (const value of [...this.histogram.keys()].sort((a, b) => a - b)) {
      seen += this.histogram.get(value)!;
      if (seen * 2 >= this.total) return value;
    }
    return undefined;
  }
}
