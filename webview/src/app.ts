// The chart page, shared by the editor's webview (main.ts) and the standalone report (report.ts): a header with the
// x-axis toggle, a legend, panels that redraw on resize and on new data, and the report's table and detail.
import { VERDICT_TEXT } from '../../server/src/core/verdict-text';
import { shownAsEmergent, type ChartSeries, type ChartView, type ScaleAxis, type ThresholdRow } from '../../server/src/protocol';
import type { ExportFormat } from './contract';
import { breakable, button, h, setChildren } from './dom';
import { composeSvg, rasterize } from './export';
import { attachPoints, Tooltip, type OpenLocation } from './interact';
import { renderLegend } from './legend';
import { renderPanel } from './chart';
import { AXIS_LABEL, comparePanelTitle, familyColours, multiStepPanel, panelLegend, seriesPanel, viewAxes, viewLegend, type PanelModel } from './model';
import { matchesFilter, pointsTable, seriesTable, type SortState } from './table';

export interface Exported {
  format: ExportFormat;
  data: string;
  width: number;
  height: number;
}

export interface AppHost {
  open?: OpenLocation;
  plot?(kind: 'series' | 'compare', seriesId: string): void;
  /** Set in the editor: exports go to the host, which asks where to save them. */
  exported?(result: Exported): void;
  axisChanged?(axis: ScaleAxis): void;
  error?(message: string): void;
}

type Size = 'single' | 'medium' | 'compact';
/** The axis the user picked, if any: panels that cannot use it keep their own. */
type Axis = ScaleAxis | undefined;
/** A panel's model for an axis; null hides the panel (no multi-step view for this series). */
type Maker = (axis: Axis) => PanelModel | null;
const HEIGHT: Record<Size, (width: number) => number> = {
  single: (w) => Math.round(Math.min(460, Math.max(280, w * 0.55))),
  medium: () => 290,
  compact: () => 200,
};

