// The hover's forecast line: for an emergent series, how its forecast from the smaller models did and how such
// forecasts did on the whole workspace (the backtest); for a series still at chance, where it is forecast to emerge.
import type { Thresholds } from '../core/config';
import { backtestable } from '../core/forecast/backtest';
import { forecastSeries, stillAtChance } from '../core/forecast/forecast';
import { METHOD_LABEL, type MethodForecast } from '../core/forecast/types';
import { formatScale } from '../core/format';
import type { SeriesAxis, SeriesResult } from '../core/results';
import type { AnalysisSnapshot } from './analysis-snapshot';
import { escapeMarkdown as md, escapeText as text } from './markdown';
import { formatNumber } from './series-text';

const scaleOf = (f: MethodForecast, axis: SeriesAxis): string => `${formatScale(f.scale.value, axis)} (${formatScale(f.scale.low, axis)}–${formatScale(f.scale.high, axis)})`;

/** A threshold loss depends on corpus, tokenizer and architecture (Du et al. 2024): it holds for one family. */
const WITHIN_FAMILY = ' (a threshold loss holds within this family only)';

/** One line, or null for series where a forecast says nothing (smooth, saturated, too little data...). */
export function forecastLine(s: SeriesResult, snapshot: AnalysisSnapshot, t: Thresholds): string | null {
  if (backtestable(s)) return backtestLine(s, snapshot, t);
  if (!stillAtChance(s)) return null;
  const { forecasts, none } = forecastSeries(s, snapshot.forecasting(t).drivers, t);
  if (!forecasts.length) return `**Forecast**: ${text(none[0].why.startsWith('no forecast') ? none[0].why : `none: ${none[0].why}`)}.`;
  // Every method that gives one, each with its own interval: where they disagree, the spread is worth seeing.
  const each = forecasts.map((f) => `at ${scaleOf(f, s.xAxis)} by the ${METHOD_LABEL[f.method]} on ${md(f.driver.seriesId ? f.driver.metric : f.driver.task)}${linkNote(f)}${f.method === 'loss-threshold' ? WITHIN_FAMILY : ''}, from ${f.models} models`);
  return `**Forecast**: ${formatNumber(100 * t.minGain, 2)} % of the range ${each.join('; ')}.`;
}

/**
 * The chain's link where it is not a plain p^k of this family: a sigmoid (which fitted its models better), or one
 * fitted with other families' models, since this family's scores alone could not give it (whose, then).
 */
function linkNote(f: MethodForecast): string {
  if (f.method !== 'continuous-chain') return '';
  const what = f.link.kind === 'steps' ? `step count k ≈ ${formatNumber(f.link.k, 2)}` : 'sigmoid link';
  if (f.link.pooledFrom) return ` (${what} fitted with ${md(f.link.pooledFrom.join(', '))} too, where the score left 0)`;
  return f.link.kind === 'logistic' ? ' (through a sigmoid link, which fits these models better than p^k)' : '';
}

function backtestLine(s: SeriesResult, snapshot: AnalysisSnapshot, t: Thresholds): string {
  const { rows, summary } = snapshot.forecasting(t).backtest;
  const mine = rows.filter((r) => r.series.id === s.id);
  const hidden = formatScale(s.emergence!.firstAbove.x, s.xAxis);
  const made = mine.find((r) => r.forecast);
  const here = made
    ? `from the models below ${hidden} the ${METHOD_LABEL[made.forecast!.method]} put it at ${scaleOf(made.forecast!, s.xAxis)}, measured ${formatScale(made.actual, s.xAxis)}`
    : `none from the models below ${hidden} (${text(mine[0]?.none[0]?.why ?? '')})`;
  const workspace = summary.forecasts ? `; on this workspace such forecasts erred by a median ${formatNumber(summary.medianErrorDecades!, 2)} decades, ${Math.round(summary.coverage! * summary.forecasts)} of ${summary.forecasts} intervals held` : '';
  return `**Forecast** (backtest): ${here}${workspace}.`;
}
