// Thresholds across families: a task emergent in several families, with the scale at which each family gets it.
// Wei et al. (2022, §2): the emergence scale "is not an immutable property of the ability" — better data and
// training lower it; a table across families shows by how much.
import type { EmergenceInterval, SeriesResult } from './results';
import { seriesId } from './series';

export interface FamilyThreshold {
  series: SeriesResult;
  /** Parameters and FLOPs of the first model clearly above chance, where known. */
  params: number | null;
  flops: number | null;
  /** Where the onset lies, on the series' axis. */
  interval: EmergenceInterval;
  /** The same onset in parameters and in FLOPs, where the models around its ends know both. */
  onset: { params: Range | null; flops: Range | null };
}

export interface Range {
  low: number;
  high: number;
}

export interface TaskThresholds {
  /** A series of the task, for its name (task, subtask, metric, shots...). */
  task: SeriesResult;
  /** Families, the one that gets the ability at the smallest scale first. */
  families: FamilyThreshold[];
}

/** Tasks (with metric, shots and prompting) emergent in two or more families of model sizes. */
export function thresholdsAcrossFamilies(all: readonly SeriesResult[]): TaskThresholds[] {
  const byTask = new Map<string, SeriesResult[]>();
  for (const s of all) {
    if (s.verdict !== 'emergent' || s.checkpointSweep || !s.emergence) continue;
    const key = seriesId(s, { family: '' });
    byTask.set(key, [...(byTask.get(key) ?? []), s]);
  }
  return [...byTask.values()]
    .filter((list) => list.length >= 2)
    .map((list) => {
      const families = list.map((s): FamilyThreshold => {
        const m = s.emergence!.firstAbove.model;
        const interval = s.emergence!.interval;
        return { series: s, params: m.params ?? null, flops: m.flops ?? null, interval, onset: { params: onsetOn(s, interval, 'params'), flops: onsetOn(s, interval, 'flops') } };
      });
      families.sort((a, b) => (a.params ?? Infinity) - (b.params ?? Infinity) || a.series.family.localeCompare(b.series.family));
      return { task: list[0], families };
    })
    .sort((a, b) => b.families.length - a.families.length || a.task.id.localeCompare(b.task.id));
}

/** The onset carried from the series' axis to `axis`. */
function onsetOn(s: SeriesResult, interval: EmergenceInterval, axis: 'params' | 'flops'): Range | null {
  const low = carried(s, interval.low, axis);
  const high = carried(s, interval.high, axis);
  return low !== null && high !== null ? { low, high } : null;
}

/** A scale on the series' axis on another axis of its models: log-linearly between the two models around it. */
function carried(s: SeriesResult, x: number, axis: 'params' | 'flops'): number | null {
  if (s.xAxis === axis) return x;
  const value = (i: number) => s.points[i].model[axis];
  for (let i = 0; i + 1 < s.points.length; i++) {
    const [a, b] = [s.points[i].x, s.points[i + 1].x];
    if (x < a || x > b) continue;
    const [va, vb] = [value(i), value(i + 1)];
    if (!va || !vb) return null;
    const t = b > a ? Math.log(x / a) / Math.log(b / a) : 0;
    return va * (vb / va) ** t;
  }
  return null;
}
