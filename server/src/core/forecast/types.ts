// What a forecast of the emergence scale hands to the CLI, the hover and the charts.

/**
 * continuous-chain: a graded metric of the same task, chained to the score; loss-threshold: a language-modelling
 * loss; observational: a capability shared across families, with the link fitted where the task already emerged.
 */
export type ForecastMethod = 'continuous-chain' | 'loss-threshold' | 'observational';

export const METHOD_LABEL: Record<ForecastMethod, string> = {
  'continuous-chain': 'continuous-metric chain',
  'loss-threshold': 'loss threshold',
  observational: 'observational capability',
};

/** The share of bootstrap resamples each forecast's interval holds. */
export const INTERVAL_COVERAGE = 0.9;

export interface Interval {
  value: number;
  low: number;
  high: number;
}

export interface MethodForecast {
  method: ForecastMethod;
  /** The series the forecast extrapolates (the graded metric or the loss; for the capability, seriesId is empty). */
  driver: { seriesId: string; task: string; metric: string };
  /** Emergence scale on the series' axis: where the score is forecast to reach the level, with an interval holding INTERVAL_COVERAGE of the resamples. */
  scale: Interval;
  /** The driver's value at that point: the per-step success for the chain, the threshold loss for the loss method. */
  threshold: Interval;
  /**
   * The link from driver to score: the step count k of s = q^k, known or fitted; a logistic's slope (the chain's
   * sigmoid in logit q where it beats q^k, the loss and capability links). `pooledFrom`: fitted on these other
   * families' models too, where the series' own score is 0 throughout.
   */
  link: ({ kind: 'steps'; k: number; known: boolean } | { kind: 'logistic'; slope: number }) & { pooledFrom?: readonly string[] };
  /** Models the forecast was made from, and the share of bootstrap resamples that gave a forecast. */
  models: number;
  share: number;
}

/** Why a method gives no forecast for a series, in a sentence a user can act on. */
export interface NoForecast {
  method: ForecastMethod;
  why: string;
}

export interface SeriesForecast {
  seriesId: string;
  /** Normalised score at which the series counts as emerged (the classifier's "clearly above chance" floor). */
  level: number;
  forecasts: MethodForecast[];
  none: NoForecast[];
}
