// The backtest: for every emergent series, hide the models from the emergence point up, forecast from the rest and
// compare with where the hidden models put the emergence — how predictable emergence was on these results.
import { median } from 'simple-statistics';
import type { Thresholds } from '../config';
import type { SeriesResult } from '../results';
import { driverIndex } from './drivers';
import { forecastSeries } from './forecast';
import type { ForecastMethod, MethodForecast, NoForecast } from './types';

export interface BacktestRow {
  series: SeriesResult;
  /** Where the measured curve crosses the level (see emergenceCrossing). */
  actual: number;
  /** Null when no method could forecast; `none` then says why for each. */
  forecast: MethodForecast | null;
  none: NoForecast[];
  /** log10(predicted / actual): positive when the forecast was too late. */
  errorDecades: number | null;
  covered: boolean | null;
}

export interface BacktestSummary {
  series: number;
  forecasts: number;
  /** Median of |errorDecades| over the forecasts; null without any. */
  medianErrorDecades: number | null;
  /** Share of forecasts whose interval held the actual scale; null without any. */
  coverage: number | null;
}

export interface Backtest {
  rows: BacktestRow[];
  summary: BacktestSummary;
  byMethod: Map<ForecastMethod, BacktestSummary>;
}

/** logit of a normalised score, kept finite: a score of 0 sits at 1 in 10,000. */
const logitOf = (z: number): number => {
  const p = Math.min(1 - 1e-4, Math.max(1e-4, z));
  return Math.log(p / (1 - p));
};

/**
 * The scale at which an emergent curve reaches `level`: interpolated between the last model below the level and
 * the first clearly above chance, on the logit of the score against log scale (where a sigmoidal rise is a line),
 * so a forecast is judged against a scale, not against the next model size.
 */
export function emergenceCrossing(s: SeriesResult, level: number): number {
  const j = s.points.indexOf(s.emergence!.firstAbove);
  const [a, b] = [s.points[j - 1], s.points[j]];
  const [ua, ub] = [Math.log10(a.x), Math.log10(b.x)];
  const [la, lb] = [logitOf(a.normalized), logitOf(b.normalized)];
  const f = lb > la ? Math.min(1, Math.max(0, (logitOf(level) - la) / (lb - la))) : 1;
  return 10 ** (ua + f * (ub - ua));
}

/** Emergent series of model sizes (checkpoint sweeps and FLOPs axes aside: the actual scale is in parameters). */
export function backtestable(s: SeriesResult): boolean {
  return s.verdict === 'emergent' && !s.checkpointSweep && s.xAxis === 'params' && s.emergence !== null;
}

export function summarise(rows: readonly BacktestRow[]): BacktestSummary {
  const made = rows.filter((r) => r.errorDecades !== null);
  return {
    series: new Set(rows.map((r) => r.series.id)).size,
    forecasts: made.length,
    medianErrorDecades: made.length ? median(made.map((r) => Math.abs(r.errorDecades!))) : null,
    coverage: made.length ? made.filter((r) => r.covered).length / made.length : null,
  };
}

/** One row per method that forecast each emergent series, or one row saying why none could. */
export function backtest(all: readonly SeriesResult[], t: Thresholds): Backtest {
  const index = driverIndex(all);
  const rows: BacktestRow[] = [];
  for (const s of all.filter(backtestable)) {
    const hidden = s.points.indexOf(s.emergence!.firstAbove);
    const actual = emergenceCrossing(s, t.minGain);
    const { forecasts, none } = forecastSeries(s, index, t, hidden);
    if (!forecasts.length) rows.push({ series: s, actual, forecast: null, none, errorDecades: null, covered: null });
    for (const f of forecasts) {
      rows.push({ series: s, actual, forecast: f, none: [], errorDecades: Math.log10(f.scale.value / actual), covered: f.scale.low <= actual && actual <= f.scale.high });
    }
  }
  const byMethod = new Map<ForecastMethod, BacktestSummary>();
  for (const method of new Set(rows.flatMap((r) => (r.forecast ? [r.forecast.method] : [])))) byMethod.set(method, summarise(rows.filter((r) => r.forecast?.method === method)));
  return { rows, summary: summarise(rows), byMethod };
}
