// Panel model → SVG figure. Observable Plot draws it: plain SVG (exportable as it is), no eval or new Function so
// it runs under a strict CSP, d3's log scales and axes, a small declarative API, and it is actively maintained.
// Colours are never written here: marks draw in currentColor and CSS classes pick theme variables (webview.css).
import { max, min } from 'simple-statistics';
import * as Plot from '@observablehq/plot';
import type { Layer, PanelModel } from './model';
import { tickLabel } from './model';

/** Pixels between the frame and the data at either end of the y axis, so points at 0 or 1 do not sit on the axis. */
const Y_INSET = 8;

export interface PanelSize {
  width: number;
  height: number;
  /** Small multiples: fewer ticks and tighter margins. */
  compact: boolean;
}

/** Multiples of a 1, 2 or 5 × 10^k step inside [min, max], about `count` of them: for spans well under a decade. */
function evenTicks(min: number, max: number, count: number): number[] {
  const raw = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let i = Math.ceil(min / step); i * step <= max; i++) ticks.push(+(i * step).toPrecision(12));
  return ticks;
}

/**
 * Powers of ten when at least `fewest` of them fall inside (two decades by default), else 1-2-5 steps, else even
 * steps (a bits-per-byte axis from 0.93 to 1.33); at most `count` of them, and the ends when nothing round fits.
 */
export function logTicks(min: number, max: number, count: number, fewest = 2): number[] {
  const powers: number[] = [];
  for (let e = Math.ceil(Math.log10(min)); e <= Math.floor(Math.log10(max)); e++) powers.push(10 ** e);
  if (powers.length >= fewest) {
    const step = Math.ceil(powers.length / count);
    return powers.filter((_, i) => i % step === 0);
  }
  const steps: number[] = [];
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) for (const m of [1, 2, 5]) steps.push(m * 10 ** e);
  const inside = steps.filter((v) => v >= min && v <= max);
  if (inside.length >= fewest) return inside.filter((_, i) => i % Math.ceil(inside.length / count) === 0);
  const even = evenTicks(min, max, count);
  return even.length >= 2 ? even : [min, max];
}

function extent(values: number[]): [number, number] {
  const finite = values.filter(Number.isFinite);
  return finite.length ? [min(finite), max(finite)] : [0, 1];
}

function xDomain(panel: PanelModel): [number, number] {
  const forecasts = panel.layers.flatMap((l) => (l.forecast ? [l.forecast.low, l.forecast.high] : []));
  const [lo, hi] = extent([...panel.layers.flatMap((l) => l.points.map((p) => p.x)), ...panel.bands.flatMap((b) => [b.x1, b.x2]), ...panel.rules.map((r) => r.x), ...forecasts].map(Math.log10));
  // A tenth of a decade at least around model scales; a loss spans a fraction of a decade, padded in proportion.
  const pad = panel.axis === 'loss' ? (hi - lo) * 0.06 || 0.01 : Math.max(0.1, (hi - lo) * 0.06);
  return [10 ** (lo - pad), 10 ** (hi + pad)];
}

/**
 * The data, their error bars, fits and baselines, so the axis starts next to the baseline; padded by 5 % but never
 * past the metric's natural range (an accuracy axis does not go below 0). Log axes are padded in decades.
 */
function yDomain(panel: PanelModel): [number, number] {
  const values = [...panel.layers.flatMap((l) => [...l.points.flatMap((p) => [p.lo, p.y, p.hi]), ...(l.fit ?? []).map((f) => f.y), ...(l.forecast?.line ?? []).map((f) => f.y)]), ...panel.baselines.map((b) => b.y)];
  if (panel.yLog) {
    const [lo, hi] = extent(values.filter((v) => v > 0).map(Math.log10));
    const pad = Math.max(0.02, (hi - lo) * 0.05);
    return [10 ** (lo - pad), 10 ** (hi + pad)];
  }
  const [lo, hi] = extent(values);
  const pad = hi > lo ? (hi - lo) * 0.05 : Math.abs(hi) * 0.1 || 0.05;
  const [min, max] = panel.yRange ?? [-Infinity, Infinity];
  return [Math.max(min, lo - pad), Math.min(max, hi + pad)];
}

function yScale(panel: PanelModel, size: PanelSize): Plot.ScaleOptions {
  const count = size.compact ? 4 : 8;
  const common = { domain: yDomain(panel), label: panel.yLabel, grid: true, labelArrow: 'none', insetTop: Y_INSET, insetBottom: Y_INSET } as const;
  if (!panel.yLog) return { ...common, nice: true, ticks: count };
  const [lo, hi] = common.domain;
  // At least three ticks: a perplexity axis from 12 to 120 wants more than 10 and 100.
  return { ...common, type: 'log', ticks: logTicks(lo, hi, count, 3), tickFormat: (v: number) => String(+v.toPrecision(3)) };
}

