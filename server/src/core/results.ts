// What the analysis core hands to the server, the CLI and the charts.
import type { Problem, SourceRange } from './types';
import type { XAxis } from './config';
import type { ForecastMethod } from './forecast/types';
import type { ItemScores } from './paired';

export type Verdict =
  | 'emergent'
  /** A jump that would be emergent but does not survive the workspace's multiple-comparison check. */
  | 'possibly-emergent'
  | 'smooth'
  | 'flat'
  | 'inverse'
  | 'u-shaped'
  | 'saturated'
  /** The metric measures bias, toxicity or calibration, not an ability: no capability verdict. */
  | 'not-ability'
  | 'insufficient';

/** Coarser order for "which series first" when ties are broken otherwise: emergent, then any verdict, then too little data. */
export function attentionRank(verdict: Verdict): number {
  return verdict === 'emergent' ? 0 : verdict === 'possibly-emergent' ? 1 : verdict === 'insufficient' || verdict === 'not-ability' ? 3 : 2;
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
  /** Tries behind the score, when items were tried several times (Observation.attempts). */
  attempts?: number;
  /** Per-item scores behind the score (per-sample logs), shared with the observation: the forecasts resample them. */
  items?: ItemScores;
  /** Score on the normalised scale: 0 = baseline, 1 = ceiling, oriented so that higher is better. */
  normalized: number;
  /** Standard error on the normalised scale. */
  normalizedStderr: number;
  /** Clearly above chance: significant and above the effect-size floor. */
  aboveChance: boolean;
  /** Significantly above chance, whatever the size; and significantly below it. */
  significantlyAbove: boolean;
  belowChance: boolean;
  range: SourceRange;
  /** The model's score on the family's loss (lossAxis), for the charts' Loss axis. */
  loss?: number;
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
  /** The effect-size floor the jump had to clear: `minJump`, or less after a plateau a few points above chance. */
  floor: number;
  /** Set when the jump's error came from per-item differences: how many items both models answered. */
  pairedItems?: number;
  /** Where the onset lies, and how often it is found when the scores are redrawn within their errors. */
  interval: EmergenceInterval;
}

/**
 * The emergence scale lies between the last model near chance and the first clearly above it; a parametric
 * bootstrap (scores redrawn from their standard errors) says how stable that is.
 */
export interface EmergenceInterval {
  /** Scales on the series' axis: the onset lies in (low, high] in 90 % of the resamples called emergent. */
  low: number;
  high: number;
  /** Share of resamples in which the curve is still emergent. */
  share: number;
  resamples: number;
}

/**
 * Where a flat curve sits: every model clearly below chance ("below"), none clearly above it ("at"), or some clearly
 * above it ("above").
 */
export type ChanceLevel = 'below' | 'at' | 'above';

/** The directional claims a curve can make, each tested against chance and corrected across the workspace. */
export type Claim = 'emergent' | 'inverse' | 'u-shaped';

/** Benjamini–Hochberg over every series of the workspace (core/false-discoveries.ts). */
export interface Significance {
  /** The claim the classifier made, or null when it made none (the series still counts among those tested). */
  claim: Claim | null;
  /** One-sided p-value of the claim: the largest p of the tests it needs (an intersection–union test). */
  p: number | null;
  /** Its Benjamini–Hochberg adjusted p-value among `tested` series. */
  q: number | null;
  tested: number;
  /** Series making a claim. */
  flagged: number;
  fdr: number;
  /** q ≤ fdr: the claim survives the correction; null without a claim. */
  significantAfterCorrection: boolean | null;
}

/** What the classifier said before the correction, kept so the correction can be re-run over a changed workspace. */
export interface ClaimedVerdict {
  claim: Claim;
  p: number;
  reason: string;
  /** The verdict and reason to report when the claim does not survive the correction. */
  fallback: { verdict: Verdict; reason: string };
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
  /** The verdict after the multiple-comparison check. */
  verdict: Verdict;
  /** One sentence on why, with numbers. */
  reason: string;
  /** Flat series with a baseline: where they sit. */
  chanceLevel?: ChanceLevel;
  /** Set when the classifier made a directional claim (before the correction). */
  claimed?: ClaimedVerdict;
  /** Enough data for a verdict, of an ability metric: the series counts in the multiple-comparison check. */
  tested: boolean;
  /** Set on every series the multiple-comparison check counted. */
  significance?: Significance;
  baseline: Baseline | null;
  /** Best possible score in the metric's units (the top for higher-is-better metrics); null when unbounded. */
  ceiling: number | null;
  /** One normalised unit in the metric's units, signed by direction: a score d higher is d / unit higher normalised. */
  unit: number;
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
  /** The loss every point has a `loss` of (any series but a loss or a checkpoint sweep): language modelling first, else the task's own. */
  lossAxis?: { task: string; metric: string };
  /** Set on the series run with a prompting technique: where the technique starts to help. */
  technique?: TechniqueEffect;
  /** A series still at chance: where its own family's graded metric or loss forecasts it to emerge (forecast/). */
  forecast?: ForecastMark;
}

/** The first forecast of a series at chance, as the charts draw it: a scale on its axis and a normalised level. */
export interface ForecastMark {
  method: ForecastMethod;
  scale: number;
  low: number;
  high: number;
  level: number;
}

/** A loss-like series (perplexity, bits per byte, loss) of the same family, to view beside an emergent one. */
export interface LossSeriesRef {
  seriesId: string;
  task: string;
  metric: string;
  verdict: Verdict;
  /** A loss of the same task (LAMBADA's perplexity for its accuracy), or of language modelling in general (WikiText). */
  kind: 'same-task' | 'language-modelling';
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
  /** Series with enough data for a verdict, of an ability metric: each could have made a claim. */
  tested: number;
  /** Series that made a claim (emergent, inverse or u-shaped). */
  flagged: number;
  /** Claims that stay significant after the correction. */
  significant: number;
  /** The same, for emergent claims only. */
  emergentFlagged: number;
  emergentSignificant: number;
  /** The false-discovery rate controlled. */
  fdr: number;
}

export interface AnalysisResult {
  series: SeriesResult[];
  problems: Problem[];
  /** Prompting techniques compared on the same task and models. */
  techniques?: TechniqueEffect[];
  /** How many claims survive the multiple-comparison correction. */
  falseDiscoveries?: FalseDiscoveryControl;
}
