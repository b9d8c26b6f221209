// Tasks emergent in two or more families as the report's table shows them (cells written out), for both hosts of
// the analysis: the CLI's report and `thresholds` command, and the editor's report view.
import { thresholdsAcrossFamilies, type FamilyThreshold, type TaskThresholds } from '../core/family-thresholds';
import { formatCount, formatExponent, seriesLabel } from '../core/format';
import type { SeriesResult } from '../core/results';
import type { ThresholdRow } from '../protocol';

/**
 * "300M – 1B · 6e20 – 2e21 FLOPs": between the last model near chance and the first above, widened over redraws of
 * the scores, in parameters and FLOPs where known.
 */
function onsetText(f: FamilyThreshold): string {
  const { params, flops } = f.onset;
  return [params && `${formatCount(params.low)} – ${formatCount(params.high)}`, flops && `${formatExponent(flops.low)} – ${formatExponent(flops.high)} FLOPs`].filter((p) => p).join(' · ');
}

export function thresholdRows(all: readonly SeriesResult[]): ThresholdRow[] {
  return rowsOf(thresholdsAcrossFamilies(all));
}

/** The rows of tasks already grouped (core/family-thresholds.ts). */
export function rowsOf(tasks: readonly TaskThresholds[]): ThresholdRow[] {
  return tasks.flatMap(({ task, families }) =>
    families.map((f) => ({
      seriesId: f.series.id,
      task: `${seriesLabel(task)} ${task.metric}`,
      family: f.series.family,
      params: f.params !== null ? formatCount(f.params) : '—',
      flops: f.flops !== null ? formatExponent(f.flops) : '—',
      onset: onsetText(f),
    })),
  );
}