/** Whose emergence a band is, where several families share the panel: the band in the family's colour, its name on top. */
function bandMarks(panel: PanelModel): Plot.Markish[] {
  const plain = panel.bands.filter((b) => !b.family);
  const owned = panel.bands.flatMap(({ family, ...band }) => (family ? [{ ...band, family }] : []));
  return [
    Plot.rect(plain, { x1: 'x1', x2: 'x2', fill: 'currentColor', className: 'el-emergence el-neutral', title: 'label' }),
    ...owned.flatMap((b, i) => [
      Plot.rect([b], { x1: 'x1', x2: 'x2', fill: 'currentColor', className: `el-emergence el-c${b.family.colour % 8}`, title: 'label' }),
      Plot.text([b.family.name], {
        x: () => Math.sqrt(b.x1 * b.x2),
        text: (name: string) => name,
        frameAnchor: 'top',
        lineAnchor: 'top',
        // Stacked when bands overlap, so two families' names do not print over each other.
        dy: 2 + 13 * i,
        fill: 'currentColor',
        className: `el-band-label el-c${b.family.colour % 8}`,
      }),
    ]),
  ];
}

/** Where each extrapolated fit's midpoint lies, in the top-left corner (rising curves leave it empty). */
function fitNotes(panel: PanelModel, size: PanelSize): Plot.Markish[] {
  if (size.compact) return [];
  const noted = panel.layers.filter((l) => l.fit && l.fitNote);
  return noted.map((l, i) =>
    Plot.text([l.fitNote], { text: (d: string) => d, frameAnchor: 'top-left', lineAnchor: 'top', dx: 4, dy: 4 + 14 * i, fill: 'currentColor', className: `el-fit-note el-c${l.colour % 8}` }),
  );
}

function layerMarks(layer: Layer, index: number, size: PanelSize): Plot.Markish[] {
  const c = `el-c${layer.colour % 8}${layer.without ? ' el-without' : ''}`;
  const marks: Plot.Markish[] = [
    Plot.ruleX(layer.points, { x: 'x', y1: 'lo', y2: 'hi', stroke: 'currentColor', className: `el-errorbar ${c}` }),
    Plot.line(layer.points, { x: 'x', y: 'y', stroke: 'currentColor', className: `el-line ${c}` }),
  ];
  if (layer.fit) {
    // Solid, wide and in the family's colour: never mistaken for the thin dashed baseline it may run along.
    const title = layer.fitNote ?? 'logistic fit';
    marks.push(Plot.line(layer.fit, { x: 'x', y: 'y', stroke: 'currentColor', title: () => title, className: `el-fit ${c}${layer.fitExtrapolated ? ' el-fit-extrapolated' : ''}` }));
  }
  if (layer.forecast) {
    // Dashed, in the family's colour: the forecast beyond the largest model, and its interval at the forecast level.
    const { line, low, high, note } = layer.forecast;
    marks.push(
      Plot.line(line, { x: 'x', y: 'y', stroke: 'currentColor', title: () => note, className: `el-forecast ${c}` }),
      Plot.ruleY([line[1]], { y: 'y', x1: () => low, x2: () => high, stroke: 'currentColor', title: () => note, className: `el-forecast-interval ${c}` }),
    );
  }
  marks.push(
    Plot.dot(layer.points, {
      x: 'x',
      y: 'y',
      r: size.compact ? 3 : 4,
      fill: layer.without ? 'none' : 'currentColor',
      stroke: layer.without ? 'currentColor' : undefined,
      className: `el-points ${c}`,
      // Tag each circle with its layer and point so interactions (tooltip, open file) can find the datum.
      render(idx, scales, values, dimensions, context, next) {
        const g = next!(idx, scales, values, dimensions, context);
        g?.setAttribute('data-layer', String(index));
        Array.from(g?.children ?? []).forEach((circle, j) => circle.setAttribute('data-point', String(idx[j])));
        return g;
      },
    }),
  );
  return marks;
}

/** Draws one panel. Every string in it (labels, titles) goes through Plot's text channels or attributes, never markup. */
export function renderPanel(panel: PanelModel, size: PanelSize, doc: Document = document): SVGSVGElement {
  const [x0, x1] = xDomain(panel);
  const figure = Plot.plot({
    document: doc,
    width: size.width,
    height: size.height,
    className: 'el-plot',
    style: null,
    ariaLabel: `${panel.title}: ${panel.yLabel} against ${panel.xLabel}`,
    marginLeft: size.compact ? 40 : 56,
    marginRight: size.compact ? 10 : 20,
    marginBottom: size.compact ? 36 : 38,
    // A loss falls as models grow: reversed, so larger models stay on the right on every axis.
    x: { type: 'log', domain: [x0, x1], reverse: panel.axis === 'loss', label: panel.xLabel, ticks: logTicks(x0, x1, size.compact ? 4 : 8), tickFormat: tickLabel(panel.axis), labelArrow: 'none' },
    y: yScale(panel, size),
    marks: [
      ...bandMarks(panel),
      Plot.ruleY(panel.baselines, { y: 'y', stroke: 'currentColor', className: 'el-baseline', title: 'label' }),
      Plot.ruleX(panel.rules, { x: 'x', stroke: 'currentColor', className: 'el-technique', title: 'label' }),
      ...panel.layers.flatMap((layer, i) => layerMarks(layer, i, size)),
      ...fitNotes(panel, size),
    ],
  }) as unknown as SVGSVGElement;
  // Plot adds an inline <style> element, which the CSP refuses; webview.css carries the same rules.
  figure.querySelectorAll('style').forEach((s) => s.remove());
  return figure;
}
