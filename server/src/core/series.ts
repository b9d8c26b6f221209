// Joins observations from many files into scaling series: task × metric × family × shots × prompting,
// one point per model size, plus one series per model for sweeps over training checkpoints.
import type { Observation, Problem } from './types';
import { canonicalMetric } from './metrics';
import type { ResolvedModel, SeriesKey } from './results';

export type { SeriesKey };

export interface RawPoint {
  observation: Observation;
  model: ResolvedModel;
}

export interface RawSeries {
  id: string;
  key: SeriesKey;
  points: RawPoint[];
}

/** Parts of a key that seriesId can put others in the place of. */
type IdParts = Partial<Pick<SeriesKey, 'metric' | 'filter' | 'family'>>;
const KEY_AS_IS: IdParts = {};

/**
 * A series' id; `as` puts other parts in the key's place (a task's id across families, across metrics) without a
 * copy of the key, which for a whole series result costs more than the id. A template literal, and no object made
 * per call: this runs once per observation of the workspace.
 */
export function seriesId(key: SeriesKey, as: IdParts = KEY_AS_IS): string {
  const id = `${key.task}|${key.subtask ?? ''}|${as.metric ?? key.metric}|${as.filter ?? key.filter ?? ''}|${as.family ?? key.family}|${key.shots ?? ''}|${key.prompting ?? ''}`;
  return key.checkpointSweep ? `checkpoints|${id}` : id;
}

/** Series of the same task, shots, prompting and family measured with different metrics. */
export function siblingKey(key: SeriesKey): string {
  return seriesId(key, { metric: '', filter: '' });
}

const MIN_CHECKPOINTS = 3;

function describe(p: RawPoint): string {
  const r = p.observation.range;
  return `${r.file.split(/[\\/]/).pop()}:${r.line + 1}`;
}

export function buildSeries(points: RawPoint[]): { series: RawSeries[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const groups = new Map<string, { key: SeriesKey; byModel: Map<string, RawPoint[]> }>();
  for (const point of points) {
    const o = point.observation;
    const key: SeriesKey = {
      task: o.task,
      subtask: o.subtask,
      metric: canonicalMetric(o.metric),
      // lm-eval v0.4 writes "acc,none" where v0.3 wrote "acc": the same series.
      filter: o.filter === 'none' ? undefined : o.filter,
      family: point.model.family,
      shots: o.shots,
      prompting: o.prompting,
      checkpointSweep: false,
    };
    const id = seriesId(key);
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { key, byModel: new Map() }));
    const list = group.byModel.get(point.model.name) ?? [];
    list.push(point);
    group.byModel.set(point.model.name, list);
  }

  const series: RawSeries[] = [];
  for (const { key, byModel } of groups.values()) {
    const sizePoints: RawPoint[] = [];
    let swept = false;
    for (const [name, list] of byModel) {
      const byStep = dedupe(list, problems);
      // The size series takes each model's final checkpoint; a model without steps has one entry.
      const ordered = [...byStep.values()].sort((a, b) => (a.model.step ?? Infinity) - (b.model.step ?? Infinity));
      sizePoints.push(ordered[ordered.length - 1]);
      if (ordered.filter((p) => p.model.step !== undefined).length >= MIN_CHECKPOINTS) {
        const sweepKey: SeriesKey = Object.assign({}, key, { family: `${name} checkpoints`, checkpointSweep: true });
        series.push({ id: seriesId(sweepKey), key: sweepKey, points: ordered });
        swept = true;
      }
    }
    // A single model swept over checkpoints is not also a one-point size series.
    if (sizePoints.length > 1 || !swept) series.push({ id: seriesId(key), key, points: sizePoints });
  }
  return { series, problems };
}

/** One result per model and checkpoint; a later duplicate replaces an earlier one, and the user is told. */
function dedupe(list: RawPoint[], problems: Problem[]): Map<string, RawPoint> {
  const byStep = new Map<string, RawPoint>();
  for (const point of list) {
    const stepKey = String(point.model.step ?? '');
    const earlier = byStep.get(stepKey);
    if (earlier) {
      problems.push({
        range: earlier.observation.range,
        severity: 'warning',
        message: `Duplicate result for ${point.model.name} on ${point.observation.task} (${point.observation.metric}): using the one at ${describe(point)}.`,
      });
    }
    byStep.set(stepKey, point);
  }
  return byStep;
}
