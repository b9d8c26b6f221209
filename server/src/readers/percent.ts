// Percent or fraction, decided per metric within a file: the same file can hold both (lm-eval v0.3 writes SQuAD 2.0's
// exact and F1 as 0–100 beside accuracies as 0–1), so neither a per-file rule nor one value alone can tell.
import { metricInfo } from '../core/metrics';
import type { Observation } from '../core/types';

/** Metrics a harness writes as percentages whatever their values (a 0.43 % exact match is still 0.43). */
const KNOWN_PERCENT: { task: RegExp; metric: RegExp }[] = [{ task: /^squad_?v?2/i, metric: /^(exact|f1|HasAns_exact|HasAns_f1|NoAns_exact|NoAns_f1|best_exact|best_f1)$/ }];

/** Metrics whose natural range tops out at 1 (accuracies…), or is unknown when `unknownToo`. */
function isFractionMetric(metric: string, unknownToo: boolean): boolean {
  const info = metricInfo(metric);
  if (info.range) return info.range[1] === 1;
  return unknownToo && info.metricClass === 'unknown';
}

const knownPercent = (o: Observation) => KNOWN_PERCENT.some((k) => k.task.test(o.task) && k.metric.test(o.metric));

/**
 * Converts the metrics written in percent to fractions, in place, and records why on each observation
 * (`percent`): the metric is known to be written so, or its values in this file run past 1 and stay within 100.
 * Judging by values takes a metric known to be a fraction (an accuracy), or any metric when `unknownToo` (a table's
 * score column); lm-eval's own unknown metrics, such as CrowS-Pairs' likelihood_difference, run past 1 by nature.
 * Observations are judged in groups of one metric (`groupOf`; a wide table's column).
 */
export function percentToFractions(observations: readonly Observation[], { unknownToo = false, groupOf = (o: Observation) => o.metric } = {}): void {
  const byGroup = new Map<string, Observation[]>();
  for (const o of observations) {
    const key = groupOf(o);
    const group = byGroup.get(key);
    if (group) group.push(o);
    else byGroup.set(key, [o]);
  }
  for (const group of byGroup.values()) {
    const metric = group[0].metric;
    const known = group.filter(knownPercent);
    for (const o of known) scale(o, 'name');
    if (known.length === group.length || !isFractionMetric(metric, unknownToo)) continue;
    const rest = known.length ? group.filter((o) => !knownPercent(o)) : group;
    // Per metric name, so a BLEU or perplexity column next to accuracies keeps its own units.
    if (rest.some((o) => o.score > 1.5) && rest.every((o) => o.score <= 100)) for (const o of rest) scale(o, 'values');
  }
}

function scale(o: Observation, why: NonNullable<Observation['percent']>): void {
  o.score /= 100;
  if (o.stderr !== undefined) o.stderr /= 100;
  if (o.baseline !== undefined) o.baseline /= 100;
  if (o.ceiling !== undefined) o.ceiling /= 100;
  o.percent = why;
}
