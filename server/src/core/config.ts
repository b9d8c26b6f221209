// The user's overrides (workspace file `emergence-lens.json`) and the classifier's thresholds.

import type { SourceRange } from './types';

export type XAxis = 'params' | 'flops';

export interface ModelOverride {
  params?: number;
  flops?: number;
  tokens?: number;
  family?: string;
  /** Pre-training (validation) loss in nats per token, and where the override file states it. */
  loss?: { value: number; range: SourceRange };
}

export interface TaskOverride {
  /** Random-chance score in the metric's units. */
  baseline?: number;
  /** Best possible score in the metric's units. */
  ceiling?: number;
  /** Number of reasoning steps the task needs (multi-step hypothesis). */
  steps?: number;
  /** Leave this task out of the analysis. */
  ignore?: boolean;
}

/**
 * Thresholds of the classifier. Scores are compared on the normalised scale
 * (0 = random baseline, 1 = ceiling), so the effect-size floors read as fractions of that range.
 */
export interface Thresholds {
  /** z-score a difference must exceed to count as significant (one-sided). */
  significance: number;
  /** Effect-size floor: a point is "clearly above chance" only if it is this far above it. */
  minGain: number;
  /** Effect-size floor for the jump that makes a series emergent (and for trends to count). */
  minJump: number;
  /** Fewest distinct scales a verdict needs. */
  minPoints: number;
  /** Fewest near-chance points before the jump for "emergent". */
  minNearChance: number;
  /** Fewest decades of scale a series must span. */
  minSpanDecades: number;
  /** Normalised score at or above which a point counts as at the ceiling. */
  saturation: number;
  /** Standard error assumed when neither a stderr nor n is known, as a fraction of the baseline-to-ceiling range. */
  defaultStderr: number;
  /** Series whose median normalised standard error exceeds this are too noisy to classify. */
  maxNoise: number;
  /** False-discovery rate at which emergent jumps are checked across all series (Benjamini–Hochberg). */
  fdr: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = {
  significance: 2,
  minGain: 0.1,
  minJump: 0.1,
  minPoints: 3,
  minNearChance: 2,
  minSpanDecades: 0.5,
  saturation: 0.95,
  defaultStderr: 0.02,
  maxNoise: 0.25,
  fdr: 0.05,
};

export interface Overrides {
  models?: Record<string, ModelOverride>;
  tasks?: Record<string, TaskOverride>;
  thresholds?: Partial<Thresholds>;
  x?: XAxis;
  /** More results to read: paths and globs (relative to the file's folder) and http(s)://, hf://, s3://, gs:// URLs. */
  sources?: string[];
}
