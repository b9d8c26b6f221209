// Chart data → panel models: what each panel draws, as plain numbers and strings. No DOM, so it is easy to reason
// about and the drawing code (chart.ts) stays a thin mapping onto Plot marks.
import { max, min } from 'simple-statistics';
import { formatCount, formatExponent } from '../../server/src/core/format';
import { verdictName } from '../../server/src/core/verdict-text';
import type { ChartPoint, ChartSeries, ScaleAxis } from '../../server/src/protocol';
import { AXES } from './contract';

export interface PlotPoint {
  x: number;
  y: number;
  lo: number;
  hi: number;
  model: string;
  /** x formatted as on the axis. */
  scale: string;
  /** "acc: 0.53 ± 0.012 (reported)". */
  value: string;
  n?: number;
  file: string;
  line: number;
}

export interface Layer {
  /** Palette slot (CSS class el-c<colour>). */
  colour: number;
  name: string;
  points: PlotPoint[];
  fit: { x: number; y: number }[] | null;
  fitExtrapolated: boolean;
  /** Said beside an extrapolated fit, whose curve barely leaves chance over the data: where its midpoint lies. */
  fitNote: string | null;
  /** The run without a prompting technique, drawn beside the run with it: dashed, hollow points. */
  without: boolean;
  /** A series still at chance: a dashed line from its largest model to the forecast emergence, and the interval. */
  forecast: { line: { x: number; y: number }[]; low: number; high: number; note: string; method: string; coverage: number } | null;
}

export interface PanelModel {
  title: string;
  subtitle: string;
  axis: ScaleAxis;
  xLabel: string;
  yLabel: string;
  /** Perplexity-like scores: a log y axis. */
  yLog: boolean;
  /** The y axis stays inside the metric's natural range (0–1 for accuracies). */
  yRange: [number, number] | null;
  layers: Layer[];
  baselines: { y: number; label: string }[];
  /** `family` (with its colour) is set where several families share the panel, to say whose band it is. */
  bands: { x1: number; x2: number; label: string; family: { name: string; colour: number } | null }[];
  /** Vertical marks at a scale, such as where a prompting technique starts to help. */
  rules: { x: number; label: string }[];
  /** Layers are not model families (the multi-step panel): the panel carries its own legend. */
  ownLegend: boolean;
}

export type LegendEntry =
  | { kind: 'colour'; colour: number; label: string }
  | { kind: 'baseline'; label: string }
  | { kind: 'band'; label: string }
  | { kind: 'rule'; label: string }
  | { kind: 'without'; label: string }
  | { kind: 'fit'; label: string; faint: boolean }
  | { kind: 'forecast'; label: string };

export const AXIS_LABEL: Record<ScaleAxis, string> = {
  params: 'Parameters',
  flops: 'Training FLOPs',
  tokens: 'Training tokens',
  steps: 'Training step',
  loss: 'Loss',
};

export function scaleOf(p: ChartPoint, axis: ScaleAxis): number | undefined {
  const v = axis === 'params' ? p.params : axis === 'flops' ? p.flops : axis === 'tokens' ? p.tokens : axis === 'loss' ? p.loss : p.step;
  return v !== undefined && v > 0 ? v : undefined;
}

export function tickLabel(axis: ScaleAxis): (v: number) => string {
  return axis === 'flops' ? formatExponent : axis === 'loss' ? (v) => String(+v.toPrecision(3)) : formatCount;
}

/** Axes on which every point of the series has a scale. */
export function seriesAxes(s: ChartSeries): ScaleAxis[] {
  return AXES.filter((a) => s.points.length > 0 && s.points.every((p) => scaleOf(p, a) !== undefined));
}

/** Axes the view's toggle offers: those some series can be drawn on; panels that cannot keep their own. */
export function viewAxes(series: ChartSeries[]): ScaleAxis[] {
  const axes = new Set(series.flatMap(seriesAxes));
  return AXES.filter((a) => axes.has(a));
}

function panelAxis(series: ChartSeries[], wanted: ScaleAxis | undefined): ScaleAxis {
  if (wanted && series.every((s) => seriesAxes(s).includes(wanted))) return wanted;
  return series[0]?.xAxis ?? 'params';
}


/**
 * The verdict label with the caveat the short label (sized for inlay hints) leaves out, for panels that have room:
 * "⚡? possibly emergent ≥ 2.91B (may be chance)".
 */
export function verdictInFull(s: ChartSeries): string {
  return s.verdict === 'possibly-emergent' ? `${s.verdictLabel} (may be chance)` : s.verdictLabel;
}

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Palette slots by family: the workspace's families (and the view's) in one fixed order, so a family has the same
 * colour in every view whichever series a view starts from. The one place colours are assigned.
 */
