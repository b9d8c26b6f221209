// Charts for the extension: the lead wires these functions to commands (see registerCharts' callers).
import { window, type ExtensionContext } from 'vscode';
import { seriesPicks } from '../seriesList';
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
  /** SVG or PNG of the chart in front, saved where the user picks. */
  exportChart(): Promise<void>;
}

export function registerCharts(context: ExtensionContext, source: ChartSource): ChartCommands {
  const panels = new ChartPanels(context, source);
  context.subscriptions.push(panels);

  const pick = async (title: string): Promise<string | undefined> => {
    const editor = window.activeTextEditor;
    const here = editor && source.seriesAt ? await source.seriesAt(editor.document.uri.toString(), editor.selection.active.line) : [];
    if (here.length === 1) return here[0];
    const all = await source.listSeries();
    const candidates = here.length > 1 ? all.filter((s) => here.includes(s.id)) : all;
    if (candidates.length === 0) {
      void window.showInformationMessage('Emergence Lens found no scaling series in this workspace yet.');
      return undefined;
    }
    return (await window.showQuickPick(seriesPicks(candidates), { title, matchOnDescription: true, matchOnDetail: true }))?.seriesId;
  };

  return {
    async plotSeries(id) {
      const chosen = id ?? (await pick('Plot Scaling Curve'));
      if (chosen) await panels.show({ kind: 'series', id: chosen });
    },
    plotAllEmergent: () => panels.show({ kind: 'emergent' }),
    async compareMetrics(id) {
      const chosen = id ?? (await pick('Compare Metrics'));
      if (chosen) await panels.show({ kind: 'compare', id: chosen });
    },
    showReport: () => panels.show({ kind: 'report' }),
    exportChart: () => panels.exportActive(),
  };
}
