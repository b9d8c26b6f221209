// Numbers behind the two leading explanations of an emergent curve.
import type { Thresholds, Overrides } from './config';
import { classifyCurve, type CurvePoint } from './classify';
import { isGraded, metricInfo } from './metrics';
import type { MetricFlawExplanation, MultiStepExplanation, MultiStepStep, SeriesResult, ValueSource } from './results';
import { siblingKey, type SeriesKey } from './series';
import { taskSteps } from './steps';

const DEFAULT_STEP_COUNTS = [2, 3, 4, 5];

export function knownSteps(key: SeriesKey, overrides: Overrides): { k: number; source: ValueSource } | undefined {
  const override = overrides.tasks?.[key.task]?.steps;
  if (override !== undefined) return { k: override, source: 'override' };
  const k = taskSteps(key.task, key.subtask);
  return k === undefined ? undefined : { k, source: 'registry' };
}

/**
 * Multi-step hypothesis: a task of k independent steps, each right with probability p, scores p^k above chance,
 * so p = s^(1/k) with s the normalised score. A smooth p along the series explains a sudden-looking jump in s.
 */
export function multiStep(curve: CurvePoint[], steps: { k: number; source: ValueSource } | undefined, t: Thresholds): MultiStepExplanation {
  const counts = steps ? [steps.k] : DEFAULT_STEP_COUNTS;
  return {
    knownSteps: steps,
    steps: counts.map((k): MultiStepStep => {
      const perStep = curve.map((p) => Math.min(1, Math.max(0, p.z)) ** (1 / k));
      const perStepCurve = curve.map((p, i) => ({
        ...p,
        z: perStep[i],
        // Delta method, dp/ds = p / (k·s); bounded because it diverges at s = 0.
        s: Math.min(0.5, Math.max(p.s / k, (perStep[i] / (k * Math.max(p.z, 1e-3))) * p.s)),
      }));
      return { k, perStep, verdict: classifyCurve(perStepCurve, true, t).verdict };
    }),
  };
}

/** Metric-flaw hypothesis: is the metric all-or-nothing, and what do graded metrics on the same runs say? */
export function metricFlaw(result: SeriesResult, key: SeriesKey, all: Map<string, { key: SeriesKey; result: SeriesResult }[]>): MetricFlawExplanation {
  const info = metricInfo(result.metric);
  const siblings = (all.get(siblingKey(key)) ?? [])
    .filter((other) => other.result.id !== result.id)
    .map(({ result: other }) => ({
      metric: other.metric,
      filter: other.filter,
      continuous: isGraded(other.metric),
      verdict: other.verdict,
      seriesId: other.id,
    }));
  return { discontinuous: info.metricClass === 'discontinuous', metricClass: info.label, siblings };
}
