// The analysis of one group of observations (a model family, as the host groups them): classified scaling
// series with what can be said within the group (sibling metrics, loss views, techniques, forecasts). What needs
// every group (the multiple-comparison correction, models without a size) is the host's (analysis-host.ts).
import type { CurvePoint } from './classify';
import { DEFAULT_THRESHOLDS, type Overrides, type Thresholds, type XAxis } from './config';
import { CurveMemory } from './curve-memory';
import { checkpointKey, lossCandidates, lossSeries, metricFlaw, knownSteps, measuredSteps, stepsKey } from './explain';
import { formatScale } from './format';
import { metricInfo, notAbility } from './metrics';
import { baselineFor, ceilingFor, noise, normaliser } from './normalize';
import type { Claim, Emergence, LossSeriesRef, ResolvedModel, SeriesAxis, SeriesPoint, SeriesResult, TechniqueEffect } from './results';
import { pairedDifference } from './paired';
import { joinSamples } from './samples-join';
import { ModelResolver } from './scale';
import { buildSeries, siblingKey, type RawSeries, type SeriesKey } from './series';
import { techniqueEffects } from './techniques';
import { driverIndex } from './forecast/drivers';
import { overrideLosses } from './override-losses';
import { FAMILY_METHODS, forecastMark, stillAtChance } from './forecast/forecast';
import type { Observation, Problem, SourceRange } from './types';

export interface AnalysisOptions {
  x?: XAxis;
  overrides?: Overrides;
  thresholds?: Partial<Thresholds>;
}

/** The thresholds in force: the options (editor settings) over the override file over the defaults. */
export function thresholdsIn(options: AnalysisOptions): Thresholds {
  return Object.assign({}, DEFAULT_THRESHOLDS, options.overrides?.thresholds, options.thresholds);
}

/**
 * What analyses over the same options can share: resolved models, and the classification of curves that did not
 * change. The server keeps one until the options change; analyze ignores one made for other options.
 */
export class AnalysisMemory {
  readonly resolver: ModelResolver;
  readonly curves: CurveMemory;

  constructor(readonly options: AnalysisOptions) {
    this.resolver = new ModelResolver(options.overrides ?? {});
    this.curves = new CurveMemory(thresholdsIn(options));
  }
}

/** A group's series as the classifier judged them (each claim as made, before the correction), and what it ran into. */
export interface GroupAnalysis {
  series: SeriesResult[];
  problems: Problem[];
  techniques: TechniqueEffect[];
  /** Models without a size, each with the first place it is named (the host reports them together). */
  unscaled: Map<string, SourceRange>;
}

export function analyzeGroup(observations: readonly Observation[], memory: AnalysisMemory): GroupAnalysis {
  const { options } = memory;
  const overrides = options.overrides ?? {};
  const thresholds = thresholdsIn(options);
  // The workspace's emergence-lens.json describes its data, so its axis wins over the editor-wide setting.
  const x = overrides.x ?? options.x ?? 'params';
  const resolved = resolveAll(
    joinSamples(observations.concat(overrideLosses(observations, overrides))).filter((o) => !overrides.tasks?.[o.task]?.ignore),
    memory.resolver,
  );
  const { series: raw, problems } = buildSeries(resolved);
  const steps = measuredSteps(observations);

  const built: { key: SeriesKey; result: SeriesResult }[] = [];
  const context: SeriesContext = { x, overrides, t: thresholds, problems, unscaled: new Map(), label: scaleLabels(), curves: memory.curves };
  for (const series of raw) {
    const result = analyzeSeries(series, context, steps.get(stepsKey(series.key)));
    if (result) built.push({ key: series.key, result });
  }
  const bySibling = new Map<string, { key: SeriesKey; result: SeriesResult }[]>();
  for (const entry of built) {
    const k = siblingKey(entry.key);
    const siblings = bySibling.get(k);
    if (siblings) siblings.push(entry);
    else bySibling.set(k, [entry]);
  }
  for (const entry of built) entry.result.metricFlaw = metricFlaw(entry.result, entry.key, bySibling);
  const series = built.map((b) => b.result);
  const losses = lossCandidates(series);
  const byLoss = new Map(losses.map((l) => [l.id, l]));
  // Every curve that is not a loss itself can be drawn against one (the charts' Loss axis); the emergent ones also
  // name their losses for the explanation.
  for (const s of series) {
    if (byLoss.has(s.id)) continue;
    const refs = lossSeries(s, losses);
    if (s.emergence) s.lossSeries = refs;
    placeOnLoss(s, refs, byLoss);
  }
  markForecasts(series, thresholds);
  const techniques = techniqueEffects(series, thresholds);
  const byId = new Map(series.map((s) => [s.id, s]));
  for (const effect of techniques) byId.get(effect.withSeries)!.technique ??= effect;
  return { series, problems, techniques, unscaled: context.unscaled };
}

