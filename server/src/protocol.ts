// Messages between the VS Code client and the language server beyond standard LSP, and the chart data the server and
// the CLI hand to the chart pages. Transfer types of their own: plain JSON, imports nothing, so the client and the
// webview see none of the analysis core. The server converts core values to these (server/src/wire, server/src/lsp);
// the conversion's type check is what keeps the two in step.

/** A series' verdict, as core/results decides it. */
export type Verdict =
  | 'emergent'
  | 'possibly-emergent'
  | 'smooth'
  | 'flat'
  | 'inverse'
  | 'u-shaped'
  | 'saturated'
  | 'not-ability'
  | 'insufficient';

/** The order users see verdicts in (lists, tables): what came to be looked at first, too little data last. */
export const VERDICT_ORDER: readonly Verdict[] = ['emergent', 'possibly-emergent', 'inverse', 'u-shaped', 'smooth', 'saturated', 'flat', 'not-ability', 'insufficient'];

/** The verdicts Plot All Emergent and the report chart: a jump that may be chance is shown too, and says so. */
export function shownAsEmergent(verdict: Verdict): boolean {
  return verdict === 'emergent' || verdict === 'possibly-emergent';
}

/** Where a standard error came from: the file, the binomial formula over n items, or the default. */
export type StderrSource = 'file' | 'binomial' | 'default';
/** Where a number came from. */
export type ValueSource = 'file' | 'name' | 'registry' | 'override' | 'computed' | 'checkpoint' | 'default';
/** Scale on a series' x axis: model sizes in parameters or FLOPs; checkpoint sweeps in training tokens or steps. */
export type SeriesAxis = 'params' | 'flops' | 'tokens' | 'steps';
/** An axis a chart can draw: a series' own, or the loss of its models (emergent series whose family has one). */
export type ScaleAxis = SeriesAxis | 'loss';

/** What makes a series: one task, metric, family, shot count and prompting technique. */
export interface SeriesKey {
  task: string;
  subtask?: string;
  metric: string;
  filter?: string;
  family: string;
  shots?: number;
  prompting?: string;
  /** The series sweeps training checkpoints of one model rather than model sizes. */
  checkpointSweep: boolean;
}

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
  /** The verdict as every surface shows it (core/verdict-text): "⚡? possibly emergent ≥ 6.9B". */
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

/** `emergenceLens/getSeries`: one series with its points (for tables and Copy as CSV). */
export const GET_SERIES = 'emergenceLens/getSeries';
export interface GetSeriesParams {
  id: string;
}
/** A series as getSeries sends it: its key, verdict and points, without the analysis' working. */
export interface SeriesData extends SeriesKey {
  id: string;
  xAxis: SeriesAxis;
  verdict: Verdict;
  baseline: { value: number } | null;
  points: SeriesDataPoint[];
}
/** One model's score with its noise and its place on the normalised scale, as every transfer type carries it. */
export interface PointScore {
  score: number;
  stderr: number;
  stderrSource: StderrSource;
  n?: number;
  normalized: number;
  aboveChance: boolean;
}
export interface SeriesDataPoint extends PointScore {
  model: { name: string; params?: number; tokens?: number; flops?: number; step?: number };
  /** Scale on the series' x axis. */
  x: number;
  /** Where the score is written: a file-system path and a 0-based line. */
  range: { file: string; line: number };
}
export type GetSeriesResult = SeriesData | null;

/** `emergenceLens/chartView` with a ViewRequest: everything a chart panel or the report shows, in one answer; null when it failed. */
export const CHART_VIEW = 'emergenceLens/chartView';
export type ChartViewResult = ChartView | null;

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

export type ViewKind = 'series' | 'emergent' | 'compare' | 'report' | 'thresholds';
/**
 * What a panel shows: one series (with its other families and technique pair), its metrics, every emergent one, all,
 * or the tasks emergent in several families (each family's emergence scale).
 */
export type ViewRequest = { kind: 'series'; id: string } | { kind: 'compare'; id: string } | { kind: 'emergent' } | { kind: 'report' } | { kind: 'thresholds' };

/** Longest series id a request or the webview may send. */
export const MAX_SERIES_ID = 2048;

