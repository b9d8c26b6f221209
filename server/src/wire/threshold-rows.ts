// Tasks emergent in two or more families as the report's table shows them (cells written out), for both hosts of
// the analysis: the CLI's report and `thresholds` command, and the editor's report view.
import { thresholdsAcrossFamilies, type FamilyThreshold, type TaskThresholds } from '../core/family-thresholds';
import { formatCount, formatExponent, formatScale, seriesLabel } from '../core/format';
import type { SeriesResult } from '../core/results';
import type { ThresholdRow } from '../protocol';

/** "300M – 1B": between the last model near chance and the first above, widened over redraws of the scores. */
const onsetText = (f: FamilyThreshold): string => `${formatScale(f.interval.low, f.series.xAxis)} – ${formatScale(f.interval.high, f.series.xAxis)}`;

export function thresholdRows(all: readonly SeriesResult[]): ThresholdRow[] {
  return rowsOf(thresholdsAcrossFamilies(all));
}

/** The rows of tasks already grouped (core/family-thresholds.ts). */
export function rowsOf(tasks: readonly TaskThresholds[]): ThresholdRow[] {
  return tasks.flatMap(({ task, families }) =>
    families.map((f) => ({
      task: `${seriesLabel(task)} ${task.metric}`,
      family: f.series.family,
      params: f.params !== null ? formatCount(f.params) : '—',
      flops: f.flops !== null ? formatExponent(f.flops) : '—',
      onset: onsetText(f),
    })),
  );
}