/** Each point's loss, when the family's preferred loss covers every model of the series (Wei et al. plot against it). */
function placeOnLoss(s: SeriesResult, refs: LossSeriesRef[], byId: Map<string, SeriesResult>): void {
  const ref = refs.find((r) => r.kind === 'language-modelling') ?? refs[0];
  const loss = ref && byId.get(ref.seriesId);
  if (!loss) return;
  const at = new Map(loss.points.map((p) => [checkpointKey(p.model), p.score]));
  if (!s.points.every((p) => at.has(checkpointKey(p.model)))) return;
  for (const p of s.points) p.loss = at.get(checkpointKey(p.model));
  s.lossAxis = { task: loss.task, metric: loss.metric };
}

/** Where each series still at chance is forecast to emerge, by its own family's graded metric or loss (for the charts). */
function markForecasts(series: SeriesResult[], t: Thresholds): void {
  const waiting = series.filter(stillAtChance);
  if (!waiting.length) return;
  const drivers = driverIndex(series);
  for (const s of waiting) {
    const mark = forecastMark(s, drivers, t, FAMILY_METHODS);
    if (mark) s.forecast = mark;
  }
}

function resolveAll(observations: Observation[], resolver: ModelResolver) {
  return observations.map((observation) => ({ observation, model: resolver.resolve(observation.model) }));
}

/** formatScale, remembered per axis and value: checkpoint sweeps label the same few hundred scales in every series. */
function scaleLabels(): (x: number, axis: SeriesAxis) => string {
  const byAxis = new Map<SeriesAxis, Map<number, string>>();
  return (x, axis) => {
    let labels = byAxis.get(axis);
    if (!labels) byAxis.set(axis, (labels = new Map()));
    let label = labels.get(x);
    if (label === undefined) labels.set(x, (label = formatScale(x, axis)));
    return label;
  };
}

interface Scale {
  axis: SeriesAxis;
  of: (m: ResolvedModel) => number | undefined;
}

/** FLOPs only when every point has them, so one series never mixes axes. */
function chooseScale(series: RawSeries, x: XAxis): Scale {
  const models = series.points.map((p) => p.model);
  if (series.key.checkpointSweep) {
    if (x === 'flops' && models.every((m) => m.flops)) return { axis: 'flops', of: (m) => m.flops };
    if (models.every((m) => m.tokens !== undefined)) return { axis: 'tokens', of: (m) => m.tokens };
    return { axis: 'steps', of: (m) => m.step };
  }
  if (x === 'flops' && models.every((m) => m.flops)) return { axis: 'flops', of: (m) => m.flops };
  return { axis: 'params', of: (m) => m.params };
}

/** What every series of one analysis shares. */
interface SeriesContext {
  x: XAxis;
  overrides: Overrides;
  t: Thresholds;
  /** Problems found on the way. */
  problems: Problem[];
  /** Models without a size, each with the first place it is named: reported once, together (unscaledProblem). */
  unscaled: Map<string, SourceRange>;
  label: (x: number, axis: SeriesAxis) => string;
  curves: CurveMemory;
}

