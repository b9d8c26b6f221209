// Standalone report entry: the data sit in the page as JSON (never as markup) and the same chart page draws them.
import { ChartApp } from './app';
import type { ReportData, ThresholdRow } from '../../server/src/protocol';
import { breakable, h } from './dom';

const source = document.getElementById('el-data');
const data = JSON.parse(source?.textContent || 'null') as ReportData | null;
const root = document.getElementById('app') ?? document.body;
if (data) {
  const inputs = data.inputs.join(', ');
  new ChartApp(root, {}).show({ kind: 'report', title: data.title, series: data.series, problems: data.problems, note: `From ${inputs}, ${data.generated}.` });
  if (data.thresholds?.length) root.after(thresholdsSection(data.thresholds));
} else {
  root.textContent = 'This report holds no data.';
}

/** Tasks emergent in several families, each family's emergence scale: the seed's "better data lower the threshold". */
function thresholdsSection(rows: readonly ThresholdRow[]): HTMLElement {
  const head = ['Task', 'Family', 'Emerges at', 'FLOPs', 'Onset between'];
  return h(
    'section',
    { class: 'el-thresholds' },
    h('h2', {}, 'Thresholds across families'),
    h('p', {}, 'Each task emergent in two or more families, with the first model of each family clearly above chance (parameters; FLOPs where known) and where the onset lies.'),
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, head.map((t) => h('th', {}, t)))),
      h('tbody', {}, rows.map((r) => h('tr', {}, h('td', {}, breakable(r.task)), h('td', {}, r.family), h('td', {}, r.params), h('td', {}, r.flops), h('td', {}, r.onset)))),
    ),
  );
}
