// Forecast of the scale at which a series near chance will emerge, from its models so far, by each method the data
// support. Both methods chain two fits: the trend of a smooth driver in log scale (a graded metric's per-step
// success, a loss's power law) and a link from the driver to the score, fitted on the same models by binomial
// likelihood; the forecast is where the trend carries the driver to the value at which the link reaches the level.
import type { Thresholds } from '../config';
import { formatScale } from '../format';
import { normalDraws, seededRandom } from '../random';
import type { ItemScores } from '../paired';
import type { ForecastMark, SeriesPoint, SeriesResult } from '../results';
import { max } from 'simple-statistics';
import { logLinearSlope } from '../trend';
import { capabilityDriver, gradedDriver, items, lossDriver, type Driver, type DriverIndex } from './drivers';
import { sigmoid } from '../logistic';
import { binomialLogLik, logisticLink, logit, stepsLink, type Binomial } from './fits';
import { INTERVAL_COVERAGE, type ForecastMethod, type MethodForecast, type NoForecast, type SeriesForecast } from './types';

export const FORECAST_RESAMPLES = 200;
/** No forecast further than this past the largest model used: nothing says the trends hold that far. */
export const MAX_REACH_DECADES = 3;
/**
 * A stated forecast may fall this far inside the models used (whose scores are below the level, if not far): further
 * in, it contradicts them, and the link does not hold for this family.
 */
export const MAX_INSIDE_DECADES = 0.5;
/** Share of resamples that must give a forecast for it to be stated. */
export const MIN_SHARE = 0.8;
/** Fewest models with a driver value a forecast needs. */
export const MIN_MODELS = 3;

/** The models a forecast is made from: log scale, driver value and error, normalised score and its items. */
interface Training {
  u: number[];
  q: number[];
  qSe: number[];
  s: number[];
  n: number[];
}

type Link = MethodForecast['link'];

interface MethodSpec {
  method: ForecastMethod;
  driver: (s: SeriesResult, index: DriverIndex) => Driver | undefined;
  /** What data would make the method possible. */
  missing: string;
  /** The driver on the scale where its trend in log scale is a line, and the slope's derivative for its error. */
  line: (q: number) => number;
  dLine: (q: number) => number;
  /** Sign the trend must have: a per-step success rises, a loss falls. */
  sign: 1 | -1;
  flat: (metric: string) => string;
  /**
   * The driver value at which the score reaches `level`, by the link fitted on the models (or on `elsewhere`, the
   * driver's own link points, asked for only when needed); a reason when none.
   */
  threshold: (t: Training, level: number, k: number | undefined, elsewhere?: () => Binomial | undefined) => { q: number; link: Link } | string;
}

const CHAIN: MethodSpec = {
  method: 'continuous-chain',
  driver: gradedDriver,
  missing: 'no graded metric of this task in the data: log the samples (lm-eval --log_samples) to forecast from one',
  // A per-step success follows a logistic in log scale (Ruan et al. 2024's logit link).
  line: (q) => (q > 0 && q < 1 ? logit(q) : NaN),
  dLine: (q) => 1 / (q * (1 - q)),
  sign: 1,
  flat: () => 'no forecast: the continuous metric is flat too',
  threshold: (t, level, known, elsewhere) => {
    if (known !== undefined) return { q: level ** (1 / known), link: { kind: 'steps', k: known, known: true } };
    const own = chainLink({ x: t.q, s: t.s, n: t.n }, level);
    if (own) return own;
    // k is the task's (its steps), not the family's: families where the score left 0 tie the metrics for this one too.
    const other = elsewhere?.();
    const pooled = other && chainLink({ x: t.q.concat(other.x), s: t.s.concat(other.s), n: t.n.concat(other.n), families: other.families }, level);
    return pooled || 'the score is 0 on every model used, so nothing ties the graded metric to it: set the step count k (Set step count) to chain through p^k';
  },
};

/** Log-likelihood a link must gain per parameter it adds to be preferred (Akaike's criterion). */
const AIC_PER_PARAMETER = 1;

/**
 * The link from a per-step success q to the score, fitted on `b`, and the q at which it reaches `level`: the
 * multi-step s = q^k (one parameter), or a sigmoid in logit q (two) where it fits better by Akaike's criterion — a
 * score can rise far faster than any power of the graded metric (an argmax over the choices makes a modest
 * probability of the right one a right answer). Null when neither fits: the score is 0 throughout.
 */
