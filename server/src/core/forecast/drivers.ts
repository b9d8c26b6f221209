// The smooth quantities a forecast extrapolates, read off other series of the same models: a graded metric of the
// same task (the continuous-metric chain) and a language-modelling loss (the loss threshold).
import { lossCandidates, lossSeries } from '../explain';
import type { SeriesResult } from '../results';

/** A driver's value and standard error at each model, by model name. */
export interface Driver {
  series: SeriesResult;
  at: Map<string, { value: number; se: number }>;
}

/** What every forecast of one analysis shares: series by id and the loss-like series, found once. */
export interface DriverIndex {
  byId: ReadonlyMap<string, SeriesResult>;
  losses: SeriesResult[];
}

export function driverIndex(all: readonly SeriesResult[]): DriverIndex {
  return { byId: new Map(all.map((s) => [s.id, s])), losses: lossCandidates([...all]) };
}

/**
 * The graded metric of the same task and runs, on its normalised scale (0 = chance or the smallest model, 1 = the
 * best possible), read as a per-step success. Metrics re-scored from the outputs first, as in the hover.
 */
export function gradedDriver(s: SeriesResult, index: DriverIndex): Driver | undefined {
  const graded = s.metricFlaw.siblings.filter((g) => g.continuous);
  const ordered = [...graded.filter((g) => g.fromSamples), ...graded.filter((g) => !g.fromSamples)];
  for (const g of ordered) {
    const other = index.byId.get(g.seriesId);
    if (other) return { series: other, at: new Map(other.points.map((p) => [p.model.name, { value: p.normalized, se: p.normalizedStderr }])) };
  }
  return undefined;
}

/**
 * A language-modelling loss of the same family (Du et al. 2024 use the pre-training loss) in nats or bits: a
 * perplexity is taken as its logarithm, the cross-entropy it exponentiates.
 */
export function lossDriver(s: SeriesResult, index: DriverIndex): Driver | undefined {
  const ref = lossSeries(s, index.losses).find((l) => l.kind === 'language-modelling');
  const loss = ref && index.byId.get(ref.seriesId);
  if (!loss) return undefined;
  const log = /perplexity|^ppl$/i.test(loss.metric);
  return {
    series: loss,
    at: new Map(loss.points.filter((p) => p.score > 0).map((p) => [p.model.name, log ? { value: Math.log(p.score), se: p.stderr / p.score } : { value: p.score, se: p.stderr }])),
  };
}
