// Outline of a results file (task → metric → model) and tasks across the workspace.
import { SymbolKind, type DocumentSymbol, type SymbolInformation } from 'vscode-languageserver/node';
import type { Observation, ReadResult } from '../core/types';
import type { AnalysisSnapshot } from './analysis-snapshot';
import { toRange } from './diagnostics';
import { plainText } from './markdown';
import { VERDICT_TEXT, verdictBadge } from '../core/verdict-text';
import { formatNumber, seriesQualifiers, taskName } from './series-text';

type Position = { line: number; character: number };
const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character < b.character);

/** Clients reject empty symbol names. */
const nameOf = (text: string) => plainText(text).trim() || '(unnamed)';

function group<T>(items: T[], by: (t: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = by(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

function enclosing(children: DocumentSymbol[]): DocumentSymbol['range'] {
  let start = children[0].range.start;
  let end = children[0].range.end;
  for (const c of children) {
    if (before(c.range.start, start)) start = c.range.start;
    if (before(end, c.range.end)) end = c.range.end;
  }
  return { start, end };
}

export function documentSymbols(result: ReadResult, snapshot: AnalysisSnapshot): DocumentSymbol[] {
  const byTask = group(result.observations, taskName);
  const tasks: DocumentSymbol[] = [];
  for (const [task, observations] of byTask) {
    const byMetric = group(observations, seriesQualifiers);
    const metrics: DocumentSymbol[] = [];
    for (const [metric, list] of byMetric) {
      const models = list.map((o) => modelSymbol(o, snapshot));
      const series = snapshot.seriesOf(list[0])?.series;
      metrics.push({ name: nameOf(metric), detail: series ? verdictBadge(series) : '', kind: SymbolKind.Property, range: enclosing(models), selectionRange: models[0].selectionRange, children: models });
    }
    const verdicts = [...new Set(metrics.map((m) => m.detail).filter(Boolean))];
    tasks.push({ name: nameOf(task), detail: verdicts.join(', '), kind: SymbolKind.Module, range: enclosing(metrics), selectionRange: metrics[0].selectionRange, children: metrics });
  }
  return tasks;
}

function modelSymbol(o: Observation, snapshot: AnalysisSnapshot): DocumentSymbol {
  const ref = snapshot.seriesOf(o);
  const range = toRange(o.range);
  return { name: nameOf(o.model.name), detail: `${formatNumber(o.score, 4)}${ref ? ` ${VERDICT_TEXT[ref.series.verdict].mark}` : ''}`, kind: SymbolKind.Number, range, selectionRange: range };
}

/** Flat symbols for clients without hierarchical outline support. */
export function flatSymbols(symbols: DocumentSymbol[], uri: string, container?: string): SymbolInformation[] {
  return symbols.flatMap((s) => [{ name: s.name, kind: s.kind, location: { uri, range: s.range }, containerName: container }, ...flatSymbols(s.children ?? [], uri, s.name)]);
}

const MAX_WORKSPACE_SYMBOLS = 500;

/** Case-insensitive subsequence match, as editors' symbol pickers do. */
function matches(query: string, name: string): boolean {
  let i = 0;
  const q = query.toLowerCase();
  const n = name.toLowerCase();
  for (const c of n) if (c === q[i]) i++;
  return i === q.length;
}

export function workspaceSymbols(query: string, snapshot: AnalysisSnapshot, toUri: (key: string) => string): SymbolInformation[] {
  const out: SymbolInformation[] = [];
  for (const s of snapshot.series) {
    const task = taskName(s);
    if (!matches(query, task) || s.points.length === 0) continue;
    const first = s.points[0].range;
    out.push({
      name: nameOf(task),
      kind: SymbolKind.Module,
      location: { uri: toUri(first.file), range: toRange(first) },
      containerName: plainText(`${seriesQualifiers(s)} · ${s.family} · ${verdictBadge(s)}`),
    });
    if (out.length >= MAX_WORKSPACE_SYMBOLS) break;
  }
  return out;
}
