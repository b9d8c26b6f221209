// The message contract between the extension host and the chart webview, as typed unions (after vscode-dvc's
// contract.ts). The webview is untrusted input for the host: parseWebviewMessage checks every field before use.
import { MAX_SERIES_ID, parseRequest, type ChartView, type ScaleAxis, type ViewRequest } from '../../server/src/protocol';

export type ExportFormat = 'svg' | 'png';

/** What a panel shows, kept in the webview state so the host can rebuild the view after a reload. */
export interface WebviewState {
  request?: ViewRequest;
  axis?: ScaleAxis;
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
const MAX_MESSAGE = 2000;
const MAX_EXPORT_CHARS = 64 * 1024 * 1024;
const MAX_PIXELS = 20000;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

type Fields = Record<string, unknown>;
const isObject = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown, max: number): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;
const isCount = (v: unknown, max: number): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= max;
const isAxis = (v: unknown): v is ScaleAxis => AXES.includes(v as ScaleAxis);

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
      return (v.kind === 'series' || v.kind === 'compare') && isString(v.seriesId, MAX_SERIES_ID) ? { type: 'plot', kind: v.kind, seriesId: v.seriesId } : null;
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