/** A view request from untrusted JSON (the webview state, a request's params), or null. */
export function parseRequest(v: unknown): ViewRequest | null {
  if (typeof v !== 'object' || v === null) return null;
  const { kind, id } = v as Record<string, unknown>;
  if (kind === 'emergent' || kind === 'report' || kind === 'thresholds') return { kind };
  if ((kind === 'series' || kind === 'compare') && typeof id === 'string' && id.length > 0 && id.length <= MAX_SERIES_ID) return { kind, id };
  return null;
}

/** One model's score, flattened from SeriesPoint for the chart. Lines are 0-based as in SourceRange. */
export interface ChartPoint extends PointScore {
  model: string;
  params?: number;
  flops?: number;
  tokens?: number;
  step?: number;
  /** The model's loss (ChartSeries.lossAxis names it). */
  loss?: number;
  /** For a 0 out of n against chance 0: the score it bounds only below (≈ 3/n at 95 %, 3/tries where items were tried several times). */
  resolution?: number;
  /** The tries the resolution counts, when items were tried several times (n × tries per item). */
  tries?: number;
  file: string;
  line: number;
}

export interface ChartSeries extends SeriesKey {
  id: string;
  /** "task:subtask (filter, 2-shot, cot)". */
  label: string;
  /** The series' own axis (never the loss). */
  xAxis: SeriesAxis;
  verdict: Verdict;
  /** The verdict as every surface shows it (core/verdict-text). */
  verdictLabel: string;
  reason: string;
  baseline: { value: number; source: ValueSource; assumed: boolean; note: string } | null;
  ceiling: number | null;
  /** The metric's natural range in score units (0–1 for accuracies): the y axis never leaves it. */
  range: [number, number] | null;
  /** A lower-is-better unbounded metric (perplexity, bits per byte, loss) with positive scores: drawn on a log axis. */
  logScale: boolean;
  points: ChartPoint[];
  /** Indices into points. */
  emergence: { lastNearChance: number; firstAbove: number; jump: number; jumpZ: number } | null;
  /** The claim's p-value adjusted over every series tested (Benjamini–Hochberg), and whether q ≤ the false-discovery rate. */
  significance: { q: number; significant: boolean } | null;
  /** Logistic fit on the normalised scale against log10 of the series' own axis. */
  fit: { midpoint: number; slope: number; extrapolated: boolean } | null;
  breakthroughness: number | null;
  linearity: number | null;
  multiStep: { knownK?: number; steps: { k: number; perStep: number[]; verdict: Verdict }[] } | null;
  discontinuous: boolean;
  /** Some points come from per-sample logs (re-scored or averaged per item). */
  fromSamples: boolean;
  siblings: { metric: string; filter?: string; continuous: boolean; fromSamples: boolean; verdict: Verdict; seriesId: string }[];
  /** Loss-like series of the same family (perplexity, bits per byte), to chart beside an emergent one. */
  loss: { seriesId: string; task: string; metric: string; verdict: Verdict }[];
  /** On the series run with a prompting technique: its run without, and where the technique starts to help. */
  technique: { name: string; withoutSeries: string; helpsFrom: string | null; harmfulBelow: boolean } | null;
  /** "wikitext bits_per_byte": the loss the points' `loss` is of, or null. */
  lossAxis: string | null;
  /** A series still at chance: the scale (low–high holding `coverage` of resamples) at which it is forecast to reach `score`, and by what. */
  forecast: { scale: number; low: number; high: number; coverage: number; score: number; method: string } | null;
}

export interface ProblemRow {
  file: string;
  line: number;
  severity: string;
  message: string;
}

export interface ChartView {
  kind: ViewKind;
  title: string;
  series: ChartSeries[];
  /** Every model family of the workspace, so a family gets the same colour in every view (see familyColours). */
  families?: string[];
  /** Said above the charts, e.g. why a sibling metric is missing. */
  note?: string;
  problems?: ProblemRow[];
  /** The report's tasks emergent in two or more families, each family's emergence scale. */
  thresholds?: ThresholdRow[];
}

/** The standalone report's embedded data. */
export interface ReportData {
  title: string;
  generated: string;
  inputs: string[];
  series: ChartSeries[];
  problems: ProblemRow[];
  /** Tasks emergent in two or more families: each family's emergence scale, as the report's table shows it. */
  thresholds?: ThresholdRow[];
}

/** One family of a task emergent in several, its cells written out (server/src/wire/threshold-rows.ts). */
export interface ThresholdRow {
  /** The family's series of the task, for its chart. */
  seriesId: string;
  task: string;
  family: string;
  params: string;
  flops: string;
  onset: string;
}
