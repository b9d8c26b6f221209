// Puts a series' scores on the scale every threshold is stated on: 0 = random baseline, 1 = best score, higher is
// better; and gives each score its standard error in the metric's units.
import { metricChance, taskChance } from './baselines';
import type { Overrides, Thresholds } from './config';
import { metricInfo } from './metrics';
import type { Baseline, SeriesPoint } from './results';
import type { SeriesKey } from './series';
import type { Observation } from './types';

/** The override file, else the results file, else the task registry (1/k), else 0 for generated answers. */
export function baselineFor(key: SeriesKey, observations: readonly Observation[], overrides: Overrides): Baseline | null {
  const override = overrides.tasks?.[key.task]?.baseline;
  if (override !== undefined) return { value: override, source: 'override', assumed: false, note: 'set in emergence-lens.json' };
  const stated = observations.find((o) => o.baseline !== undefined)?.baseline;
  if (stated !== undefined) return { value: stated, source: 'file', assumed: false, note: 'stated in the results file' };
  const info = metricInfo(key.metric);
  if (info.metricClass === 'continuous') return null;
  const generic = plainScore(key, observations);
  const known = taskChance(key.task, key.subtask, key.metric, info.metricClass === 'discontinuous' || generic);
  if (known) return Object.assign({}, known, { note: generic ? `${known.note}; the "${key.metric}" column is read as accuracy` : known.note, source: 'registry' as const, assumed: true });
  const byMetric = metricChance(info.metricClass, key.metric);
  return byMetric ? Object.assign({}, byMetric, { source: 'default' as const, assumed: true }) : null;
}

/**
 * A score named only "score" or "value" (a wide table's benchmark column, a leaderboard export) whose values are all
 * fractions: on a task with a known answer format it is that task's accuracy, on the 0–1 range.
 */
function plainScore(key: SeriesKey, observations: readonly Observation[]): boolean {
  return /^(score|value)$/i.test(key.metric) && observations.every((o) => o.score >= 0 && o.score <= 1);
}

/** The best possible score in the metric's units; null when the metric is unbounded. */
export function ceilingFor(key: SeriesKey, observations: readonly Observation[], overrides: Overrides, higherIsBetter: boolean): number | null {
  const override = overrides.tasks?.[key.task]?.ceiling;
  if (override !== undefined) return override;
  const stated = observations.find((o) => o.ceiling !== undefined)?.ceiling;
  if (stated !== undefined) return stated;
  const range = metricInfo(key.metric).range ?? (plainScore(key, observations) && baselineFor(key, observations, overrides) ? ([0, 1] as [number, number]) : undefined);
  if (!range) return null;
  // BLEU-like metrics come as 0-100 or 0-1: the data tell which.
  const top = range[1] === 100 && observations.every((o) => o.score <= 1) ? 1 : range[1];
  return higherIsBetter ? top : range[0];
}

export interface Normaliser {
  z: (score: number) => number;
  /** Size of one normalised unit in the metric's units (signed by direction). */
  unit: number;
  hasBaseline: boolean;
  /** Measured as change relative to the smallest model's score: no range to speak of. */
  relative: boolean;
}

/**
 * With a baseline and a best score, 0 = chance and 1 = best. Without a baseline, bounded metrics are measured from
 * their worst value and unbounded ones (perplexity, loss) as relative change from the smallest model.
 */
export function normaliser(first: number, baseline: Baseline | null, best: number | null, worst: number | undefined, higherIsBetter: boolean): Normaliser {
  if (baseline && best !== null && best !== baseline.value) {
    const unit = best - baseline.value;
    return { z: (s) => (s - baseline.value) / unit, unit, hasBaseline: true, relative: false };
  }
  if (best !== null && worst !== undefined && best !== worst) {
    const unit = best - worst;
    return { z: (s) => (s - worst) / unit, unit, hasBaseline: false, relative: false };
  }
  const unit = (higherIsBetter ? 1 : -1) * (Math.abs(first) || 1);
  return { z: (s) => (s - first) / unit, unit, hasBaseline: false, relative: true };
}

/** Reported stderr; else binomial from n for 0-1 accuracies; else a documented default share of the range. */
export function noise(o: Observation, range: [number, number] | undefined, unit: number, t: Thresholds): { stderr: number; stderrSource: SeriesPoint['stderrSource'] } {
  if (o.stderr !== undefined && Number.isFinite(o.stderr) && o.stderr > 0) return { stderr: o.stderr, stderrSource: 'file' };
  if (o.n && o.n > 0 && range && range[0] === 0 && range[1] === 1 && o.score >= 0 && o.score <= 1) {
    // Keep p away from 0 and 1, where the binomial formula would claim no noise at all.
    const p = Math.min(Math.max(o.score, 0.5 / o.n), 1 - 0.5 / o.n);
    return { stderr: Math.sqrt((p * (1 - p)) / o.n), stderrSource: 'binomial' };
  }
  return { stderr: t.defaultStderr * Math.abs(unit), stderrSource: 'default' };
}
