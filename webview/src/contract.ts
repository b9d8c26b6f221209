// The message contract between the extension host and the chart webview, as typed unions (after vscode-dvc's
// contract.ts). The webview is untrusted input for the host: parseWebviewMessage checks every field before use.
import type { SeriesAxis, SeriesKey, ValueSource, Verdict } from '../../server/src/core/results';

/** A series' own axis, or the loss of its models (emergent series whose family has one). */
export type ScaleAxis = SeriesAxis | 'loss';
export type ExportFormat = 'svg' | 'png';
export type ViewKind = 'series' | 'emergent' | 'compare' | 'report';

/** One model's score, flattened from SeriesPoint for the chart. Lines are 0-based as in SourceRange. */
export interface ChartPoint {
  model: string;
  params?: number;
  flops?: number;
  tokens?: number;
  step?: number;
  /** The model's loss (ChartSeries.lossAxis names it). */
  loss?: number;
  score: number;
  stderr: number;
  stderrSource: 'file' | 'binomial' | 'default';
  n?: number;
  normalized: number;
  aboveChance: boolean;
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
  /** A series still at chance: the scale (90 % interval) at which it is forecast to reach `score`, and by what. */
  forecast: { scale: number; low: number; high: number; score: number; method: string } | null;
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
}

/** What a panel shows, kept in the webview state so the host can rebuild the view after a reload. */
export type ViewRequest = { kind: 'series'; id: string } | { kind: 'compare'; id: string } | { kind: 'emergent' } | { kind: 'report' };

export interface WebviewState {
  request?: ViewRequest;
  axis?: ScaleAxis;
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

/** One family of a task emergent in several, its cells written out (cli/src/thresholds.ts). */
export interface ThresholdRow {
  task: string;
  family: string;
  params: string;
  flops: string;
  onset: string;
}

export type HostMessage = { type: 'view'; view: ChartView; request: ViewRequest } | { type: 'export'; format: ExportFormat };

export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'open'; file: string; line: number }
  | { type: 'plot'; kind: 'series' | 'compare'; seriesId: string }
  | { type: 'exported'; format: 'svg'; data: string; width: number; height: number }
  | { type: 'exported'; format: 'png'; data: string; width: number; height: number }
  | { type: 'error'; message: string };

export const AXES: readonly ScaleAxis[] = ['params', 'flops', 'tokens', 'steps', 'loss'];

const MAX_PATH = 4096;
const MAX_ID = 2048;
const MAX_MESSAGE = 2000;
const MAX_EXPORT_CHARS = 64 * 1024 * 1024;
const MAX_PIXELS = 20000;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

type Fields = Record<string, unknown>;
const isObject = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown, max: number): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;
const isCount = (v: unknown, max: number): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= max;
const isAxis = (v: unknown): v is ScaleAxis => AXES.includes(v as ScaleAxis);

export function parseRequest(v: unknown): ViewRequest | null {
  if (!isObject(v)) return null;
  if (v.kind === 'emergent' || v.kind === 'report') return { kind: v.kind };
  if ((v.kind === 'series' || v.kind === 'compare') && isString(v.id, MAX_ID)) return { kind: v.kind, id: v.id };
  return null;
}

export function parseState(v: unknown): WebviewState {
  if (!isObject(v)) return {};
  const state: WebviewState = {};
  const request = parseRequest(v.request);
  if (request) state.request = request;
  if (isAxis(v.axis)) state.axis = v.axis;
  return state;
}

function parseExport(v: Fields): WebviewMessage | null {
  if (!isCount(v.width, MAX_PIXELS) || !isCount(v.height, MAX_PIXELS) || !isString(v.data, MAX_EXPORT_CHARS)) return null;
  const { width, height, data } = v;
  if (v.format === 'svg') return /^\s*<svg[\s>]/.test(data) ? { type: 'exported', format: 'svg', data, width, height } : null;
  if (v.format === 'png') return BASE64.test(data) ? { type: 'exported', format: 'png', data, width, height } : null;
  return null;
}

/** Returns the message with only the known fields, or null for anything malformed. */
export function parseWebviewMessage(v: unknown): WebviewMessage | null {
  if (!isObject(v)) return null;
  switch (v.type) {
    case 'ready':
      return { type: 'ready' };
    case 'open':
      return isString(v.file, MAX_PATH) && isCount(v.line, 10_000_000) ? { type: 'open', file: v.file, line: v.line } : null;
    case 'plot':
      return (v.kind === 'series' || v.kind === 'compare') && isString(v.seriesId, MAX_ID) ? { type: 'plot', kind: v.kind, seriesId: v.seriesId } : null;
    case 'exported':
      return parseExport(v);
    case 'error':
      return isString(v.message, MAX_MESSAGE) ? { type: 'error', message: v.message } : null;
    default:
      return null;
  }
}

/** The host is trusted; this only keeps a stray postMessage from another frame from being taken for it. */
export function parseHostMessage(v: unknown): HostMessage | null {
  if (!isObject(v)) return null;
  if (v.type === 'export') return v.format === 'svg' || v.format === 'png' ? { type: 'export', format: v.format } : null;
  if (v.type !== 'view' || !isObject(v.view) || !Array.isArray(v.view.series)) return null;
  const request = parseRequest(v.request);
  return request ? { type: 'view', view: v.view as unknown as ChartView, request } : null;
}