export function familyColours(series: ChartSeries[], families: readonly string[] = []): Map<string, number> {
  const all = [...new Set([...families, ...series.map((s) => s.family)])].sort(byCodePoint);
  return new Map(all.map((family, i) => [family, i]));
}

const num = (v: number, digits = 4): string => String(+v.toPrecision(digits));

/** Last two path segments: enough to tell lm-eval's one-folder-per-model files apart. */
export function shortPath(file: string): string {
  return file.split(/[\\/]/).slice(-2).join('/');
}

const STDERR_SOURCE: Record<ChartPoint['stderrSource'], string> = {
  file: 'reported',
  binomial: 'binomial from n',
  default: 'assumed',
};

/** y ± err inside the metric's range; on a log axis a bar reaching 0 or below has no lower end to draw. */
function errorBar(y: number, err: number, range: [number, number] | null, log: boolean): { lo: number; hi: number } {
  const [min, max] = range ?? [-Infinity, Infinity];
  const lo = Math.max(min, y - err);
  return { lo: log && lo <= 0 ? NaN : lo, hi: Math.min(max, y + err) };
}

function plotPoint(p: ChartPoint, axis: ScaleAxis, x: number, y: number, bar: { lo: number; hi: number }, value: string): PlotPoint {
  return { x, y, ...bar, model: p.model, scale: tickLabel(axis)(x), value, n: p.n, file: p.file, line: p.line };
}

/** Tooltip lines: model, scale, value ± error, n, file:line. */
export function pointTip(panel: PanelModel, p: PlotPoint): string[] {
  return [p.model, `${panel.xLabel}: ${p.scale}`, p.value, ...(p.n === undefined ? [] : [`n = ${p.n}`]), `${shortPath(p.file)}:${p.line + 1}`];
}

function scorePoints(s: ChartSeries, axis: ScaleAxis): PlotPoint[] {
  return s.points.flatMap((p) => {
    const x = scaleOf(p, axis);
    if (x === undefined) return [];
    const value = `${s.metric}: ${num(p.score)} ± ${num(p.stderr, 2)} (${STDERR_SOURCE[p.stderrSource]})`;
    const bar = errorBar(p.score, p.stderr, s.range, s.logScale);
    // 0 of n: the bar reaches the resolution bound, the most that many items cannot tell from chance.
    if (p.resolution !== undefined) return [plotPoint(p, axis, x, p.score, { ...bar, hi: Math.max(bar.hi, p.resolution) }, `${value}; 0 of ${p.tries !== undefined ? `${p.tries} tries` : p.n} bounds it only below ≈ ${num(p.resolution, 2)} (95 %)`)];
    return [plotPoint(p, axis, x, p.score, bar, value)];
  });
}

const FIT_SAMPLES = 64;

/** The fit lives on the normalised scale of the series' own axis; it is mapped back to score units, and only drawn on that axis. */
function fitCurve(s: ChartSeries, axis: ScaleAxis): { x: number; y: number }[] | null {
  if (!s.fit || !s.baseline || s.ceiling === null || axis !== s.xAxis || s.points.length < 2) return null;
  const { value: base } = s.baseline;
  const top = s.ceiling;
  const us = s.points.map((p) => Math.log10(scaleOf(p, axis) ?? NaN)).filter(Number.isFinite);
  const [u0, u1] = [min(us), max(us)];
  const mid = Math.log10(s.fit.midpoint);
  const { slope } = s.fit;
  return Array.from({ length: FIT_SAMPLES }, (_, i) => {
    const u = u0 + ((u1 - u0) * i) / (FIT_SAMPLES - 1);
    return { x: 10 ** u, y: base + (top - base) / (1 + Math.exp(-slope * (u - mid))) };
  });
}

/** The forecast is on the series' own axis, drawn from its largest model on that axis only. */
function forecastLine(s: ChartSeries, axis: ScaleAxis): Layer['forecast'] {
  const f = s.forecast;
  const last = s.points[s.points.length - 1];
  const x = last && scaleOf(last, axis);
  if (!f || axis !== s.xAxis || x === undefined) return null;
  const label = tickLabel(axis);
  return { line: [{ x, y: last.score }, { x: f.scale, y: f.score }], low: f.low, high: f.high, note: `forecast: emerges at ${label(f.scale)} (${label(f.low)}–${label(f.high)}), ${f.method}`, method: f.method, coverage: f.coverage };
}

/** Where an extrapolated fit's midpoint lies, said beside the curve since the curve itself barely leaves chance. */
function fitNote(s: ChartSeries, axis: ScaleAxis): string | null {
  return s.fit?.extrapolated ? `fit midpoint ${tickLabel(axis)(s.fit.midpoint)}, beyond the data` : null;
}

