// emergence-lens backtest: how well the forecasts of emergence would have done on these results (see
// server/src/core/forecast/backtest.ts), as a table or as the documented JSON document.
import type { Thresholds } from '../../server/src/core/config';
import { formatCount, seriesLabel, taskLabel } from '../../server/src/core/format';
import { backtest, type BacktestRow, type BacktestSummary } from '../../server/src/core/forecast/backtest';
import { MAX_REACH_DECADES } from '../../server/src/core/forecast/forecast';
import { INTERVAL_COVERAGE, METHOD_LABEL } from '../../server/src/core/forecast/types';
import type { SeriesResult } from '../../server/src/core/results';
import { alignColumns } from './report';

const PERCENT = `${Math.round(100 * INTERVAL_COVERAGE)} %`;

export function backtestJson(series: readonly SeriesResult[], t: Thresholds): unknown {
  const { rows, summary, byMethod } = backtest(series, t);
  const brief = (s: BacktestSummary) => ({ series: s.series, medianErrorDecades: s.medianErrorDecades, coverage: s.coverage });
  return {
    backtests: rows.map((r) => ({
      task: taskLabel(r.series),
      metric: r.series.metric,
      family: r.series.family,
      // What tells apart rows of one task, metric and family: the filter (a per-sample re-score among them) and shots.
      filter: r.series.filter ?? null,
      shots: r.series.shots ?? null,
      fromSamples: r.series.fromSamples ?? false,
      actual: { params: r.actual },
      predicted: r.forecast ? { params: r.forecast.scale.value, low: r.forecast.scale.low, high: r.forecast.scale.high } : null,
      method: r.forecast?.method ?? null,
      errorDecades: r.errorDecades,
      covered: r.covered,
    })),
    summary: brief(summary),
    // The same summary over each method's forecasts alone (series: those it forecast), by method id.
    byMethod: Object.fromEntries([...byMethod].map(([method, s]) => [method, brief(s)])),
  };
}

/** Signed to two decimals; what rounds to zero is written without a sign. */
const decades = (v: number): string => (Math.abs(v) < 0.005 ? '0.00' : `${v > 0 ? '+' : '−'}${Math.abs(v).toFixed(2)}`);

function row(r: BacktestRow): string[] {
  const label = [seriesLabel(r.series), r.series.metric, r.series.family, formatCount(r.actual)];
  const f = r.forecast;
  if (!f) return [...label, '—', '—', '', '', r.none.map((n) => `${METHOD_LABEL[n.method]}: ${n.why}`).join('; ')];
  return [...label, METHOD_LABEL[f.method], `${formatCount(f.scale.value)} (${formatCount(f.scale.low)}–${formatCount(f.scale.high)})`, decades(r.errorDecades!), r.covered ? 'yes' : 'no', ''];
}

function summaryLine(name: string, s: BacktestSummary): string {
  if (!s.forecasts) return `${name}: no forecast over ${s.series} emergent series.`;
  return `${name}: ${s.forecasts} forecast${s.forecasts === 1 ? '' : 's'} over ${s.series} emergent series; median error ${s.medianErrorDecades!.toFixed(2)} decades; the ${PERCENT} interval held the actual scale in ${s.forecasts === 1 ? '' : `${Math.round(100 * s.coverage!)} % (`}${Math.round(s.coverage! * s.forecasts)} of ${s.forecasts}${s.forecasts === 1 ? '' : ')'}.`;
}

export function backtestTable(series: readonly SeriesResult[], t: Thresholds): string {
  const { rows, summary, byMethod } = backtest(series, t);
  if (!rows.length) return 'No emergent series of model sizes to backtest.';
  const out = alignColumns(['task', 'metric', 'family', 'actual', 'method', `predicted (${PERCENT} interval)`, 'error', 'covered', 'no forecast because'], rows.map(row));
  out.push('', summaryLine('All methods', summary));
  for (const [method, s] of byMethod) out.push(summaryLine(`  ${METHOD_LABEL[method]}`, s));
  out.push(
    `Each emergent series is forecast from its models below the emergence point only. actual = where the hidden models put the crossing of ${+(100 * t.minGain).toFixed(1)} % of the baseline-to-ceiling range (interpolated); error = log10(predicted / actual) in decades; no forecast past ${MAX_REACH_DECADES} decades beyond the largest model used.`,
  );
  return out.join('\n');
}
