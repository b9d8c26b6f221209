// Numbers behind the two leading explanations of an emergent curve.
import type { Thresholds, Overrides } from './config';
import { classifyCurve, type CurvePoint } from './classify';
import { isGraded, metricInfo } from './metrics';
import type { LossSeriesRef, MetricFlawExplanation, MultiStepExplanation, MultiStepStep, SeriesResult, ValueSource } from './results';
import { siblingKey, type SeriesKey } from './series';
import { taskSteps } from './steps';

const DEFAULT_STEP_COUNTS = [2, 3, 4, 5];

/** Step count: the override file, else the task's definition, else the answer length measured in per-sample logs ('computed'). */
export function knownSteps(key: SeriesKey, overrides: Overrides, measured?: number): { k: number; source: ValueSource } | undefined {
  const override = overrides.tasks?.[key.task]?.steps;
  if (override !== undefined) return { k: override, source: 'override' };
  const k = taskSteps(key.task, key.subtask);
  if (k !== undefined) return { k, source: 'registry' };
  return measured !== undefined && measured >= 1 ? { k: measured, source: 'computed' } : undefined;
}

/** Step hints of the observations by task and subtask (series of other metrics of the same task share them). */
export function measuredSteps(observations: { task: string; subtask?: string; steps?: number }[]): Map<string, number> {
  const hints = new Map<string, number>();
  for (const o of observations) if (o.steps !== undefined && !hints.has(stepsKey(o))) hints.set(stepsKey(o), o.steps);
  return hints;
}

export function stepsKey(o: { task: string; subtask?: string }): string {
  return `${o.task}\u0000${o.subtask ?? ''}`;
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
      // Fields listed rather than spread: this runs for every point of every series, four times.
      const perStepCurve = curve.map((p, i): CurvePoint => ({
        u: p.u,
        z: perStep[i],
        // Delta method, dp/ds = p / (k·s); bounded because it diverges at s = 0.
        s: Math.min(0.5, Math.max(p.s / k, (perStep[i] / (k * Math.max(p.z, 1e-3))) * p.s)),
        label: p.label,
        pairedSe: p.pairedSe,
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
      fromSamples: other.fromSamples ?? false,
      first: other.points[0]?.score ?? NaN,
      last: other.points[other.points.length - 1]?.score ?? NaN,
      slopePerDecade: other.slopePerDecade,
    }));
  return { discontinuous: info.metricClass === 'discontinuous', metricClass: info.label, siblings };
}

const LOSS_LABELS = new Set(['perplexity', 'bits per byte', 'loss']);

/** The loss-like series (perplexity, bits per byte, loss) among all, found once per analysis. */
export function lossCandidates(all: SeriesResult[]): SeriesResult[] {
  return all.filter((o) => !o.checkpointSweep && LOSS_LABELS.has(metricInfo(o.metric).label));
}

/** Loss-like series of the same family sharing at least two models with the emergent one, on any task. */
export function lossSeries(result: SeriesResult, candidates: SeriesResult[]): LossSeriesRef[] {
  const models = new Set(result.points.map((p) => p.model.name));
  return candidates
    .filter((o) => o.id !== result.id && o.family === result.family)
    .filter((o) => o.points.filter((p) => models.has(p.model.name)).length >= 2)
    .map((o) => ({ seriesId: o.id, task: o.task, metric: o.metric, verdict: o.verdict }));
}
