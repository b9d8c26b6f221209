// The smooth quantities a forecast extrapolates, read off other series of the same models: a graded metric of the
// same task (the continuous-metric chain) and a language-modelling loss (the loss threshold).
import { lossCandidates, lossSeries } from '../explain';
import type { SeriesPoint, SeriesResult, SiblingMetric } from '../results';
import { benchmarkOf, capabilityIndex, type CapabilityIndex } from './capability';
import { logisticRegression, type Binomial } from './fits';
import type { ItemScores } from '../paired';
import type { MethodForecast } from './types';

/** A driver's value and standard error at each model, by model name; its per-item scores where a log holds them. */
export interface Driver {
  name: MethodForecast['driver'];
  at: Map<string, { value: number; se: number; items?: ItemScores }>;
  /** One unit of the driver's value in the units of its items (SeriesResult.unit), when it has items. */
  unit?: number;
  /**
   * Points to fit the link on when they come from elsewhere than the series' own models (other families); a thunk,
   * since gathering them reads every family's series and most forecasts never need them.
   */
  link?: () => Binomial | undefined;
}

/** What every forecast of one analysis shares: series by id, the loss-like series and the capability measure. */
export interface DriverIndex {
  byId: ReadonlyMap<string, SeriesResult>;
  losses: SeriesResult[];
  capability: CapabilityIndex;
}

export function driverIndex(all: readonly SeriesResult[]): DriverIndex {
  return { byId: new Map(all.map((s) => [s.id, s])), losses: lossCandidates([...all]), capability: capabilityIndex(all) };
}

const named = (s: SeriesResult): MethodForecast['driver'] => ({ seriesId: s.id, task: s.task, metric: s.metric });

/**
 * The graded metric of the same task and runs, on its normalised scale (0 = chance or the smallest model, 1 = the
 * best possible), read as a per-step success. Metrics re-scored from the outputs first, as in the hover.
 */
export function gradedDriver(s: SeriesResult, index: DriverIndex): Driver | undefined {
  const graded = s.metricFlaw.siblings.filter((g) => g.continuous);
  const ordered = [...graded.filter((g) => g.fromSamples), ...graded.filter((g) => !g.fromSamples)];
  for (const g of ordered) {
    const other = index.byId.get(g.seriesId);
    if (other) return { name: named(other), at: perStep(other), unit: other.unit, link: () => pooledLink(s, g, index) };
  }
  return undefined;
}

/** A graded value the p^k link can take: a per-step success strictly between 0 and 1. */
const perStepRate = (v: number | undefined): v is number => v !== undefined && v > 0 && v < 1;

const perStep = (graded: SeriesResult) => new Map(graded.points.map((p) => [p.model.name, { value: p.normalized, se: p.normalizedStderr, items: p.items }]));

/**
 * The same task in the other families, with the same graded metric beside it: their models tie the graded metric to
 * the score where the series' own are all at 0. Only families where the score left 0 say anything of the link.
 */
function pooledLink(s: SeriesResult, driver: SiblingMetric, index: DriverIndex): Binomial | undefined {
  const link: { x: number[]; s: number[]; n: number[] } = { x: [], s: [], n: [] };
  const families: string[] = [];
  for (const o of index.capability.series(benchmarkOf(s))) {
    if (o.family === s.family || !o.points.some((p) => p.normalized * items(p) >= 0.5)) continue;
    const sibling = o.metricFlaw.siblings.find((g) => g.continuous && g.metric === driver.metric && g.fromSamples === driver.fromSamples);
    const graded = sibling && index.byId.get(sibling.seriesId);
    if (!graded) continue;
    const q = perStep(graded);
    const used = o.points.filter((p) => perStepRate(q.get(p.model.name)?.value));
    if (!used.length) continue;
    families.push(o.family);
    for (const p of used) {
      link.x.push(q.get(p.model.name)!.value);
      link.s.push(Math.min(1, Math.max(0, p.normalized)));
      link.n.push(items(p));
    }
  }
  return families.length ? Object.assign({}, link, { families }) : undefined;
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
    name: named(loss),
    at: new Map(loss.points.filter((p) => p.score > 0).map((p) => [p.model.name, log ? { value: Math.log(p.score), se: p.stderr / p.score } : { value: p.score, se: p.stderr }])),
  };
}

/** Items behind a normalised score: stated, else implied by its standard error (binomial). */
export function items(p: SeriesPoint): number {
  if (p.n) return p.n;
  const z = Math.min(0.99, Math.max(0.01, p.normalized));
  return Math.max(1, (z * (1 - z)) / Math.max(p.normalizedStderr, 1e-6) ** 2);
}

/**
 * The capability of the family's models (observational, Ruan et al. 2024), with the task's link fitted on the models
 * of the other families where it already emerged: the families share the capability axis, not the scale. With more
 * than one component, the capability is the weighted sum of components that the task's logistic in them gives, with
 * as many components as explain the task best by Akaike's criterion: a task may depend on another capability than
 * the one most benchmarks measure.
 */
export function capabilityDriver(s: SeriesResult, index: DriverIndex): Driver | undefined {
  const benchmark = benchmarkOf(s);
  const found = index.capability.without(benchmark, s.family);
  if (!found) return undefined;
  const capability = found.of;
  const emerged = index.capability.series(benchmark).filter((o) => o.family !== s.family && o.verdict === 'emergent');
  const points = emerged.flatMap((o) => o.points.filter((p) => capability.has(p.model.name)));
  if (!points.length) return undefined;
  const scores = points.map((p) => Math.min(1, Math.max(0, p.normalized)));
  const weights = componentWeights(points.map((p) => capability.get(p.model.name)!), scores, points.map(items));
  const of = (name: string) => capability.get(name)!.reduce((acc, c, j) => acc + (weights[j] ?? 0) * c, 0);
  const what = weights.length === 1 ? 'first principal component' : `first ${weights.length} principal components`;
  return {
    name: { seriesId: '', task: `${what} of ${found.benchmarks} benchmarks shared with ${emerged.map((o) => o.family).join(', ')}`, metric: 'capability' },
    at: new Map(s.points.filter((p) => capability.has(p.model.name)).map((p) => [p.model.name, { value: of(p.model.name), se: 0 }])),
    link: () => ({ x: points.map((p) => of(p.model.name)), s: scores, n: points.map(items) }),
  };
}

/**
 * Weights of the components in the capability: the first alone, or the logistic coefficients of the first K where
 * they fit the emerged families' scores better by more than one unit of log-likelihood per coefficient added.
 */
function componentWeights(components: readonly (readonly number[])[], s: readonly number[], n: readonly number[]): number[] {
  let best = { weights: [1], aic: Infinity };
  // Every model has a score on each component kept.
  for (let k = 1; k <= components[0].length; k++) {
    const fit = logisticRegression(components.map((c) => c.slice(0, k)), s, n);
    const aic = fit ? 2 * (k + 1) - 2 * fit.logLik : Infinity;
    // One component keeps its own orientation: the link's slope says whether the task rises with it.
    if (fit && aic < best.aic) best = { weights: k === 1 ? [1] : fit.coef.slice(1), aic };
  }
  return best.weights;
}
