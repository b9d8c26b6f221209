// Continuous re-scoring of per-sample logs (Schaeffer et al. 2023): the same model outputs scored with
// partial credit, so an all-or-nothing jump can be told apart from smooth per-item progress.
// The mean accumulators keep sums only; each document's scores, for paired comparisons, are kept beside them
// (paired.ts).
import { distance } from 'fastest-levenshtein';

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
  return longest === 0 ? 1 : 1 - distance(a, b) / longest;
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
  const top = Math.max(...logliks);
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
