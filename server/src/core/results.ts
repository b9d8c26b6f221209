// What the analysis core hands to the server, the CLI and the charts.
import type { Problem, SourceRange } from './types';
import type { XAxis } from './config';

export type Verdict = 'emergent' | 'smooth' | 'flat' | 'inverse' | 'u-shaped' | 'saturated' | 'insufficient';

/** The order users see verdicts in (lists, tables): what came to be looked at first, too little data last. */
export const VERDICT_ORDER: readonly Verdict[] = ['emergent', 'inverse', 'u-shaped', 'smooth', 'saturated', 'flat', 'insufficient'];

/** Coarser order for "which series first" when ties are broken otherwise: emergent, then any verdict, then too little data. */
export function attentionRank(verdict: Verdict): number {
  return verdict === 'emergent' ? 0 : verdict === 'insufficient' ? 2 : 1;
}

/** Where a number came from, so the hover can say how far to trust it. */
export type ValueSource = 'file' | 'name' | 'registry' | 'override' | 'computed' | 'checkpoint' | 'default';

/** Whether a number is only an estimate (a contested or recalled registry value), and its citation. */
export interface ValueDetail {
  estimated: boolean;
  note?: string;
}

export interface ResolvedModel {
  /** Name as in the file. */
  name: string;
  /** Family used to join series: the name with its size token taken out, or as stated. */
  family: string;
  params?: number;
  paramsSource?: ValueSource;
  tokens?: number;
  tokensSource?: ValueSource;
  flops?: number;
  flopsSource?: ValueSource;
  /** Training step of a checkpoint. */
  step?: number;
  paramsDetail?: ValueDetail;
  tokensDetail?: ValueDetail;
  flopsDetail?: ValueDetail;
}

/** Axis of a series: model sizes use params or FLOPs; checkpoint sweeps use training tokens (or steps when tokens are unknown). */
export type SeriesAxis = XAxis | 'tokens' | 'steps';

export interface SeriesPoint {
  model: ResolvedModel;
  /** Scale on the series' x axis. */
  x: number;
  score: number;
  /** Standard error used by the analysis and where it came from. */
  stderr: number;
  stderrSource: 'file' | 'binomial' | 'default';
  n?: number;
  /** Score on the normalised scale: 0 = baseline, 1 = ceiling, oriented so that higher is better. */
  normalized: number;
  /** Standard error on the normalised scale. */
  normalizedStderr: number;
  /** Clearly above chance: significant and above the effect-size floor. */
  aboveChance: boolean;
  range: SourceRange;
}

export interface Baseline {
  value: number;
  /** "file" (BIG-bench low_score, a baseline column), "registry" (known task), "override" or "default". */
  source: ValueSource;
  /** True when the value was guessed rather than stated (registry or default). */
  assumed: boolean;
  /** Human explanation, e.g. "4-way multiple choice (ARC)". */
  note: string;
}

export interface LogisticFit {
  /** Midpoint on the x axis (10^u0). */
  midpoint: number;
  /** Slope in log10 units. */
  slope: number;
  /** Width from 10 % to 90 % of the rise, in decades. */
  widthDecades: number;
  /** True when the midpoint lies beyond the largest scale in the data. */
  extrapolated: boolean;
  /** Root-mean-square error of the fit on the normalised scale. */
  rmse: number;
}

export interface Emergence {
  /** The last point near chance and the first clearly above it. */
  lastNearChance: SeriesPoint;
  firstAbove: SeriesPoint;
  /** Jump between them on the normalised scale and in standard errors. */
  jump: number;
  jumpZ: number;
  /** How far the first clearly-above point sits above the log-linear trend of the smaller ones (normalised). */
  discontinuity: number;
  /** Benjamini–Hochberg over the series tested with it (core/false-discoveries.ts). */
  correction?: JumpCorrection;
  /** Set when the jump's error came from per-item differences: how many items both models answered. */
  pairedItems?: number;
}

export interface JumpCorrection {
  /** One-sided p-value of the jump. */
  p: number;
  /** Its Benjamini–Hochberg adjusted p-value among `tested` series. */
  q: number;
  tested: number;
  flagged: number;
  fdr: number;
  /** q ≤ fdr: the jump survives the correction. */
  significant: boolean;
}

export interface MultiStepStep {
  k: number;
  /** Implied per-step accuracy p = s^(1/k) at each point, with s the normalised score. */
  perStep: number[];
  /** Verdict of the per-step series. */
  verdict: Verdict;
}

