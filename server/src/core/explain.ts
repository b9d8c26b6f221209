// Numbers behind the two leading explanations of an emergent curve.
import type { Thresholds, Overrides } from './config';
import { classifyCurve, jumpsAt, type CurvePoint } from './classify';
import { isGraded, metricInfo } from './metrics';
import type { LossSeriesRef, MetricFlawExplanation, MultiStepExplanation, MultiStepStep, ResolvedModel, SeriesResult, ValueSource } from './results';
import { siblingKey, type SeriesKey } from './series';
import { taskSteps } from './steps';

const DEFAULT_STEP_COUNTS = [2, 3, 4, 5];

/** s^(1/k) on the normalised scale, clamped to [0, 1]. */
const root = (s: number, k: number): number => Math.min(1, Math.max(0, s)) ** (1 / k);

/** Step count: the override file, else the task's definition, else the answer length measured in per-sample logs ('computed'). */
export function knownSteps(key: SeriesKey, overrides: Overrides, measured?: number): { k: number; source: ValueSource } | undefined {
  const override = overrides.tasks?.[key.task]?.steps;
  if (override !== undefined) return { k: override, source: 'override' };
  const k = taskSteps(key.task, key.subtask);
  if (k !== undefined) return { k, source: 'registry' };
  return measured !== undefined && measured >= 1 ? { k: measured, source: 'computed' } : undefined;
}

/** Step hints of the observations by task and subtask (series of other metrics of the same task share them). */
export function measuredSteps(observations: readonly { task: string; subtask?: string; steps?: number }[]): Map<string, number> {
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
 * With the task's emergence onset, the per-step curve is asked whether it jumps there too (beyond its own trend):
 * a per-step curve never sits near zero, so the emergence rule itself would always call it smooth.
 */
export function multiStep(curve: CurvePoint[], steps: { k: number; source: ValueSource } | undefined, t: Thresholds, onset?: number): MultiStepExplanation {
  const counts = steps ? [steps.k] : DEFAULT_STEP_COUNTS;
  return {
    knownSteps: steps,
    steps: counts.map((k): MultiStepStep => {
      const perStep = curve.map((p) => root(p.z, k));
      // Fields listed rather than spread: this runs for every point of every series, four times.
      const perStepCurve = curve.map((p, i): CurvePoint => ({
        u: p.u,
        z: perStep[i],
        // The score's ±1 SE interval carried through s^(1/k): near s = 0 the k-th root makes a score of 0 ± 0.003
        // a per-step accuracy anywhere up to 0.23 (k = 4), which the delta method would call nearly exact.
        s: (root(p.z + p.s, k) - root(p.z - p.s, k)) / 2,
        label: p.label,
        pairedSe: p.pairedSe,
      }));
      const verdict = onset !== undefined && jumpsAt(perStepCurve, onset, t) ? 'emergent' : classifyCurve(perStepCurve, true, t).verdict;
      return { k, perStep, verdict };
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

/**
 * Held-out text whose loss measures language modelling in general (Wei et al. plot WikiText103 perplexity), as
 * opposed to a task's own perplexity such as LAMBADA's target word.
 */
const LANGUAGE_MODELLING = /wikitext|pile|c4|redpajama|slimpajama|dolma|fineweb|openwebtext|paloma|pretrain|held_?out|validation/i;

/** The loss-like series (perplexity, bits per byte, loss) among all, found once per analysis. */
export function lossCandidates(all: SeriesResult[]): SeriesResult[] {
  return all.filter((o) => LOSS_LABELS.has(metricInfo(o.metric).label));
}

/** One model, or one checkpoint of it: a sweep's points share the model's name. */
export const checkpointKey = (m: ResolvedModel): string => `${m.name}\u0000${m.step ?? ''}\u0000${m.tokens ?? ''}`;

/**
 * Losses of the same family over at least two of the same models: of the same task, or of language modelling in
 * general; another task's perplexity says nothing about this task's skill.
 */
export function lossSeries(result: SeriesResult, candidates: SeriesResult[]): LossSeriesRef[] {
  // Most families hold no loss: no set of the series' checkpoints to build then.
  if (candidates.length === 0) return [];
  const models = new Set(result.points.map((p) => checkpointKey(p.model)));
  const byTask = new Map<string, SeriesResult>();
  for (const o of candidates) {
    if (o.id === result.id || o.family !== result.family || (o.task !== result.task && !LANGUAGE_MODELLING.test(o.task))) continue;
    if (o.points.filter((p) => models.has(checkpointKey(p.model))).length < 2) continue;
    const known = byTask.get(o.task);
    if (!known || lossPreference(o.metric) < lossPreference(known.metric)) byTask.set(o.task, o);
  }
  return [...byTask.values()].map((o) => ({ seriesId: o.id, task: o.task, metric: o.metric, verdict: o.verdict, kind: o.task === result.task ? 'same-task' : 'language-modelling' }));
}

/** One loss per task: bits per byte (independent of the tokenizer) first, then word, then other perplexities. */
function lossPreference(metric: string): number {
  return /bits_per_byte|bpb/.test(metric) ? 0 : /word_perplexity/.test(metric) ? 1 : 2;
}
