// Standalone report entry: the data sit in the page as JSON (never as markup) and the same chart page draws them.
import { ChartApp } from './app';
import type { ReportData } from '../../server/src/protocol';

const source = document.getElementById('el-data');
const data = JSON.parse(source?.textContent || 'null') as ReportData | null;
const root = document.getElementById('app') ?? document.body;
if (data) {
  const inputs = data.inputs.join(', ');
  new ChartApp(root, {}).show({ kind: 'report', title: data.title, series: data.series, problems: data.problems, thresholds: data.thresholds, note: `From ${inputs}, ${data.generated}.` });
} else {
  root.textContent = 'This report holds no data.';
}
