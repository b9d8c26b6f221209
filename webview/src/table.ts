// Tables beside the charts: the points of a panel (the keyboard way to every datum) and the report's sortable
// list of every series.
import { formatScale } from '../../server/src/core/format';
import { VERDICT_ORDER, type ChartSeries } from '../../server/src/protocol';
import { breakable, button, h } from './dom';
import type { OpenLocation } from './interact';
import { shortPath, verdictInFull, type PanelModel } from './model';

function location(file: string, line: number, open: OpenLocation | undefined): Node {
  const text = `${shortPath(file)}:${line + 1}`;
  return open ? button(breakable(text), () => open(file, line), { class: 'el-link', title: file }) : h('span', { title: file }, breakable(text));
}

export function pointsTable(panel: PanelModel, open: OpenLocation | undefined): HTMLElement {
  const several = panel.layers.length > 1;
  const head = h('tr', {}, [several ? 'Family' : '', 'Model', panel.xLabel, 'Value', 'n', 'Location'].filter(Boolean).map((c) => h('th', { scope: 'col' }, c)));
  const rows = panel.layers.flatMap((layer) =>
    layer.points.map((p) =>
      h('tr', {}, several && h('td', {}, layer.name), h('td', {}, p.model), h('td', {}, p.scale), h('td', {}, p.value), h('td', {}, p.n === undefined ? '' : String(p.n)), h('td', {}, location(p.file, p.line, open))),
    ),
  );
  // Scrolls inside its panel rather than widening the page in a narrow editor.
  const table = h('div', { class: 'el-scroll-x' }, h('table', {}, h('thead', {}, head), h('tbody', {}, rows)));
  return h('details', { class: 'el-points-table' }, h('summary', {}, `Data points (${rows.length})`), table);
}

interface Column {
  title: string;
  /** Sort key; null sorts last in either direction. */
  key: (s: ChartSeries) => number | string | null;
  text: (s: ChartSeries) => string;
  /** Names that may wrap at their joints (see breakable). */
  names?: boolean;
  numeric?: boolean;
}

const fixed = (v: number | null | undefined, digits: number): string => (v === null || v === undefined ? '' : v.toFixed(digits));

function emergenceScale(s: ChartSeries): number | null {
  const p = s.emergence ? s.points[s.emergence.firstAbove] : undefined;
  if (!p) return null;
  return { params: p.params, flops: p.flops, tokens: p.tokens, steps: p.step }[s.xAxis] ?? null;
}

/** "2.0 SE", and when the claim does not survive the multiple-comparison correction, "2.0 SE · may be chance (q 0.412)". */
function significance(s: ChartSeries): string {
  const e = s.emergence;
  if (!e) return '';
  const z = `${e.jumpZ.toFixed(1)} SE`;
  return s.significance && !s.significance.significant ? `${z} · may be chance (q ${+s.significance.q.toPrecision(3)})` : z;
}

const COLUMNS: Column[] = [
  { title: 'Task', key: (s) => s.label.toLowerCase(), text: (s) => s.label },
  { title: 'Family', key: (s) => s.family.toLowerCase(), text: (s) => s.family, names: true },
  { title: 'Metric', key: (s) => s.metric.toLowerCase(), text: (s) => s.metric, names: true },
  { title: 'Verdict', key: (s) => VERDICT_ORDER.indexOf(s.verdict), text: (s) => s.verdictLabel },
  { title: 'Emerges at', key: emergenceScale, text: (s) => { const v = emergenceScale(s); return v === null ? '' : formatScale(v, s.xAxis); }, numeric: true },
  { title: 'Jump', key: (s) => s.emergence?.jump ?? null, text: (s) => (s.emergence ? `${(100 * s.emergence.jump).toFixed(0)} pts` : ''), numeric: true },
  { title: 'Significance', key: (s) => s.emergence?.jumpZ ?? null, text: significance, numeric: true },
  { title: 'Breakthroughness', key: (s) => s.breakthroughness, text: (s) => fixed(s.breakthroughness, 1), numeric: true },
  { title: 'Linearity', key: (s) => s.linearity, text: (s) => fixed(s.linearity, 1), numeric: true },
];

/** Every word of the query appears in the row's task, family, metric or verdict (any case; "chance" finds jumps that may be chance). */
export function matchesFilter(s: ChartSeries, query: string): boolean {
  const text = `${s.label} ${s.family} ${s.metric} ${verdictInFull(s)}`.toLowerCase();
  return query.toLowerCase().split(/\s+/).every((word) => text.includes(word));
}

export interface SortState {
  column: number;
  descending: boolean;
}

function compare(column: Column, descending: boolean) {
  return (a: ChartSeries, b: ChartSeries): number => {
    const [x, y] = [column.key(a), column.key(b)];
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return descending ? -order : order;
  };
}

/** Verdict order (emergent first), then the most breakthrough-like first, as the CLI lists them. */
export function sortRows(series: ChartSeries[], sort: SortState): ChartSeries[] {
  const byBreakthrough = compare(COLUMNS[7], true);
  const primary = compare(COLUMNS[sort.column], sort.descending);
  return [...series].sort((a, b) => primary(a, b) || byBreakthrough(a, b) || a.id.localeCompare(b.id));
}

export interface SeriesTableOptions {
  sort: SortState;
  selected?: string;
  onSort(sort: SortState): void;
  onSelect(id: string): void;
  open?: OpenLocation;
}

export function seriesTable(series: ChartSeries[], o: SeriesTableOptions): HTMLTableElement {
  const head = h(
    'tr',
    {},
    COLUMNS.map((c, i) => {
      const active = o.sort.column === i;
      const sort = active ? (o.sort.descending ? 'descending' : 'ascending') : 'none';
      const next = () => o.onSort({ column: i, descending: active ? !o.sort.descending : !!c.numeric });
      return h('th', { scope: 'col', 'aria-sort': sort, class: c.numeric ? 'el-num' : undefined }, button(c.title, next, { class: 'el-sort' }));
    }),
    h('th', { scope: 'col' }, 'Location'),
  );
  const rows = sortRows(series, o.sort).map((s) => {
    const first = s.points[0];
    const row = h(
      'tr',
      { 'data-series': s.id, class: `el-verdict-${s.verdict}`, 'aria-current': s.id === o.selected ? 'true' : undefined },
      h('td', {}, button(breakable(s.label), () => o.onSelect(s.id), { class: 'el-link', title: s.reason })),
      // data-label names the cell where a narrow editor stacks each row as a card, away from its column header.
      COLUMNS.slice(1).map((c) => h('td', { class: c.numeric ? 'el-num' : undefined, 'data-label': c.title }, c.names ? breakable(c.text(s)) : c.text(s))),
      h('td', { 'data-label': 'Location' }, first ? location(first.file, first.line, o.open) : ''),
    );
    row.addEventListener('click', (event) => {
      if (!(event.target instanceof HTMLButtonElement)) o.onSelect(s.id);
    });
    return row;
  });
  return h('table', { class: 'el-series-table' }, h('thead', {}, head), h('tbody', {}, rows));
}
