// The analysis: observations from any number of files in, classified scaling series out.
import { taskChance, metricChance } from './baselines';
import type { CurvePoint } from './classify';
import { DEFAULT_THRESHOLDS, type Overrides, type Thresholds, type XAxis } from './config';
import { CurveMemory } from './curve-memory';
import { lossCandidates, lossSeries, metricFlaw, knownSteps, measuredSteps, stepsKey } from './explain';
import { formatScale } from './format';
import { metricInfo } from './metrics';
import type { AnalysisResult, Baseline, Emergence, ResolvedModel, SeriesAxis, SeriesPoint, SeriesResult } from './results';
import { pairedDifference } from './paired';
import { joinSamples } from './samples-join';
import { ModelResolver } from './scale';
import { buildSeries, siblingKey, type RawSeries, type SeriesKey } from './series';
import { controlFalseDiscoveries } from './false-discoveries';
import { techniqueEffects } from './techniques';
import type { Observation, Problem } from './types';

export interface AnalysisOptions {
  x?: XAxis;
  overrides?: Overrides;
  thresholds?: Partial<Thresholds>;
}

/** The thresholds in force: the options (editor settings) over the override file over the defaults. */
export function thresholdsIn(options: AnalysisOptions): Thresholds {
  return { ...DEFAULT_THRESHOLDS, ...options.overrides?.thresholds, ...options.thresholds };
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

export function analyze(observations: Observation[], options: AnalysisOptions = {}, memory?: AnalysisMemory): AnalysisResult {
  const overrides = options.overrides ?? {};
  const thresholds = thresholdsIn(options);
  // The workspace's emergence-lens.json describes its data, so its axis wins over the editor-wide setting.
  const x = overrides.x ?? options.x ?? 'params';
  const shared = memory?.options === options ? memory : undefined;
  const resolved = resolveAll(
    joinSamples(observations).filter((o) => !overrides.tasks?.[o.task]?.ignore),
    shared?.resolver ?? new ModelResolver(overrides),
  );
  const { series: raw, problems } = buildSeries(resolved);
  const steps = measuredSteps(observations);

  const built: { key: SeriesKey; result: SeriesResult }[] = [];
  const context: SeriesContext = { x, overrides, t: thresholds, problems, unscaled: new Set(), label: scaleLabels(), curves: shared?.curves ?? new CurveMemory(thresholds) };
  for (const series of raw) {
    const result = analyzeSeries(series, context, steps.get(stepsKey(series.key)));
    if (result) built.push({ key: series.key, result });
  }
  const bySibling = new Map<string, { key: SeriesKey; result: SeriesResult }[]>();
  for (const entry of built) {
    const k = siblingKey(entry.key);
    bySibling.set(k, [...(bySibling.get(k) ?? []), entry]);
  }
  for (const entry of built) entry.result.metricFlaw = metricFlaw(entry.result, entry.key, bySibling);
  const series = built.map((b) => b.result);
  const losses = lossCandidates(series);
  for (const s of series) if (s.verdict === 'emergent' && !s.checkpointSweep) s.lossSeries = lossSeries(s, losses);
  const techniques = techniqueEffects(series, thresholds);
  const byId = new Map(series.map((s) => [s.id, s]));
  for (const effect of techniques) byId.get(effect.withSeries)!.technique ??= effect;
  // Over the series of this call; the server, which analyses one model family at a time, corrects again over all.
  const falseDiscoveries = controlFalseDiscoveries(series, thresholds.fdr);
  return { series, problems, techniques, falseDiscoveries };
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

function baselineFor(key: SeriesKey, observations: Observation[], overrides: Overrides): Baseline | null {
  const override = overrides.tasks?.[key.task]?.baseline;
  if (override !== undefined) return { value: override, source: 'override', assumed: false, note: 'set in emergence-lens.json' };
  const stated = observations.find((o) => o.baseline !== undefined)?.baseline;
  if (stated !== undefined) return { value: stated, source: 'file', assumed: false, note: 'stated in the results file' };
  const info = metricInfo(key.metric);
  if (info.metricClass === 'continuous') return null;
  const known = info.metricClass === 'discontinuous' ? (key.subtask && taskChance(key.subtask)) || taskChance(key.task) : undefined;
  if (known) return { ...known, source: 'registry', assumed: true };
  const generic = metricChance(info.metricClass, key.metric);
  return generic ? { ...generic, source: 'default', assumed: true } : null;
}

function ceilingFor(key: SeriesKey, observations: Observation[], overrides: Overrides, higherIsBetter: boolean): number | null {
  const override = overrides.tasks?.[key.task]?.ceiling;
  if (override !== undefined) return override;
  const stated = observations.find((o) => o.ceiling !== undefined)?.ceiling;
  if (stated !== undefined) return stated;
  const range = metricInfo(key.metric).range;
  if (!range) return null;
  // BLEU-like metrics come as 0-100 or 0-1: the data tell which.
  const top = range[1] === 100 && observations.every((o) => o.score <= 1) ? 1 : range[1];
  return higherIsBetter ? top : range[0];
}

/** What every series of one analysis shares. */
interface SeriesContext {
  x: XAxis;
  overrides: Overrides;
  t: Thresholds;
  /** Problems found on the way (models without a size), each model once (`unscaled`). */
  problems: Problem[];
  unscaled: Set<string>;
  label: (x: number, axis: SeriesAxis) => string;
  curves: CurveMemory;
}

function analyzeSeries(series: RawSeries, { x, overrides, t, problems, unscaled, label, curves }: SeriesContext, measured: number | undefined): SeriesResult | null {
  const { key } = series;
  const scale = chooseScale(series, x);
  const placed = series.points.filter((p) => {
    const value = scale.of(p.model);
    if (value !== undefined && value > 0) return true;
    if (scale.axis === 'params' && !unscaled.has(p.model.name)) {
      unscaled.add(p.model.name);
      problems.push({
        range: p.observation.model.range ?? p.observation.range,
        severity: 'warning',
        message: `No parameter count for model "${p.model.name}": it is left out of scaling series. Set it under "models" in emergence-lens.json.`,
      });
    }
    return false;
  });
  if (placed.length === 0) return null;
  placed.sort((a, b) => scale.of(a.model)! - scale.of(b.model)!);
  const observations = placed.map((p) => p.observation);

  const info = metricInfo(key.metric);
  const higherIsBetter = observations.find((o) => o.higherIsBetter !== undefined)?.higherIsBetter ?? info.higherIsBetter;
  const baseline = baselineFor(key, observations, overrides);
  const ceiling = ceilingFor(key, observations, overrides, higherIsBetter);
  const norm = normaliser(observations[0].score, baseline, ceiling, higherIsBetter ? info.range?.[0] : info.range?.[1], higherIsBetter);

  const points: SeriesPoint[] = placed.map(({ observation: o, model }) => {
    const xValue = scale.of(model)!;
    const { stderr, stderrSource } = noise(o, info.range, norm.unit, t);
    return {
      model,
      x: xValue,
      score: o.score,
      stderr,
      stderrSource,
      n: o.n,
      normalized: norm.z(o.score),
      normalizedStderr: stderr / Math.abs(norm.unit),
      aboveChance: false,
      range: o.range,
    };
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
  const facts = curves.facts(series.id, curve, norm.hasBaseline);
  const verdict = facts.classification;
  verdict.aboveChance.forEach((above, i) => (points[i].aboveChance = above));

  const emergence: Emergence | null =
    verdict.emergenceIndex === undefined
      ? null
      : {
          lastNearChance: points[verdict.emergenceIndex - 1],
          firstAbove: points[verdict.emergenceIndex],
          jump: verdict.jump!,
          jumpZ: verdict.jumpZ!,
          discontinuity: verdict.discontinuity!,
          pairedItems: paired[verdict.emergenceIndex]?.items,
        };
  // The fit refines the emergence scale; smooth curves are summarised by their log-linear slope instead.
  const fitted = norm.hasBaseline && verdict.verdict === 'emergent';
  return {
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
    verdict: verdict.verdict,
    reason: verdict.reason + (baseline ? '' : noBaselineNote(info.metricClass)) + leftOutNote(series.points.length - placed.length, scale.axis),
    baseline,
    ceiling,
    points,
    emergence,
    fit: fitted ? facts.fit : null,
    breakthroughness: facts.breakthroughness,
    linearity: facts.linearity,
    slopePerDecade: verdict.slope.slope,
    slopeZ: verdict.slope.z,
    multiStep: norm.hasBaseline && info.metricClass === 'discontinuous' && verdict.verdict !== 'insufficient' ? facts.multiStep(knownSteps(key, overrides, measured)) : null,
    metricFlaw: { discontinuous: info.metricClass === 'discontinuous', metricClass: info.label, siblings: [] },
    fromSamples: observations.some((o) => o.fromSamples),
  };
}

/** Models without a size are reported as problems; a step-0 checkpoint has no place on a log axis, so say so here. */
function leftOutNote(count: number, axis: SeriesAxis): string {
  return count > 0 && axis !== 'params' ? ` (${count} point${count === 1 ? '' : 's'} at zero ${axis} left out of the log scale)` : '';
}

function noBaselineNote(metricClass: string): string {
  return metricClass === 'continuous' ? '' : ' (random baseline unknown: set one in emergence-lens.json to test for emergence)';
}

interface Normaliser {
  z: (score: number) => number;
  /** Size of one normalised unit in the metric's units (signed by direction). */
  unit: number;
  hasBaseline: boolean;
}

/**
 * With a baseline and a best score, 0 = chance and 1 = best. Without a baseline, bounded metrics are measured from
 * their worst value and unbounded ones (perplexity, loss) as relative change from the smallest model.
 */
function normaliser(first: number, baseline: Baseline | null, best: number | null, worst: number | undefined, higherIsBetter: boolean): Normaliser {
  if (baseline && best !== null && best !== baseline.value) {
    const unit = best - baseline.value;
    return { z: (s) => (s - baseline.value) / unit, unit, hasBaseline: true };
  }
  if (best !== null && worst !== undefined && best !== worst) {
    const unit = best - worst;
    return { z: (s) => (s - worst) / unit, unit, hasBaseline: false };
  }
  const unit = (higherIsBetter ? 1 : -1) * (Math.abs(first) || 1);
  return { z: (s) => (s - first) / unit, unit, hasBaseline: false };
}

/** Reported stderr; else binomial from n for 0-1 accuracies; else a documented default share of the range. */
function noise(o: Observation, range: [number, number] | undefined, unit: number, t: Thresholds): { stderr: number; stderrSource: SeriesPoint['stderrSource'] } {
  if (o.stderr !== undefined && Number.isFinite(o.stderr) && o.stderr > 0) return { stderr: o.stderr, stderrSource: 'file' };
  if (o.n && o.n > 0 && range && range[0] === 0 && range[1] === 1 && o.score >= 0 && o.score <= 1) {
    // Keep p away from 0 and 1, where the binomial formula would claim no noise at all.
    const p = Math.min(Math.max(o.score, 0.5 / o.n), 1 - 0.5 / o.n);
    return { stderr: Math.sqrt((p * (1 - p)) / o.n), stderrSource: 'binomial' };
  }
  return { stderr: t.defaultStderr * Math.abs(unit), stderrSource: 'default' };
}
