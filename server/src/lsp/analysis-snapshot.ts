// The analysis of the whole index at one moment, with the lookups every request needs (series by id, results
// by file and line). Built lazily and per file: after an edit only the files a request asks about are looked at.
import type { Thresholds } from '../core/config';
import { backtest, type Backtest } from '../core/forecast/backtest';
import { driverIndex, type DriverIndex } from '../core/forecast/drivers';
import { AnalysisHost, type Analysis, type PointRef } from '../core/analysis-host';
import { attentionRank, type ForecastMark, type SeriesPoint, type SeriesResult } from '../core/results';
import { chartForecast } from '../core/forecast/forecast';
import type { Observation, Problem } from '../core/types';

export interface FileAnalysis {
  /** The file's points, group by group as the analysis lists them. */
  points: PointRef[];
  /**
   * The same points ordered by 0-based line (in list order within a line), looked up by bisection: one array per
   * file rather than one per line keeps a large workspace's lookups small.
   */
  byLine: PointRef[];
  /** Analysis problems (duplicates, unscaled models) located in this file. */
  problems: Problem[];
}

const EMPTY = new AnalysisHost().analysis;

/** What the forecasts of one snapshot share, for one set of thresholds. */
interface ForecastCache {
  key: string;
  drivers: DriverIndex;
  marks: Map<string, ForecastMark | undefined>;
  backtest?: Backtest;
}

export class AnalysisSnapshot {
  private readonly files = new Map<string, FileAnalysis | undefined>();
  private forecasts: ForecastCache | undefined;

  constructor(
    readonly analysis: Analysis,
    readonly elapsedMs: number,
  ) {}

  static empty(): AnalysisSnapshot {
    return new AnalysisSnapshot(EMPTY, 0);
  }

  get series(): readonly SeriesResult[] {
    return this.analysis.series();
  }

  /**
   * The workspace's forecast drivers and backtest for the hover, made at the first request that needs them (the
   * backtest at the first that reads it) and kept for the snapshot.
   */
  forecasting(t: Thresholds): { readonly drivers: DriverIndex; readonly backtest: Backtest } {
    const cache = this.forecastCache(t);
    const series = this.series;
    return {
      drivers: cache.drivers,
      get backtest() {
        return (cache.backtest ??= backtest(series, t));
      },
    };
  }

  /** The forecast a chart of `s` draws (chartForecast), worked out once per snapshot. */
  chartForecast(s: SeriesResult, t: Thresholds): ForecastMark | undefined {
    const { drivers, marks } = this.forecastCache(t);
    if (!marks.has(s.id)) marks.set(s.id, chartForecast(s, drivers, t));
    return marks.get(s.id);
  }

  private forecastCache(t: Thresholds): ForecastCache {
    const key = `${t.minGain}|${t.significance}`;
    if (this.forecasts?.key !== key) this.forecasts = { key, drivers: driverIndex(this.series), marks: new Map() };
    return this.forecasts;
  }

  get byId(): ReadonlyMap<string, SeriesResult> {
    return this.analysis.byId;
  }

  forFile(key: string): FileAnalysis | undefined {
    if (this.files.has(key)) return this.files.get(key);
    let file: FileAnalysis | undefined;
    for (const group of this.analysis.groupsOf(key)) {
      const points = group.pointsByFile.get(key) ?? [];
      const problems = group.problemsByFile.get(key) ?? [];
      if (!points.length && !problems.length) continue;
      file ??= { points: [], byLine: [], problems: [] };
      for (const ref of points) file.points.push(ref);
      for (const p of problems) file.problems.push(p);
    }
    // Array.prototype.sort is stable: points of one line stay in list order.
    if (file) file.byLine = [...file.points].sort((a, b) => a.point.range.line - b.point.range.line);
    this.files.set(key, file);
    return file;
  }

  /** The points on one line of a file, in list order. */
  private onLine(key: string, line: number): PointRef[] {
    const sorted = this.forFile(key)?.byLine ?? [];
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (sorted[mid].point.range.line < line) low = mid + 1;
      else high = mid;
    }
    let end = low;
    while (end < sorted.length && sorted[end].point.range.line === line) end++;
    return sorted.slice(low, end);
  }

  /** Points on a line, emergent series first (they are what the user came for). */
  at(key: string, line: number): PointRef[] {
    return this.onLine(key, line).sort((a, b) => attentionRank(a.series.verdict) - attentionRank(b.series.verdict));
  }

  /** Series with a point in the file, each once, in order of first appearance. */
  seriesInFile(key: string): { series: SeriesResult; first: SeriesPoint }[] {
    const seen = new Map<string, { series: SeriesResult; first: SeriesPoint }>();
    const refs = [...(this.forFile(key)?.points ?? [])].sort((a, b) => a.point.range.line - b.point.range.line || a.point.range.character - b.point.range.character);
    for (const ref of refs) if (!seen.has(ref.series.id)) seen.set(ref.series.id, { series: ref.series, first: ref.point });
    return [...seen.values()];
  }

  /** The series an observation belongs to (same place in the same file). */
  seriesOf(o: Observation): PointRef | undefined {
    return this.onLine(o.range.file, o.range.line).find((r) => r.point.range.character === o.range.character);
  }
}