export interface MultiStepExplanation {
  /** Step count for the task when known (override or registry), with its source. */
  knownSteps?: { k: number; source: ValueSource };
  /** Implied per-step accuracies for the known k, or for k = 2..5. */
  steps: MultiStepStep[];
}

export interface SiblingMetric {
  metric: string;
  filter?: string;
  continuous: boolean;
  verdict: Verdict;
  seriesId: string;
  /** Re-scored from per-sample logs rather than read from an aggregate. */
  fromSamples: boolean;
  /** Scores at the smallest and largest model, and the normalised slope per decade, for the hover's numbers. */
  first: number;
  last: number;
  slopePerDecade: number;
}

export interface MetricFlawExplanation {
  /** True when the metric gives no partial credit (exact match, multiple-choice grade, accuracy). */
  discontinuous: boolean;
  metricClass: string;
  /** Other metrics measured on the same task, models and shots, with their verdicts. */
  siblings: SiblingMetric[];
}

/** What makes a series: one task, metric, family, shot count and prompting technique. */
export interface SeriesKey {
  task: string;
  subtask?: string;
  metric: string;
  /** lm-eval filter, so strict and flexible answer extraction are not mixed. */
  filter?: string;
  family: string;
  shots?: number;
  prompting?: string;
  /** Set when the series sweeps training checkpoints of one model rather than model sizes. */
  checkpointSweep: boolean;
}

export interface SeriesResult extends SeriesKey {
  id: string;
  xAxis: SeriesAxis;
  higherIsBetter: boolean;
  verdict: Verdict;
  /** One sentence on why, with numbers. */
  reason: string;
  baseline: Baseline | null;
  /** Best possible score in the metric's units (the top for higher-is-better metrics); null when unbounded. */
  ceiling: number | null;
  points: SeriesPoint[];
  emergence: Emergence | null;
  fit: LogisticFit | null;
  /** BIG-bench breakthroughness (Schaeffer et al. Eq. 1), capped at ±100; null with fewer than 3 points. */
  breakthroughness: number | null;
  /** BIG-bench-style linearity; see the README for the formula used. */
  linearity: number | null;
  /** Ordinary least-squares slope of the normalised score per decade, and its z. */
  slopePerDecade: number;
  slopeZ: number;
  multiStep: MultiStepExplanation | null;
  metricFlaw: MetricFlawExplanation;
  /** Some points come from per-sample logs (re-scored or averaged per item). */
  fromSamples?: boolean;
  /** For emergent series: loss-like series of the same family over the same models (Wei et al.: loss falls smoothly). */
  lossSeries?: LossSeriesRef[];
  /** Set on the series run with a prompting technique: where the technique starts to help. */
  technique?: TechniqueEffect;
}

/** A loss-like series (perplexity, bits per byte, loss) of the same family, to view beside an emergent one. */
export interface LossSeriesRef {
  seriesId: string;
  task: string;
  metric: string;
  verdict: Verdict;
}

export interface TechniqueDelta {
  model: string;
  x: number;
  /** Score with the technique minus without, oriented so that positive helps; z on the combined standard error. */
  delta: number;
  z: number;
  /** The difference on the normalised scale of the series without the technique. */
  normalizedDelta: number;
}

/** Where a prompting technique starts to help (Wei et al. 2022, §4). */
export interface TechniqueEffect {
  task: string;
  subtask?: string;
  metric: string;
  family: string;
  technique: string;
  withSeries: string;
  withoutSeries: string;
  /** Smallest shared model from which the technique helps significantly at every larger one; null when it never does. */
  helpsFrom: { model: string; params: number | null; flops: number | null } | null;
  /** Significantly worse with the technique at some model below that scale. */
  harmfulBelow: boolean;
  deltas: TechniqueDelta[];
}

export interface FalseDiscoveryControl {
  /** Series that could have been called emergent: a verdict was reached and a random baseline is known. */
  tested: number;
  /** Series called emergent. */
  flagged: number;
  /** Emergent series whose jump stays significant after the correction. */
  significant: number;
  /** The false-discovery rate controlled. */
  fdr: number;
}

export interface AnalysisResult {
  series: SeriesResult[];
  problems: Problem[];
  /** Prompting techniques compared on the same task and models. */
  techniques?: TechniqueEffect[];
  /** How many emergent verdicts survive the multiple-comparison correction. */
  falseDiscoveries?: FalseDiscoveryControl;
}
