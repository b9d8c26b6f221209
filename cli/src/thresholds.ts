// emergence-lens thresholds, and the report's table of the same: for each task emergent in two or more families,
// the scale at which each family gets it (server/src/core/family-thresholds.ts).
import { thresholdsAcrossFamilies } from '../../server/src/core/family-thresholds';
import type { SeriesResult } from '../../server/src/core/results';
import { thresholdRows } from '../../server/src/wire/threshold-rows';
import { alignColumns } from './report';

export function thresholdsTable(all: readonly SeriesResult[]): string {
  const rows = thresholdRows(all);
  if (!rows.length) return 'No task is emergent in two or more families.';
  const lines = alignColumns(['task', 'family', 'emerges at', 'FLOPs', 'onset between'], rows.map((r) => [r.task, r.family, r.params, r.flops, r.onset]));
  lines.push('', 'emerges at = the first model clearly above chance (parameters; FLOPs where known); onset between = the last model near chance and the first above, widened over redraws of the scores, in parameters and FLOPs where known.');
  return lines.join('\n');
}

export function thresholdsJson(all: readonly SeriesResult[]): unknown {
  return {
    thresholds: thresholdsAcrossFamilies(all).map(({ task, families }) => ({
      task: task.task,
      subtask: task.subtask ?? null,
      metric: task.metric,
      shots: task.shots ?? null,
      prompting: task.prompting ?? null,
      families: families.map((f) => ({ family: f.series.family, params: f.params, flops: f.flops, axis: f.series.xAxis, onset: { low: f.interval.low, high: f.interval.high, params: f.onset.params, flops: f.onset.flops } })),
    })),
  };
}
