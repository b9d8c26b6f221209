// Explorer view "Emergence Lens: Series": series grouped by verdict, emergent first, by breakthroughness.
// Refreshed from the server's indexChanged notification; a click shows the series.
import { EventEmitter, ThemeIcon, TreeItem, TreeItemCollapsibleState, window, type Disposable, type TreeDataProvider, type TreeView } from 'vscode';
import { LIST_SERIES, type ListSeriesResult, type SeriesSummary } from '../../server/src/protocol';
import { COMMAND_IDS } from './commandIds';
import type { LensClient } from './lensClient';
import { groupByVerdict, seriesDescription, seriesName, seriesTooltip, VERDICT_GROUPS, type VerdictGroup } from './seriesList';

export type SeriesNode = { kind: 'group'; group: VerdictGroup } | { kind: 'series'; seriesId: string; summary: SeriesSummary };

const REFRESH_DELAY_MS = 300;

export class SeriesView implements TreeDataProvider<SeriesNode>, Disposable {
  private readonly changed = new EventEmitter<SeriesNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: TreeView<SeriesNode>;
  private readonly subscriptions: Disposable[];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly lens: LensClient) {
    this.view = window.createTreeView('emergenceLens.series', { treeDataProvider: this, showCollapseAll: true });
    this.subscriptions = [this.view, this.changed, lens.onIndexChanged(() => this.refreshSoon()), lens.onStateChanged(() => this.refreshSoon())];
  }

  /** Index notifications come in bursts while typing: one listSeries per burst. */
  private refreshSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.changed.fire(undefined), REFRESH_DELAY_MS);
  }

  async getChildren(node?: SeriesNode): Promise<SeriesNode[]> {
    if (node?.kind === 'series') return [];
    if (node?.kind === 'group') return node.group.series.map((summary) => ({ kind: 'series', seriesId: summary.id, summary }));
    if (this.lens.state !== 'running') return [];
    let list: ListSeriesResult;
    try {
      list = (await this.lens.request<ListSeriesResult>(LIST_SERIES, {})) ?? [];
    } catch {
      return []; // the server went away meanwhile; the welcome view says so
    }
    this.view.description = list.length ? `${list.length}` : undefined;
    return groupByVerdict(list).map((group) => ({ kind: 'group', group }));
  }

  getTreeItem(node: SeriesNode): TreeItem {
    if (node.kind === 'group') {
      const { verdict, series } = node.group;
      const item = new TreeItem(VERDICT_GROUPS[verdict].title, verdict === 'emergent' ? TreeItemCollapsibleState.Expanded : TreeItemCollapsibleState.Collapsed);
      item.id = `verdict:${verdict}`;
      item.description = `${series.length}`;
      item.iconPath = new ThemeIcon(VERDICT_GROUPS[verdict].icon);
      item.contextValue = 'verdict';
      return item;
    }
    const s = node.summary;
    const item = new TreeItem(seriesName(s), TreeItemCollapsibleState.None);
    item.id = `series:${s.id}`;
    item.description = seriesDescription(s);
    item.tooltip = seriesTooltip(s);
    item.contextValue = 'series';
    item.command = { title: 'Plot Scaling Curve', command: COMMAND_IDS.plotSeries, arguments: [{ seriesId: s.id }] };
    return item;
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
  }
}
