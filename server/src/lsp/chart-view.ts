// emergenceLens/chartView: what a chart panel or the report shows, built from the index in one answer. Reads series
// through a SeriesSource, so it is tested over fixed results.
import type { SeriesResult } from '../core/results';
import { shownAsEmergent, type ChartSeries, type ChartView, type SeriesSummary, type ViewRequest } from '../protocol';
import { seriesLabel } from '../core/format';
import { toChartSeries } from '../wire/chart-series';
import { rowsOf, thresholdRows } from '../wire/threshold-rows';
import { thresholdsAcrossFamilies } from '../core/family-thresholds';

export interface SeriesSource {
  listSeries(): Promise<SeriesSummary[]>;
  getSeries(id: string): Promise<SeriesResult | null>;
}

/** getSeries for many ids, dropping ids without a series. */
async function fetchSeries(source: SeriesSource, ids: string[]): Promise<SeriesResult[]> {
  return (await Promise.all(ids.map((id) => source.getSeries(id)))).filter((s): s is SeriesResult => s !== null);
}

const GONE = 'This series is no longer in the workspace index: the file may have changed or been removed.';

/** The same task, metric, filter, shots and prompting in other model families, drawn in one chart. */
async function otherFamilies(source: SeriesSource, main: SeriesResult): Promise<SeriesResult[]> {
  const candidates = (await source.listSeries()).filter(
    (s) => s.id !== main.id && s.task === main.task && s.subtask === main.subtask && s.metric === main.metric && s.shots === main.shots && s.prompting === main.prompting,
  );
  const full = await fetchSeries(source, candidates.map((s) => s.id));
  return full.filter((s) => s.filter === main.filter && s.checkpointSweep === main.checkpointSweep && s.family !== main.family);
}

/** The same task run with and without a prompting technique: the other run of the pair, if any. */
async function techniquePair(source: SeriesSource, main: SeriesResult): Promise<SeriesResult | null> {
  if (main.technique) return source.getSeries(main.technique.withoutSeries);
  const candidates = (await source.listSeries()).filter(
    (s) => s.id !== main.id && s.task === main.task && s.subtask === main.subtask && s.metric === main.metric && s.family === main.family,
  );
  const full = await fetchSeries(source, candidates.map((s) => s.id));
  return full.find((s) => s.technique?.withoutSeries === main.id) ?? null;
}

/** The discontinuous metric first: it is the one whose jump the others are compared against, and gets the multi-step panel. */
function compareOrder(series: SeriesResult[]): SeriesResult[] {
  return [...series.filter((s) => s.metricFlaw.discontinuous), ...series.filter((s) => !s.metricFlaw.discontinuous)];
}

function compareNote(series: ChartSeries[]): string | undefined {
  const notes: string[] = [];
  if (series.filter((s) => s.task === series[0]?.task).length < 2) notes.push('No other metric was recorded for this task and these models, so there is no metric to compare with.');
  if (!series[0]?.multiStep) notes.push('No multi-step view: it needs an all-or-nothing metric and a known random baseline.');
  return notes.length ? notes.join(' ') : undefined;
}

/** Breakthroughness, largest first; emergent before possibly emergent. */
const byEvidence = (a: SeriesResult, b: SeriesResult): number =>
  Number(a.verdict !== 'emergent') - Number(b.verdict !== 'emergent') || (b.breakthroughness ?? -Infinity) - (a.breakthroughness ?? -Infinity);

function emergentTitle(series: ChartSeries[]): string {
  const possibly = series.filter((s) => s.verdict === 'possibly-emergent').length;
  return `Emergent tasks (${series.length - possibly}${possibly ? `, and ${possibly} possibly emergent` : ''})`;
}

/** A view with the workspace's families, so each family keeps its colour whatever the view shows. */
async function withFamilies(view: ChartView, source: SeriesSource): Promise<ChartView> {
  const families = [...new Set((await source.listSeries()).map((s) => s.family))];
  return { ...view, families };
}

export async function buildView(request: ViewRequest, source: SeriesSource): Promise<ChartView> {
  return withFamilies(await seriesView(request, source), source);
}

async function seriesView(request: ViewRequest, source: SeriesSource): Promise<ChartView> {
  switch (request.kind) {
    case 'series': {
      const main = await source.getSeries(request.id);
      if (!main) return { kind: 'series', title: 'Scaling curve', series: [], note: GONE };
      const pair = await techniquePair(source, main);
      const series = [main, ...(pair ? [pair] : []), ...(await otherFamilies(source, main))].map(toChartSeries);
      const technique = main.technique ?? pair?.technique;
      const title = technique ? `Scaling curve: ${seriesLabel(main)}, with and without ${technique.technique}` : `Scaling curve: ${seriesLabel(main)}`;
      return { kind: 'series', title, series };
    }
    case 'compare': {
      const main = await source.getSeries(request.id);
      if (!main) return { kind: 'compare', title: 'Compare metrics', series: [], note: GONE };
      const siblings = await fetchSeries(source, main.metricFlaw.siblings.map((s) => s.seriesId));
      // A same-task loss (perplexity) is also a sibling metric: charted once.
      const siblingIds = new Set(main.metricFlaw.siblings.map((s) => s.seriesId));
      const losses = await fetchSeries(source, (main.lossSeries ?? []).map((l) => l.seriesId).filter((id) => !siblingIds.has(id)));
      const series = [...compareOrder([main, ...siblings]), ...losses].map(toChartSeries);
      return { kind: 'compare', title: `Compare metrics: ${seriesLabel(main)}`, series, note: compareNote(series) };
    }
    case 'emergent': {
      const ids = (await source.listSeries()).filter((s) => shownAsEmergent(s.verdict)).map((s) => s.id);
      const series = (await fetchSeries(source, ids)).sort(byEvidence).map(toChartSeries);
      return { kind: 'emergent', title: emergentTitle(series), series };
    }
    case 'thresholds': {
      // Only emergent series can be in the table: fetching those alone keeps the request small on big workspaces.
      const ids = (await source.listSeries()).filter((s) => s.verdict === 'emergent').map((s) => s.id);
      const tasks = thresholdsAcrossFamilies(await fetchSeries(source, ids));
      const series = tasks.flatMap((t) => t.families.map((f) => toChartSeries(f.series)));
      return { kind: 'thresholds', title: `Thresholds across families (${tasks.length} task${tasks.length === 1 ? '' : 's'})`, series, thresholds: rowsOf(tasks) };
    }
    case 'report': {
      const ids = (await source.listSeries()).map((s) => s.id);
      const all = await fetchSeries(source, ids);
      return { kind: 'report', title: 'Emergence report', series: all.map(toChartSeries), thresholds: thresholdRows(all) };
    }
  }
}