function analyzeSeries(series: RawSeries, { x, overrides, t, unscaled, label, curves }: SeriesContext, measured: number | undefined): SeriesResult | null {
  const { key } = series;
  const scale = chooseScale(series, x);
  const scaled: { point: RawSeries['points'][number]; x: number }[] = [];
  for (const p of series.points) {
    const value = scale.of(p.model);
    if (value !== undefined && value > 0) scaled.push({ point: p, x: value });
    else if (scale.axis === 'params' && !unscaled.has(p.model.name)) unscaled.set(p.model.name, p.observation.model.range ?? p.observation.range);
  }
  if (scaled.length === 0) return null;
  // Sorted by scales looked up once: a sweep of hundreds of checkpoints compares thousands of times.
  const placed = scaled.sort((a, b) => a.x - b.x);
  const observations = placed.map(({ point }) => point.observation);

  const info = metricInfo(key.metric);
  const higherIsBetter = observations.find((o) => o.higherIsBetter !== undefined)?.higherIsBetter ?? info.higherIsBetter;
  const baseline = baselineFor(key, observations, overrides);
  const ceiling = ceilingFor(key, observations, overrides, higherIsBetter);
  const norm = normaliser(observations[0].score, baseline, ceiling, higherIsBetter ? info.range?.[0] : info.range?.[1], higherIsBetter);

  const points: SeriesPoint[] = placed.map(({ point: { observation: o, model }, x: xValue }) => {
    const { stderr, stderrSource } = noise(o, info.range, norm.unit, t);
    const point: SeriesPoint = {
      model,
      x: xValue,
      score: o.score,
      stderr,
      stderrSource,
      n: o.n,
      normalized: norm.z(o.score),
      normalizedStderr: stderr / Math.abs(norm.unit),
      aboveChance: false,
      significantlyAbove: false,
      belowChance: false,
      range: o.range,
    };
    if (o.attempts !== undefined) point.attempts = o.attempts;
    if (o.items) point.items = o.items;
    return point;
  });
  const paired = observations.map((o, i) => (i > 0 && o.items && observations[i - 1].items ? pairedDifference(observations[i - 1].items!, o.items) : undefined));
  const curve: CurvePoint[] = points.map((p, i) => ({
    u: Math.log10(p.x),
    z: p.normalized,
    s: p.normalizedStderr,
    label: label(p.x, scale.axis),
    // Floored at half an item: identical answers on every item would otherwise claim no noise at all.
    pairedSe: paired[i] && Math.max(paired[i]!.se, 0.5 / paired[i]!.items) / Math.abs(norm.unit),
  }));
  const facts = curves.facts(series.id, curve, norm.hasBaseline, norm.relative);
  const notes = (baseline ? '' : noBaselineNote(info.metricClass)) + leftOutNote(series.points.length - placed.length, scale.axis);
  const common = {
    id: series.id,
    task: key.task,
    subtask: key.subtask,
    metric: key.metric,
    filter: key.filter,
    family: key.family,
    shots: key.shots,
    prompting: key.prompting,
    checkpointSweep: key.checkpointSweep,
    xAxis: scale.axis,
    higherIsBetter,
    baseline,
    ceiling,
    unit: norm.unit,
    points,
    breakthroughness: facts.breakthroughness,
    linearity: facts.linearity,
    metricFlaw: { discontinuous: info.metricClass === 'discontinuous', metricClass: info.label, siblings: [] },
    fromSamples: observations.some((o) => o.fromSamples),
  };
  const measures = notAbility(key.task, key.metric);
  if (measures) {
    const slope = facts.classification.slope;
    return Object.assign(common, {
      verdict: 'not-ability' as const,
      reason: `${key.metric} measures ${measures.what}, not an ability (${measures.note}), so its change with scale gets no capability verdict`,
      tested: false,
      emergence: null,
      fit: null,
      slopePerDecade: slope.slope,
      slopeZ: slope.z,
      multiStep: null,
    });
  }

  const verdict = facts.classification;
  verdict.aboveChance.forEach((above, i) => {
    points[i].aboveChance = above;
    points[i].significantlyAbove = verdict.significant[i];
    points[i].belowChance = verdict.belowChance[i];
  });
  const j = verdict.emergenceIndex;
  const emergence: Emergence | null =
    j === undefined
      ? null
      : {
          lastNearChance: points[j - 1],
          firstAbove: points[j],
          jump: verdict.jump!,
          jumpZ: verdict.jumpZ!,
          discontinuity: verdict.discontinuity!,
          floor: verdict.jumpFloor!,
          pairedItems: paired[j]?.items,
          interval: facts.interval(points.map((p) => p.x)),
        };
  const claim = verdict.claim;
  return Object.assign(common, {
    // Until the multiple-comparison check (the host's correction) decides, a claim stands as made.
    verdict: verdict.verdict,
    reason: verdict.reason + notes,
    chanceLevel: verdict.chanceLevel,
    claimed: claim && {
      claim: verdict.verdict as Claim,
      p: claim.p,
      reason: verdict.reason + notes,
      fallback: { verdict: claim.fallback.verdict, reason: (claim.fallback.reason || verdict.reason) + notes },
    },
    tested: verdict.tested,
    emergence,
    // The fit refines the emergence scale; smooth curves are summarised by their log-linear slope instead.
    fit: norm.hasBaseline && emergence ? facts.fit : null,
    slopePerDecade: verdict.slope.slope,
    slopeZ: verdict.slope.z,
    multiStep: norm.hasBaseline && info.metricClass === 'discontinuous' && verdict.tested ? facts.multiStep(knownSteps(key, overrides, measured)) : null,
  });
}

/** One problem for every model without a size (API models of an Inspect eval set, say), where the first is named. */
export function unscaledProblem(unscaled: Map<string, SourceRange>): Problem {
  const names = [...unscaled.keys()];
  const listed = names.slice(0, 5).map((n) => `"${n}"`).join(', ') + (names.length > 5 ? ` and ${names.length - 5} more` : '');
  const one = names.length === 1;
  return {
    range: unscaled.values().next().value!,
    severity: 'warning',
    message: `${one ? `Model ${listed} has` : `${names.length} models have`} no parameter count${one ? '' : ` (${listed})`}: left out of scaling series. Set ${one ? 'its size' : 'their sizes'} under "models" in emergence-lens.json.`,
  };
}

/** Models without a size are reported as problems; a step-0 checkpoint has no place on a log axis, so say so here. */
function leftOutNote(count: number, axis: SeriesAxis): string {
  return count > 0 && axis !== 'params' ? ` (${count} point${count === 1 ? '' : 's'} at zero ${axis} left out of the log scale)` : '';
}

function noBaselineNote(metricClass: string): string {
  return metricClass === 'continuous' ? '' : ' (random baseline unknown: set one in emergence-lens.json to test for emergence)';
}