function band(s: ChartSeries, axis: ScaleAxis, family: PanelModel['bands'][number]['family'] = null): PanelModel['bands'] {
  if (!s.emergence) return [];
  const last = s.points[s.emergence.lastNearChance];
  const first = s.points[s.emergence.firstAbove];
  const x1 = last && scaleOf(last, axis);
  const x2 = first && scaleOf(first, axis);
  if (x1 === undefined || x2 === undefined) return [];
  const f = tickLabel(axis);
  const label = `emerges between ${f(x1)} (${last.model}, last near chance) and ${f(x2)} (${first.model}, first clearly above)`;
  return [{ x1, x2, label: family ? `${family.name}: ${label}` : label, family }];
}

export function baselineLabel(b: NonNullable<ChartSeries['baseline']>): string {
  return `random baseline ${num(b.value)} (${b.assumed ? `assumed: ${b.note}` : b.note})`;
}

/** A compare view's panel title: the metric, saying where it came from; the task too for another task's loss. */
export function comparePanelTitle(s: ChartSeries, main: ChartSeries): string {
  if (s.task !== main.task || s.subtask !== main.subtask) return `Loss view: ${s.label}, ${s.metric}`;
  return s.fromSamples && s.id !== main.id ? `${s.metric} (re-scored from per-sample logs)` : s.metric;
}

/** The technique pairs drawn together in a panel: the series run without, by id, with the technique's name. */
function withoutRuns(drawn: ChartSeries[]): Map<string, ChartSeries> {
  const withs = new Map<string, ChartSeries>();
  for (const s of drawn) if (s.technique && drawn.some((d) => d.id === s.technique?.withoutSeries)) withs.set(s.technique.withoutSeries, s);
  return withs;
}

function layerName(s: ChartSeries, withs: Map<string, ChartSeries>): string {
  const withRun = withs.get(s.id);
  if (withRun) return `${s.family}, without ${withRun.technique?.name}`;
  if (s.technique && withs.has(s.technique.withoutSeries)) return `${s.family}, with ${s.technique.name}`;
  return s.family;
}

/** Where a technique starts to help, on the run with it. */
function techniqueRules(s: ChartSeries, axis: ScaleAxis, withs: Map<string, ChartSeries>): PanelModel['rules'] {
  const t = s.technique;
  if (!t?.helpsFrom || !withs.has(t.withoutSeries)) return [];
  const point = s.points.find((p) => p.model === t.helpsFrom);
  const x = point && scaleOf(point, axis);
  return x === undefined ? [] : [{ x, label: `${t.name} helps from ${tickLabel(axis)(x)} (${point!.model}) on` }];
}

/**
 * One panel of score against scale, one layer per series (families overlaid, a prompting technique's pair side by
 * side). `title` replaces the series label, for panels of one series beside others (Compare Metrics).
 */
/** The x axis's title; the Loss axis names its loss, falling to the right as the models grow. */
function axisTitle(s: ChartSeries | undefined, axis: ScaleAxis): string {
  return axis === 'loss' && s?.lossAxis ? `${AXIS_LABEL.loss}: ${s.lossAxis} (falling →)` : AXIS_LABEL[axis];
}

export function seriesPanel(series: ChartSeries[], wanted: ScaleAxis | undefined, colours: Map<string, number>, title?: string): PanelModel {
  const axis = panelAxis(series, wanted);
  const drawn = series.filter((s) => seriesAxes(s).includes(axis));
  const first = drawn[0] ?? series[0];
  const baselines = new Map<number, string>();
  for (const s of drawn) if (s.baseline && !baselines.has(s.baseline.value)) baselines.set(s.baseline.value, baselineLabel(s.baseline));
  const withs = withoutRuns(drawn);
  const names = drawn.map((s) => layerName(s, withs));
  const subtitle = drawn.length === 1 ? `${first.family} · ${title ? first.label : first.metric} · ${verdictInFull(first)}` : `${first?.metric ?? ''} · ${names.join(', ')}`;
  const colour = (s: ChartSeries) => colours.get(s.family) ?? 0;
  const severalFamilies = new Set(drawn.map((s) => s.family)).size > 1;
  return {
    title: title ?? first?.label ?? '',
    subtitle,
    axis,
    xLabel: axisTitle(first, axis),
    yLabel: first?.metric ?? '',
    yLog: drawn.length > 0 && drawn.every((s) => s.logScale),
    yRange: first?.range ?? null,
    layers: drawn.map((s, i) => ({
      colour: colour(s),
      name: names[i],
      points: scorePoints(s, axis),
      fit: fitCurve(s, axis),
      fitExtrapolated: s.fit?.extrapolated ?? false,
      fitNote: fitNote(s, axis),
      without: withs.has(s.id),
      forecast: forecastLine(s, axis),
    })),
    baselines: [...baselines].map(([y, label]) => ({ y, label })),
    bands: drawn.flatMap((s) => band(s, axis, severalFamilies ? { name: s.family, colour: colour(s) } : null)),
    rules: drawn.flatMap((s) => techniqueRules(s, axis, withs)),
    ownLegend: false,
  };
}

