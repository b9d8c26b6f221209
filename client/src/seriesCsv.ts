// A series as CSV (RFC 4180 quoting), one row per point, for pasting into a spreadsheet or a notebook.
import type { SeriesData } from '../../server/src/protocol';

const COLUMNS = [
  'task', 'subtask', 'metric', 'filter', 'family', 'shots', 'prompting', 'model', 'x_axis', 'x', 'params', 'tokens', 'flops', 'step',
  'score', 'stderr', 'stderr_source', 'n', 'normalized', 'above_chance', 'baseline', 'verdict', 'file', 'line',
] as const;

type Cell = string | number | boolean | undefined | null;

/** `where` turns a point's file-system path into what the user should see (workspace-relative). */
export function seriesCsv(series: SeriesData, where: (file: string) => string = (f) => f): string {
  const rows: Cell[][] = series.points.map((p) => [
    series.task, series.subtask, series.metric, series.filter, series.family, series.shots, series.prompting,
    p.model.name, series.xAxis, p.x, p.model.params, p.model.tokens, p.model.flops, p.model.step,
    p.score, p.stderr, p.stderrSource, p.n, p.normalized, p.aboveChance, series.baseline?.value, series.verdict,
    where(p.range.file), p.range.line + 1,
  ]);
  return [COLUMNS as readonly Cell[], ...rows].map((row) => row.map(csvCell).join(',')).join('\n') + '\n';
}

export function csvCell(value: Cell): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  // A name starting like a formula would run in a spreadsheet (=HYPERLINK(...)): keep it text.
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