function chainLink(b: Binomial, level: number): { q: number; link: Link } | null {
  const pooledFrom = b.families && { pooledFrom: b.families };
  const k = stepsLink(b);
  const logistic = logisticLink({ x: b.x.map(logit), s: b.s, n: b.n });
  const steps = k === null ? -Infinity : binomialLogLik(b, (q) => q ** k);
  if (logistic && logistic.b > 0 && logistic.logLik - steps > AIC_PER_PARAMETER) {
    return { q: sigmoid((logit(level) - logistic.a) / logistic.b), link: { kind: 'logistic', slope: logistic.b, ...pooledFrom } };
  }
  return k === null ? null : { q: level ** (1 / k), link: { kind: 'steps', k, known: false, ...pooledFrom } };
}

const LOSS: MethodSpec = {
  method: 'loss-threshold',
  driver: lossDriver,
  missing: 'no language-modelling loss of these models in the data: evaluate them on held-out text (wikitext bits_per_byte, say)',
  // A loss falls as a power law in scale: log L is a line in log scale.
  line: (q) => (q > 0 ? Math.log10(q) : NaN),
  dLine: (q) => 1 / (q * Math.LN10),
  sign: -1,
  flat: (metric) => `no forecast: the loss (${metric}) does not fall significantly with scale`,
  threshold: (t, level) => {
    const fit = logisticLink({ x: t.q, s: t.s, n: t.n });
    if (!fit || !(fit.b < 0)) return 'the score does not rise as the loss falls on these models, so no threshold loss can be placed';
    return { q: (logit(level) - fit.a) / fit.b, link: { kind: 'logistic', slope: fit.b } };
  },
};

const OBSERVATIONAL: MethodSpec = {
  method: 'observational',
  driver: capabilityDriver,
  missing: 'no other family where this task emerged shares benchmarks with this one',
  // Capability rises linearly in log scale within a family (Ruan et al. 2024, Eq. 4).
  line: (q) => q,
  dLine: () => 1,
  sign: 1,
  flat: () => 'no forecast: the capability of this family does not rise significantly with scale',
  threshold: (_t, level, _k, elsewhere) => {
    const points = elsewhere?.();
    const fit = points && logisticLink(points);
    if (!fit || !(fit.b > 0)) return 'the task does not rise with capability in the families where it emerged';
    return { q: (logit(level) - fit.a) / fit.b, link: { kind: 'logistic', slope: fit.b } };
  },
};

export const METHODS: readonly MethodSpec[] = [CHAIN, LOSS, OBSERVATIONAL];
/** The methods that need nothing beyond the series' own family (the server analyses one family at a time). */
export const FAMILY_METHODS: readonly MethodSpec[] = [CHAIN, LOSS];

/** A series a forecast of emergence is for, besides the emergent ones of a backtest: flat at chance, of model sizes. */
export function stillAtChance(s: SeriesResult): boolean {
  return s.verdict === 'flat' && s.chanceLevel === 'at' && !s.checkpointSweep;
}

interface Estimate {
  u: number;
  q: number;
  link: Link;
}

/**
 * One forecast from the models `all`, no further out than `reach` (log scale). `gate`, for the stated forecast (not
 * the resamples behind its interval), asks for a significant trend.
 */
function estimate(spec: MethodSpec, all: Training, elsewhere: (() => Binomial | undefined) | undefined, level: number, k: number | undefined, sig: number, reach: number, gate: boolean): Estimate | string {
  const keep = all.q.map((q) => Number.isFinite(spec.line(q)));
  const only = (xs: number[]) => xs.filter((_, i) => keep[i]);
  const t: Training = { u: only(all.u), q: only(all.q), qSe: only(all.qSe), s: only(all.s), n: only(all.n) };
  const { u } = t;
  const distinct = new Set(u).size;
  if (distinct < MIN_MODELS) return `only ${distinct} models have a usable value: a forecast needs ${MIN_MODELS}`;
  const y = t.q.map(spec.line);
  const se = t.q.map((q, i) => t.qSe[i] * Math.abs(spec.dLine(q)));
  const trend = logLinearSlope(u, y, se);
  if (spec.sign * trend.slope <= 0 || (gate && spec.sign * trend.z < sig)) return 'flat';
  const threshold = spec.threshold(t, level, k, elsewhere);
  if (typeof threshold === 'string') return threshold;
  const uStar = (spec.line(threshold.q) - trend.intercept) / trend.slope;
  if (!Number.isFinite(uStar)) return 'the driver never reaches the threshold on its trend';
  if (uStar > reach) return `the forecast lies more than ${MAX_REACH_DECADES} decades past the largest model used`;
  if (gate && uStar < max(u) - MAX_INSIDE_DECADES) return `the forecast falls more than ${MAX_INSIDE_DECADES} decades inside the models used, which are still below the level: the link does not hold for them`;
  return { u: uStar, q: threshold.q, link: threshold.link };
}

