// Chart commands of the extension: plot one series, all emergent ones, compare metrics, the report, export.
import type { ExtensionContext } from 'vscode';
import { ChartPanels, type ChartSource } from './panels';

export type { ChartSource } from './panels';
export { VIEW_TYPE } from './html';

export interface ChartCommands {
  /** The given series, else the one under the cursor, else a quick pick; other families of the same task are overlaid. */
  plotSeries(id?: string): Promise<void>;
  /** Small multiples of every emergent series. */
  plotAllEmergent(): Promise<void>;
  /** The series beside its sibling metrics, plus the multi-step view. */
  compareMetrics(id?: string): Promise<void>;
  /** Sortable table of every series with charts. */
  showReport(): Promise<void>;
  /** Each task emergent in two or more families, charted with every family, and their emergence scales. */
  showThresholds(): Promise<void>;
  /** SVG or PNG of the chart in front, saved where the user picks. */
  exportChart(): Promise<void>;
}

export function registerCharts(context: ExtensionContext, source: ChartSource): ChartCommands {
  const panels = new ChartPanels(context, source);
  context.subscriptions.push(panels);

  return {
    async plotSeries(id) {
      const chosen = id ?? (await source.pickSeries('Plot which series?'));
      if (chosen) await panels.show({ kind: 'series', id: chosen });
    },
    plotAllEmergent: () => panels.show({ kind: 'emergent' }),
    async compareMetrics(id) {
      const chosen = id ?? (await source.pickSeries('Compare the metrics of which series?'));
      if (chosen) await panels.show({ kind: 'compare', id: chosen });
    },
    showReport: () => panels.show({ kind: 'report' }),
    showThresholds: () => panels.show({ kind: 'thresholds' }),
    exportChart: () => panels.exportActive(),
  };
}
