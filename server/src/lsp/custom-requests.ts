// The emergenceLens/* requests of protocol.ts, used by the client's Explorer view, charts and commands.
import { verdictBadge } from '../core/verdict-text';
import { parseRequest, type ChartViewResult, type ListSeriesResult, type SeriesAtParams, type SeriesAtResult, type SeriesData, type SeriesSummary } from '../protocol';
import type { SeriesResult } from '../core/results';
import type { Thresholds } from '../core/config';
import type { AnalysisSnapshot } from './analysis-snapshot';
import { buildView } from './chart-view';
import { pointScore, seriesKey } from '../wire/chart-series';

export function listSeries(snapshot: AnalysisSnapshot, toUri: (key: string) => string): ListSeriesResult {
  return snapshot.series.filter((s) => s.points.length > 0).map((s) => seriesSummary(s, toUri(s.points[0].range.file)));
}

/** What the Explorer view and quick picks show of a series; `uri` is the file of its first point. */
export function seriesSummary(s: SeriesResult, uri: string): SeriesSummary {
  return {
    id: s.id,
    task: s.task,
    subtask: s.subtask,
    metric: s.metric,
    family: s.family,
    shots: s.shots,
    prompting: s.prompting,
    verdict: s.verdict,
    verdictLabel: verdictBadge(s),
    reason: s.reason,
    breakthroughness: s.breakthroughness,
    uri,
    line: s.points[0].range.line,
  };
}

/** The series as getSeries sends it. */
export function seriesData(s: SeriesResult): SeriesData {
  return {
    id: s.id,
    ...seriesKey(s),
    xAxis: s.xAxis,
    verdict: s.verdict,
    baseline: s.baseline && { value: s.baseline.value },
    points: s.points.map((p) => ({
      model: { name: p.model.name, params: p.model.params, tokens: p.model.tokens, flops: p.model.flops, step: p.model.step },
      x: p.x,
      ...pointScore(p),
      range: { file: p.range.file, line: p.range.line },
    })),
  };
}

/**
 * The chart view asked for, from one snapshot throughout; null for a malformed request. Each series carries the
 * forecast the hover states (which may need the whole workspace), not only its family's.
 */
export async function chartView(params: unknown, snapshot: AnalysisSnapshot, toUri: (key: string) => string, t: Thresholds): Promise<ChartViewResult> {
  const request = parseRequest(params);
  if (!request) return null;
  const getSeries = async (id: string) => {
    const s = snapshot.byId.get(id);
    const forecast = s && snapshot.chartForecast(s, t);
    return s && forecast !== s.forecast ? { ...s, forecast } : (s ?? null);
  };
  return buildView(request, { listSeries: async () => listSeries(snapshot, toUri), getSeries });
}

/** Series with a result on the line; on a line just above results (a task's name), the ones right below. */
export function seriesAt(params: SeriesAtParams, key: string, snapshot: AnalysisSnapshot): SeriesAtResult {
  for (let line = params.line; line <= params.line + 2; line++) {
    const refs = snapshot.at(key, line);
    if (refs.length) return [...new Set(refs.map((r) => r.series.id))];
  }
  return [];
}