/** Link points drawn with replacement, for the bootstrap. */
function resampled(b: Binomial, uniform: () => number): Binomial {
  const pick = b.x.map(() => Math.floor(uniform() * b.x.length));
  return { x: pick.map((i) => b.x[i]), s: pick.map((i) => b.s[i]), n: pick.map((i) => b.n[i]), families: b.families };
}

/** Per-item scores of one measurement, ready to resample: their values, their mean and one normalised unit in their units. */
interface ItemDraw {
  values: Float64Array;
  mean: number;
  unit: number;
}

/** A model's items behind the score and behind the driver; `paired` when they are the same items. */
interface ModelItems {
  score?: ItemDraw;
  driver?: ItemDraw;
  paired: boolean;
}

function itemDraw(items: ItemScores | undefined, unit: number | undefined): ItemDraw | undefined {
  if (!items?.values.length || !unit) return undefined;
  let sum = 0;
  for (const v of items.values) sum += v;
  return { values: items.values, mean: sum / items.values.length, unit };
}

function modelItems(p: SeriesPoint, unit: number, driverItems: ItemScores | undefined, driverUnit: number | undefined): ModelItems {
  const score = itemDraw(p.items, unit);
  const driver = itemDraw(driverItems, driverUnit);
  const a = p.items?.ids;
  const b = driverItems?.ids;
  const paired = !!(score && driver && a && b && a.length === b.length && a.every((id, j) => id === b[j]));
  return { score, driver, paired };
}

/** Item indices drawn with replacement. */
function indices(n: number, uniform: () => number): Uint32Array {
  const picked = new Uint32Array(n);
  for (let j = 0; j < n; j++) picked[j] = Math.floor(uniform() * n);
  return picked;
}

/** How far the mean of the drawn items lies from the mean of all, on the normalised scale. */
function drawnShift(d: ItemDraw, picked: Uint32Array): number {
  let sum = 0;
  for (const j of picked) sum += d.values[j];
  return (sum / picked.length - d.mean) / d.unit;
}

function quantile(sorted: number[], p: number): number {
  return sorted[Math.round(p * (sorted.length - 1))];
}

