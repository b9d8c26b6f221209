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
    const key = seriesId({ ...s, family: '' });
    byTask.set(key, [...(byTask.get(key) ?? []), s]);
  }
  return [...byTask.values()]
    .filter((list) => list.length >= 2)
    .map((list) => {
      const families = list.map((s): FamilyThreshold => {
        const m = s.emergence!.firstAbove.model;
        return { series: s, params: m.params ?? null, flops: m.flops ?? null, interval: s.emergence!.interval };
      });
      families.sort((a, b) => (a.params ?? Infinity) - (b.params ?? Infinity) || a.series.family.localeCompare(b.series.family));
      return { task: list[0], families };
    })
    .sort((a, b) => b.families.length - a.families.length || a.task.id.localeCompare(b.task.id));
}