interface Slot {
  section: HTMLElement;
  plot: HTMLElement;
  title: HTMLElement;
  sub: HTMLElement;
  extras: HTMLElement;
  size: Size;
  detail: boolean;
  make: Maker;
  model?: PanelModel | null;
  drawn?: string;
  /** Points table under the panel (the single chart and the report detail's first panel). */
  table: boolean;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export class ChartApp {
  private view: ChartView | null = null;
  private slots: Slot[] = [];
  private colours = new Map<string, number>();
  private sort: SortState = { column: 3, descending: false };
  private filter = '';
  private selected: string | undefined;
  private readonly tooltip: Tooltip;
  private legendHost = h('div', { class: 'el-view-legend-host' });
  private tableHost = h('div', { class: 'el-table-host' });
  private tableCount = h('p', { class: 'el-table-count', 'aria-live': 'polite' });
  private detailHost = h('section', { class: 'el-detail', 'aria-live': 'polite', hidden: '' });
  private frame = 0;

  constructor(
    private readonly root: HTMLElement,
    private readonly host: AppHost,
    private axis?: ScaleAxis,
  ) {
    this.tooltip = new Tooltip(root);
    new ResizeObserver(() => {
      cancelAnimationFrame(this.frame);
      this.frame = requestAnimationFrame(() => this.draw(false));
    }).observe(root);
  }

  show(view: ChartView): void {
    this.view = view;
    this.colours = familyColours(view.series, view.families);
    if (this.axis && !viewAxes(view.series).includes(this.axis)) this.axis = undefined;
    if (!view.series.some((s) => s.id === this.selected)) this.selected = undefined;
    this.slots = [];
    setChildren(this.root, this.header(view), this.legendHost, this.body(view), this.tooltip.element);
    this.draw(true);
  }

  setAxis(axis: ScaleAxis): void {
    this.axis = axis;
    this.host.axisChanged?.(axis);
    this.draw(true);
  }

  async exportAs(format: ExportFormat): Promise<void> {
    try {
      const svg = composeSvg(this.root);
      const result = format === 'svg' ? { format, data: svg.svg, width: svg.width, height: svg.height } : { format, ...(await rasterize(svg)) };
      this.host.exported?.(result);
    } catch (error) {
      this.host.error?.(`Export failed: ${(error as Error).message}`);
    }
  }

  private header(view: ChartView): HTMLElement {
    const axes = viewAxes(view.series);
    const current = this.axis ?? view.series[0]?.xAxis;
    const toolbar = h('div', { class: 'el-toolbar', role: 'toolbar', 'aria-label': 'Chart options' });
    if (axes.length > 1) {
      const group = h('fieldset', { class: 'el-axis-toggle' }, h('legend', {}, 'Scale'));
      for (const axis of axes) {
        const input = h('input', { type: 'radio', name: 'el-axis', value: axis });
        input.checked = axis === current;
        input.addEventListener('change', () => input.checked && this.setAxis(axis));
        group.append(h('label', {}, input, AXIS_LABEL[axis]));
      }
      toolbar.append(group);
    }
    if (this.host.exported) toolbar.append(button('Export SVG', () => void this.exportAs('svg')), button('Export PNG', () => void this.exportAs('png')));
    return h('header', { class: 'el-header' }, h('h1', {}, view.title), view.note ? h('p', { class: 'el-note' }, view.note) : null, toolbar);
  }

  private body(view: ChartView): HTMLElement[] {
    const [main, ...others] = view.series;
    switch (view.kind) {
      case 'series':
        return main ? [this.grid('single', [(axis) => seriesPanel(view.series, axis, this.colours)], false, true)] : [this.empty('This series is no longer in the workspace.')];
      case 'emergent':
        return view.series.length ? [this.emergentGrid(view.series)] : [this.empty('No emergent or possibly emergent series in the workspace.')];
      case 'compare':
        return main ? [this.grid('medium', this.comparePanels(main, others))] : [this.empty('This series is no longer in the workspace.')];
      case 'report':
        return this.report(view);
      case 'thresholds':
        return this.thresholds(view);
    }
  }

  /** One chart per task with every family that gets it (each band labelled by its family), then the table. */
  private thresholds(view: ChartView): HTMLElement[] {
    if (!view.series.length) return [this.empty('No task is emergent in two or more families.')];
    return [this.thresholdCharts(view.series), ...(view.thresholds?.length ? [thresholdsSection(view.thresholds)] : [])];
  }

  /** One panel per task, every family of it drawn together. */
  private thresholdCharts(series: ChartSeries[]): HTMLElement {
    const byTask = new Map<string, ChartSeries[]>();
    for (const s of series) {
      const key = `${s.label}\u0000${s.metric}`;
      byTask.set(key, [...(byTask.get(key) ?? []), s]);
    }
    return this.grid('medium', [...byTask.values()].map((families) => (axis: Axis) => seriesPanel(families, axis, this.colours)));
  }

  /** Small multiples, one series each: the subtitle carries its verdict label ("possibly emergent … (may be chance)"). */
  private emergentGrid(series: ChartSeries[]): HTMLElement {
    return this.grid('compact', series.map((s) => (axis: Axis) => seriesPanel([s], axis, this.colours)));
  }

  private comparePanels(main: ChartSeries, siblings: ChartSeries[]): Maker[] {
    return [...[main, ...siblings].map((s) => (axis: Axis) => seriesPanel([s], axis, this.colours, comparePanelTitle(s, main))), (axis: Axis) => multiStepPanel(main, axis)];
  }

  private empty(message: string): HTMLElement {
    return h('p', { class: 'el-empty' }, message);
  }

  /** `table`: a points table under the first panel. */
  private grid(size: Size, makers: Maker[], detail = false, table = false): HTMLElement {
    const grid = h('div', { class: `el-grid el-grid-${size}` });
    makers.forEach((make, i) => {
      const slot: Slot = {
        section: h('section', { class: 'el-panel' }),
        plot: h('div', { class: 'el-plot-host' }),
        title: h('h2', { class: 'el-panel-title' }),
        sub: h('p', { class: 'el-panel-sub' }),
        extras: h('div', { class: 'el-panel-extras' }),
        size,
        detail,
        make,
        table: table && i === 0,
      };
      slot.section.append(slot.title, slot.sub, slot.plot, slot.extras);
      grid.append(slot.section);
      this.slots.push(slot);
    });
    return grid;
  }

  private draw(force: boolean): void {
    for (const slot of this.slots) {
      const width = slot.plot.clientWidth;
      const key = `${width}|${this.axis}`;
      if (width === 0 || (!force && slot.drawn === key)) continue;
      slot.drawn = key;
      slot.model = slot.make(this.axis);
      slot.section.hidden = slot.model === null;
      if (!slot.model) continue;
      const model = slot.model;
      slot.title.replaceChildren(breakable(model.title));
      slot.title.setAttribute('title', model.title);
      slot.sub.textContent = model.subtitle;
      const svg = renderPanel(model, { width, height: HEIGHT[slot.size](width), compact: slot.size === 'compact' });
      attachPoints(svg, model, this.tooltip, this.host.open);
      slot.plot.replaceChildren(svg);
      setChildren(slot.extras, model.ownLegend && renderLegend(panelLegend(model), 'Step counts'), slot.table && pointsTable(model, this.host.open));
    }
    const models = this.slots.map((s) => s.model).filter((m): m is PanelModel => !!m);
    const entries = viewLegend(models);
    setChildren(this.legendHost, entries.length > 0 && renderLegend(entries, 'Legend'));
    this.legendHost.firstElementChild?.classList.add('el-view-legend');
  }

  private report(view: ChartView): HTMLElement[] {
    const counts = new Map<ChartSeries['verdict'], number>();
    for (const s of view.series) counts.set(s.verdict, (counts.get(s.verdict) ?? 0) + 1);
    const summary = `${view.series.length} series: ${[...counts].map(([v, n]) => `${n} ${VERDICT_TEXT[v].name}`).join(', ') || 'none'}`;
    const emergent = view.series.filter((s) => shownAsEmergent(s.verdict));
    const possibly = emergent.filter((s) => s.verdict === 'possibly-emergent').length;
    const parts = [
      h('p', { class: 'el-summary' }, summary),
      h('h2', { class: 'el-section-title' }, possibly ? `Emergent series (${emergent.length - possibly}) and possibly emergent (${possibly}, may be chance)` : `Emergent series (${emergent.length})`),
      emergent.length ? this.emergentGrid(emergent) : this.empty('No emergent series.'),
      h('h2', { class: 'el-section-title' }, 'All series'),
      this.filterBox(),
      this.tableCount,
      this.tableHost,
      this.detailHost,
    ];
    if (view.thresholds?.length) {
      const ids = new Set(view.thresholds.map((r) => r.seriesId));
      parts.push(thresholdsSection(view.thresholds), this.thresholdCharts(view.series.filter((s) => ids.has(s.id))));
    }
    const problems = view.problems ?? [];
    if (problems.length) {
      parts.push(
        h(
          'details',
          { class: 'el-problems' },
          h('summary', {}, plural(problems.length, 'problem')),
          h('ul', {}, problems.map((p) => h('li', {}, `${p.file}:${p.line + 1}: ${p.severity}: ${p.message}`))),
        ),
      );
    }
    this.renderTable();
    this.renderDetail();
    return parts;
  }

  /** Narrows the table as one types: 517 rows are too many to scan. */
  private filterBox(): HTMLElement {
    const input = h('input', { type: 'search', class: 'el-filter', placeholder: 'task, family, metric or verdict', 'aria-label': 'Filter series', value: this.filter });
    input.addEventListener('input', () => {
      this.filter = input.value;
      this.renderTable();
    });
    return h('label', { class: 'el-filter-box' }, h('span', {}, 'Filter'), input);
  }

  private renderTable(): void {
    const all = this.view?.series ?? [];
    const series = all.filter((s) => matchesFilter(s, this.filter));
    this.tableCount.textContent = this.filter.trim() ? `${series.length} of ${all.length} series match` : '';
    this.tableHost.replaceChildren(
      seriesTable(series, {
        sort: this.sort,
        selected: this.selected,
        open: this.host.open,
        onSort: (sort) => {
          this.sort = sort;
          this.renderTable();
          this.tableHost.querySelectorAll<HTMLElement>('th button')[sort.column]?.focus();
        },
        onSelect: (id) => this.select(id),
      }),
    );
  }

  private select(id: string): void {
    this.selected = id;
    this.renderTable();
    this.renderDetail();
    this.draw(false);
    this.detailHost.scrollIntoView({ block: 'nearest' });
  }

  private renderDetail(): void {
    this.slots = this.slots.filter((s) => !s.detail);
    const s = this.view?.series.find((x) => x.id === this.selected);
    this.detailHost.hidden = !s;
    if (!s) return this.detailHost.replaceChildren();
    const ids = [...new Set([...s.siblings.map((sib) => sib.seriesId), ...s.loss.map((l) => l.seriesId)])];
    const siblings = ids.map((id) => this.view?.series.find((x) => x.id === id)).filter((x): x is ChartSeries => !!x);
    const actions = this.host.plot
      ? h('div', { class: 'el-toolbar' }, button('Open chart', () => this.host.plot?.('series', s.id)), siblings.length || s.multiStep ? button('Compare metrics', () => this.host.plot?.('compare', s.id)) : null)
      : null;
    const grid = this.grid('medium', this.comparePanels(s, siblings), true, true);
    const about = h('p', { class: 'el-note' }, `${s.family} · ${s.metric} · ${s.verdictLabel}: ${s.reason}`);
    setChildren(this.detailHost, h('h2', { class: 'el-section-title' }, s.label), about, actions, grid);
  }
}

/** Tasks emergent in several families, each family's emergence scale: the seed's "better data lower the threshold". */
function thresholdsSection(rows: readonly ThresholdRow[]): HTMLElement {
  const head = ['Task', 'Family', 'Emerges at', 'FLOPs', 'Onset between'];
  return h(
    'section',
    { class: 'el-thresholds' },
    h('h2', { class: 'el-section-title' }, 'Thresholds across families'),
    h('p', {}, 'Each task emergent in two or more families, with the first model of each family clearly above chance (parameters; FLOPs where known) and where the onset lies.'),
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, head.map((t) => h('th', {}, t)))),
      h('tbody', {}, rows.map((r) => h('tr', {}, h('td', {}, breakable(r.task)), h('td', {}, r.family), h('td', {}, r.params), h('td', {}, r.flops), h('td', {}, r.onset)))),
    ),
  );
}
