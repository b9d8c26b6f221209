// Messages between the VS Code client and the language server beyond standard LSP.
// Plain types and method names only, so the client can import this without pulling in the server.
import type { SeriesResult, Verdict } from './core/results';

export type InlayHintMode = 'notable' | 'all' | 'off';

/** Settings under `emergenceLens.*`, sent by the client with workspace/configuration or didChangeConfiguration. */
export interface LensSettings {
  xAxis: 'params' | 'flops';
  /** Severity of the `emergent` diagnostic. */
  severity: 'error' | 'warning' | 'information' | 'hint';
  /** Which results get a verdict after them: those of notable series (the default), all, or none. */
  inlayHints: InlayHintMode;
  codeLens: boolean;
  include: string[];
  exclude: string[];
  /** Files larger than this are not analysed (megabytes). */
  maxFileSizeMB: number;
  thresholds: Record<string, number>;
}

export const DEFAULT_SETTINGS: LensSettings = {
  xAxis: 'params',
  severity: 'hint',
  inlayHints: 'notable',
  codeLens: false,
  include: ['**/*.{json,jsonl,csv,tsv,eval,parquet}'],
  exclude: ['**/node_modules/**', '**/.*/**'],
  maxFileSizeMB: 200,
  thresholds: {},
};

/** A series as listed in the Explorer view and quick picks. */
export interface SeriesSummary {
  id: string;
  task: string;
  subtask?: string;
  metric: string;
  family: string;
  shots?: number;
  prompting?: string;
  verdict: Verdict;
  /** The verdict as every surface shows it: "⚡? possibly emergent ≥ 6.9B". */
  verdictLabel: string;
  reason: string;
  breakthroughness: number | null;
  /** Where the first point of the series is written, for "go to". */
  uri: string;
  line: number;
}

/** `emergenceLens/listSeries`: every series of the workspace index. */
export const LIST_SERIES = 'emergenceLens/listSeries';
export type ListSeriesResult = SeriesSummary[];

/** `emergenceLens/getSeries`: one series in full, with its points (for charts and tables). */
export const GET_SERIES = 'emergenceLens/getSeries';
export interface GetSeriesParams {
  id: string;
}
/** Point ranges carry file-system paths. */
export type GetSeriesResult = SeriesResult | null;

/** `emergenceLens/explainSeries`: the full explanation of a series as markdown (from the point `point` when given). */
export const EXPLAIN_SERIES = 'emergenceLens/explainSeries';
export interface ExplainSeriesParams {
  id: string;
  point?: number;
}
export type ExplainSeriesResult = { title: string; markdown: string } | null;

/** `emergenceLens/seriesAt`: the series whose results sit at a position (the task under the cursor). */
export const SERIES_AT = 'emergenceLens/seriesAt';
export interface SeriesAtParams {
  uri: string;
  line: number;
}
export type SeriesAtResult = string[];

/** Notification from the server whenever the index changes, so views refresh. */
export const INDEX_CHANGED = 'emergenceLens/indexChanged';

/**
 * Client-side command ids used by code lenses, hover links and code actions. Their arguments are JSON:
 * plotSeries / compareMetrics / copySeriesCsv take { seriesId }, explainSeries { seriesId, point? }, setTaskBaseline / setTaskSteps / ignoreTask take { task, suggested? }.
 * Only the client writes emergence-lens.json, and only when the user runs one of these.
 */
export const COMMANDS = {
  plotSeries: 'emergenceLens.plotSeries',
  explainSeries: 'emergenceLens.explainSeries',
  compareMetrics: 'emergenceLens.compareMetrics',
  copySeriesCsv: 'emergenceLens.copySeriesCsv',
  setBaseline: 'emergenceLens.setTaskBaseline',
  setSteps: 'emergenceLens.setTaskSteps',
  ignoreTask: 'emergenceLens.ignoreTask',
} as const;

/**
 * `emergenceLens/archiveText`: the text of an Inspect `.eval` archive's header.json (its scores and settings), for the
 * client's read-only view of the archive; null when the file is no readable archive. Its lines are the lines the
 * archive's scores point at.
 */
export const ARCHIVE_TEXT = 'emergenceLens/archiveText';
export interface ArchiveTextParams {
  /** File-system path of the archive. */
  path: string;
}
export type ArchiveTextResult = string | null;