function forecastWith(spec: MethodSpec, s: SeriesResult, driver: Driver, upTo: number, level: number, t: Thresholds): MethodForecast | NoForecast {
  const used = s.points.slice(0, upTo).filter((p) => driver.at.has(p.model.name));
  const data: Training = {
    u: used.map((p) => Math.log10(p.x)),
    q: used.map((p) => driver.at.get(p.model.name)!.value),
    qSe: used.map((p) => driver.at.get(p.model.name)!.se),
    s: used.map((p) => Math.min(1, Math.max(0, p.normalized))),
    n: used.map(items),
  };
  const none = (why: string): NoForecast => ({ method: spec.method, why: why === 'flat' ? spec.flat(driver.name.metric) : why });
  if (used.length < MIN_MODELS) return none(`only ${used.length} of the models used have ${driver.name.metric}: a forecast needs ${MIN_MODELS}`);
  const k = s.multiStep?.knownSteps?.k;
  const reach = max(data.u) + MAX_REACH_DECADES;
  // The link's points from elsewhere are gathered once, and only if a fit needs them.
  let linkPoints: Binomial | undefined | null = null;
  const elsewhere = driver.link && (() => (linkPoints === null ? (linkPoints = driver.link!()) : linkPoints));
  const point = estimate(spec, data, elsewhere, level, k, t.significance, reach, true);
  if (typeof point === 'string') return none(point);

  // Bootstrap over models (drawn with replacement), and within each model over its items where a per-sample log holds
  // them (the score's and the driver's drawn together when they cover the same items); a driver value without items
  // is redrawn within its standard error. A draw with fewer distinct models than a forecast needs says nothing about
  // the forecast: it is drawn again.
  const perItem = used.map((p) => modelItems(p, s.unit, driver.at.get(p.model.name)!.items, driver.unit));
  const uniform = seededRandom(0xf0ca57);
  const gauss = normalDraws(uniform);
  const us: number[] = [];
  const qs: number[] = [];
  const m = used.length;
  let drawn = 0;
  for (let attempt = 0; drawn < FORECAST_RESAMPLES && attempt < 20 * FORECAST_RESAMPLES; attempt++) {
    const pick = Array.from({ length: m }, () => Math.floor(uniform() * m));
    if (new Set(pick).size < MIN_MODELS) continue;
    drawn++;
    const draw: Training = { u: [], q: [], qSe: [], s: [], n: [] };
    for (const i of pick) {
      const { score, driver: graded, paired } = perItem[i];
      const picked = score && indices(score.values.length, uniform);
      draw.u.push(data.u[i]);
      draw.q.push(graded ? data.q[i] + drawnShift(graded, paired && picked ? picked : indices(graded.values.length, uniform)) : data.q[i] + data.qSe[i] * gauss());
      draw.qSe.push(data.qSe[i]);
      draw.s.push(score && picked ? Math.min(1, Math.max(0, data.s[i] + drawnShift(score, picked))) : data.s[i]);
      draw.n.push(data.n[i]);
    }
    const redrawn = elsewhere && (() => {
      const points = elsewhere();
      return points && resampled(points, uniform);
    });
    const e = estimate(spec, draw, redrawn, level, k, t.significance, reach, false);
    if (typeof e === 'string') continue;
    us.push(e.u);
    qs.push(e.q);
  }
  const share = drawn ? us.length / drawn : 0;
  if (share < MIN_SHARE) return none(`only ${Math.round(100 * share)} % of resamples of the models give a forecast: too unstable to state`);
  us.sort((a, b) => a - b);
  qs.sort((a, b) => a - b);
  const interval = (v: number, sorted: number[], to: (x: number) => number) => ({ value: to(v), low: to(Math.min(v, quantile(sorted, (1 - INTERVAL_COVERAGE) / 2))), high: to(Math.max(v, quantile(sorted, (1 + INTERVAL_COVERAGE) / 2))) });
  return {
    method: spec.method,
    driver: driver.name,
    scale: interval(point.u, us, (u) => 10 ** u),
    threshold: interval(point.q, qs, (q) => q),
    link: point.link,
    models: m,
    share,
  };
}

/**
 * Forecasts of where `s` reaches the level `minGain` (the classifier's "clearly above chance"), from its `upTo`
 * smallest models (all by default), by every method whose driver is in the data.
 */
export function forecastSeries(s: SeriesResult, index: DriverIndex, t: Thresholds, upTo = s.points.length, methods = METHODS): SeriesForecast {
  const forecasts: MethodForecast[] = [];
  const none: NoForecast[] = [];
  // A forecast of emergence is for a score still near chance: a curve already above it has its answer in the data.
  const above = s.points.slice(0, upTo).find((p) => p.aboveChance);
  if (above) {
    const why = `the score is already clearly above chance at ${formatScale(above.x, s.xAxis)}: nothing to forecast`;
    return { seriesId: s.id, level: t.minGain, forecasts, none: methods.map((spec) => ({ method: spec.method, why })) };
  }
  for (const spec of methods) {
    const driver = spec.driver(s, index);
    const result = driver ? forecastWith(spec, s, driver, upTo, t.minGain, t) : { method: spec.method, why: spec.missing };
    if ('why' in result) none.push(result);
    else forecasts.push(result);
  }
  return { seriesId: s.id, level: t.minGain, forecasts, none };
}

/** The first forecast `methods` give for `s`, as the charts draw it; undefined when none does. */
export function forecastMark(s: SeriesResult, index: DriverIndex, t: Thresholds, methods = METHODS): ForecastMark | undefined {
  const [f] = forecastSeries(s, index, t, s.points.length, methods).forecasts;
  return f && { method: f.method, scale: f.scale.value, low: f.scale.low, high: f.scale.high, level: t.minGain };
}

/**
 * The forecast a chart of `s` draws, the one the hover states: its family's own (made with the analysis), else the
 * first that the whole workspace gives (other families' link points, the observational capability).
 */
export function chartForecast(s: SeriesResult, index: DriverIndex, t: Thresholds): ForecastMark | undefined {
  return s.forecast ?? (stillAtChance(s) ? forecastMark(s, index, t) : undefined);
}