/** Multi-step view: implied per-step accuracy p = s^(1/k) against scale, one layer per k, with s itself as k = 1. */
export function multiStepPanel(s: ChartSeries, wanted: ScaleAxis | undefined): PanelModel | null {
  if (!s.multiStep || s.multiStep.steps.length === 0) return null;
  const axis = panelAxis([s], wanted);
  const clip = (v: number) => Math.min(1, Math.max(0, v));
  const curves = [{ k: 1, values: s.points.map((p) => clip(p.normalized)), name: 'k = 1: normalised score s' }].concat(
    s.multiStep.steps.map((st) => ({ k: st.k, values: st.perStep, name: `k = ${st.k}${st.k === s.multiStep?.knownK ? ' (known)' : ''}: ${verdictName(st.verdict)}` })),
  );
  return {
    title: 'Multi-step view: p = s^(1/k)',
    subtitle: `${s.family} · ${s.label} · ${s.metric}`,
    axis,
    xLabel: AXIS_LABEL[axis],
    yLabel: 'implied per-step accuracy p',
    yLog: false,
    yRange: [0, 1],
    layers: curves.map((c, colour) => ({
      colour,
      name: c.name,
      points: s.points.flatMap((p, i) => {
        const x = scaleOf(p, axis);
        const y = c.values[i];
        return x === undefined || y === undefined ? [] : [plotPoint(p, axis, x, y, { lo: y, hi: y }, `p = ${num(y, 3)} at k = ${c.k} (s = ${num(p.normalized, 3)})`)];
      }),
      fit: null,
      fitExtrapolated: false,
      fitNote: null,
      without: false,
      forecast: null,
    })),
    baselines: [{ y: 0, label: 'chance (normalised score 0)' }],
    bands: band(s, axis),
    rules: [],
    ownLegend: true,
  };
}

export function panelLegend(panel: PanelModel): LegendEntry[] {
  return panel.layers.map((l) => ({ kind: 'colour', colour: l.colour, label: l.name }));
}

/** The view's shared legend: families, then what the dashed lines and bands mean. */
export function viewLegend(panels: PanelModel[]): LegendEntry[] {
  const entries: LegendEntry[] = [];
  const seen = new Set<number>();
  const families = panels.filter((p) => !p.ownLegend).flatMap((p) => p.layers);
  // In palette order: the order families have in every view.
  for (const l of families.filter((l) => !l.without).sort((a, b) => a.colour - b.colour)) {
    if (!seen.has(l.colour)) entries.push({ kind: 'colour', colour: l.colour, label: l.name });
    seen.add(l.colour);
  }
  const without = [...new Set(families.filter((l) => l.without).map((l) => l.name))];
  if (without.length) entries.push({ kind: 'without', label: `dashed, hollow points: ${without.join('; ')}` });
  const baselines = new Set(panels.filter((p) => !p.ownLegend).flatMap((p) => p.baselines.map((b) => b.label)));
  if (baselines.size === 1) entries.push({ kind: 'baseline', label: [...baselines][0] });
  else if (baselines.size > 1) entries.push({ kind: 'baseline', label: 'random baseline (hover a dashed line for its value and source)' });
  const rules = panels.flatMap((p) => p.rules.map((r) => r.label));
  if (rules.length) entries.push({ kind: 'rule', label: rules.length === 1 ? rules[0] : 'where a prompting technique starts to help (hover the line)' });
  const bands = panels.flatMap((p) => p.bands);
  if (bands.length) {
    const whose = bands.some((b) => b.family) ? ', in the colour and under the name of its family' : '';
    entries.push({ kind: 'band', label: `emergence: between the last near-chance and the first clearly-above-chance model${whose}` });
  }
  const layers = panels.flatMap((p) => p.layers);
  if (layers.some((l) => l.fit && !l.fitExtrapolated)) entries.push({ kind: 'fit', label: 'logistic fit', faint: false });
  if (layers.some((l) => l.fit && l.fitExtrapolated)) entries.push({ kind: 'fit', label: 'logistic fit, midpoint beyond the data (faint)', faint: true });
  const forecasts = layers.flatMap((l) => (l.forecast ? [l.forecast] : []));
  if (forecasts.length) {
    const methods = [...new Set(forecasts.map((f) => f.method))].join('; ');
    entries.push({ kind: 'forecast', label: `forecast emergence (${methods}): dashed to the forecast scale, its ${Math.round(100 * forecasts[0].coverage)} % interval as a bar` });
  }
  return entries;
}
