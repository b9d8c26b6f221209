// The emergenceLens/* requests of protocol.ts, used by the client's Explorer view, charts and commands.
import { verdictBadge } from '../core/verdict-text';
import type { ListSeriesResult, SeriesAtParams, SeriesAtResult, SeriesSummary } from '../protocol';
import type { SeriesResult } from '../core/results';
import type { AnalysisSnapshot } from './analysis-snapshot';

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

/** Series with a result on the line; on a line just above results (a task's name), the ones right below. */
export function seriesAt(params: SeriesAtParams, key: string, snapshot: AnalysisSnapshot): SeriesAtResult {
  for (let line = params.line; line <= params.line + 2; line++) {
    const refs = snapshot.at(key, line);
    if (refs.length) return [...new Set(refs.map((r) => r.series.id))];
  }
  return [];
}
