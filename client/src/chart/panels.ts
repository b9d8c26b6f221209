// Chart panels: one per view kind (revealed, not duplicated), restored after a reload by the serializer, refreshed
// when the index changes, and the only place that acts on the webview's (validated) messages.
import {
  commands,
  Range,
  Uri,
  ViewColumn,
  window,
  workspace,
  type Disposable,
  type Event,
  type ExtensionContext,
  type WebviewPanel,
  type WebviewOptions,
} from 'vscode';
import { sourceUri } from '../archiveView';
import type { ChartView, ViewKind, ViewRequest } from '../../../server/src/protocol';
import { parseState, parseWebviewMessage, type ExportFormat, type HostMessage, type WebviewMessage } from '../../../webview/src/contract';
import { chartHtml, makeNonce, VIEW_TYPE } from './html';

export interface ChartSource {
  /** The server's emergenceLens/chartView: everything the panel shows, in one answer. */
  chartView(request: ViewRequest): Promise<ChartView>;
  onDidChangeIndex: Event<unknown>;
  /** The series under the cursor, else one the user picks; undefined when they cancel. */
  pickSeries(title: string): Promise<string | undefined>;
}

const TITLES: Record<ViewKind, string> = {
  series: 'Scaling Curve',
  emergent: 'Emergent Tasks',
  compare: 'Compare Metrics',
  report: 'Emergence Report',
  thresholds: 'Thresholds Across Families',
};

const REFRESH_DELAY_MS = 400;

interface Entry {
  panel: WebviewPanel;
  request: ViewRequest;
  view?: ChartView;
  /** The page has loaded and listens (a hidden webview is unloaded and loads again when shown). */
  ready: boolean;
  stale: boolean;
  generation: number;
}

export class ChartPanels implements Disposable {
  private readonly entries = new Map<ViewKind, Entry>();
  private active: Entry | undefined;
  private readonly disposables: Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly context: ExtensionContext,
    private readonly source: ChartSource,
  ) {
    this.disposables.push(
      window.registerWebviewPanelSerializer(VIEW_TYPE, { deserializeWebviewPanel: async (panel, state) => this.revive(panel, state) }),
      source.onDidChangeIndex(() => {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.refreshAll(), REFRESH_DELAY_MS);
      }),
    );
  }

  async show(request: ViewRequest): Promise<void> {
    const existing = this.entries.get(request.kind);
    if (existing) {
      existing.request = request;
      existing.panel.reveal(undefined, true);
      return this.refresh(existing);
    }
    const panel = window.createWebviewPanel(VIEW_TYPE, TITLES[request.kind], { viewColumn: ViewColumn.Beside, preserveFocus: true }, { enableFindWidget: true });
    await this.adopt(panel, request);
  }

  /** Asks the chart in front (or the last one in front) for an export; the answer arrives as an `exported` message. */
  async exportActive(): Promise<void> {
    const entry = this.active ?? [...this.entries.values()].find((e) => e.panel.visible);
    if (!entry) {
      void window.showInformationMessage('Open a chart first (Emergence Lens: Plot Scaling Curve, Plot All Emergent Tasks, ...).');
      return;
    }
    const picked = await window.showQuickPick(
      [
        { label: 'SVG', description: 'vector image, theme colours kept', format: 'svg' as const },
        { label: 'PNG', description: 'bitmap at twice the on-screen size', format: 'png' as const },
      ],
      { title: 'Export Chart', placeHolder: 'Format' },
    );
    if (picked) this.post(entry, { type: 'export', format: picked.format });
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const entry of this.entries.values()) entry.panel.dispose();
    for (const d of this.disposables) d.dispose();
  }

  private options(): WebviewOptions {
    return { enableScripts: true, localResourceRoots: [Uri.joinPath(this.context.extensionUri, 'dist')] };
  }

  private async revive(panel: WebviewPanel, state: unknown): Promise<void> {
    const { request } = parseState(state);
    // Nothing to rebuild from, or a panel of that kind is already open: a duplicate would break "one per kind".
    if (!request || this.entries.has(request.kind)) return panel.dispose();
    await this.adopt(panel, request);
  }

  private async adopt(panel: WebviewPanel, request: ViewRequest): Promise<void> {
    const entry: Entry = { panel, request, ready: false, stale: true, generation: 0 };
    this.entries.set(request.kind, entry);
    this.active = entry;
    this.updateContext();
    const dist = Uri.joinPath(this.context.extensionUri, 'dist');
    panel.webview.options = this.options();
    panel.webview.html = chartHtml(
      {
        cspSource: panel.webview.cspSource,
        script: panel.webview.asWebviewUri(Uri.joinPath(dist, 'webview.js')).toString(),
        style: panel.webview.asWebviewUri(Uri.joinPath(dist, 'webview.css')).toString(),
      },
      makeNonce(),
    );
    const listeners: Disposable[] = [
      panel.webview.onDidReceiveMessage((raw) => this.receive(entry, raw)),
      panel.onDidChangeViewState(({ webviewPanel }) => {
        if (webviewPanel.active) this.active = entry;
        // Hidden webviews are unloaded; the page says `ready` again when it comes back.
        if (!webviewPanel.visible) entry.ready = false;
        else if (entry.stale) void this.refresh(entry);
      }),
    ];
    panel.onDidDispose(() => {
      listeners.forEach((l) => l.dispose());
      if (this.entries.get(request.kind) === entry) this.entries.delete(request.kind);
      if (this.active === entry) this.active = undefined;
      this.updateContext();
    });
    await this.refresh(entry);
  }

  /** Export Chart is offered in the palette while any chart is open: it exports the one last in front. */
  private updateContext(): void {
    void commands.executeCommand('setContext', 'emergenceLens.chartOpen', this.entries.size > 0);
  }

  private refreshAll(): void {
    for (const entry of this.entries.values()) {
      entry.stale = true;
      if (entry.panel.visible) void this.refresh(entry);
    }
  }

  private async refresh(entry: Entry): Promise<void> {
    const generation = ++entry.generation;
    let view: ChartView;
    try {
      view = await this.source.chartView(entry.request);
    } catch (error) {
      void window.showErrorMessage(`Emergence Lens: cannot load the chart data: ${(error as Error).message}`);
      return;
    }
    // A newer refresh started meanwhile; its answer wins.
    if (generation !== entry.generation) return;
    entry.view = view;
    entry.stale = false;
    entry.panel.title = view.title;
    this.sendView(entry);
  }

  private sendView(entry: Entry): void {
    if (entry.view) this.post(entry, { type: 'view', view: entry.view, request: entry.request });
  }

  private post(entry: Entry, message: HostMessage): void {
    if (entry.ready) void entry.panel.webview.postMessage(message);
  }

  private receive(entry: Entry, raw: unknown): void {
    const message = parseWebviewMessage(raw);
    if (!message) return;
    void this.handle(entry, message);
  }

  private async handle(entry: Entry, message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        entry.ready = true;
        if (entry.stale) return this.refresh(entry);
        return this.sendView(entry);
      case 'open':
        return this.open(entry, message.file, message.line);
      case 'plot':
        // Only series the page was given: the webview cannot make the host fetch arbitrary ids.
        if (entry.view?.series.some((s) => s.id === message.seriesId)) await this.show({ kind: message.kind, id: message.seriesId });
        return;
      case 'exported':
        return this.save(entry, message.format, message.data);
      case 'error':
        void window.showErrorMessage(`Emergence Lens: ${message.message}`);
        return;
    }
  }

  /** Opens a point's line, and only for files the chart was given. */
  private async open(entry: Entry, file: string, line: number): Promise<void> {
    const known = entry.view?.series.some((s) => s.points.some((p) => p.file === file));
    if (!known) return;
    const position = new Range(line, 0, line, 0);
    await window.showTextDocument(sourceUri(Uri.file(file)), { selection: position, viewColumn: ViewColumn.One, preview: true });
  }

  private async save(entry: Entry, format: ExportFormat, data: string): Promise<void> {
    const name = (entry.view?.title ?? 'chart').replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'chart';
    const folder = workspace.workspaceFolders?.[0]?.uri;
    const target = await window.showSaveDialog({
      title: `Export Chart as ${format.toUpperCase()}`,
      defaultUri: folder ? Uri.joinPath(folder, `${name}.${format}`) : undefined,
      filters: format === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] },
    });
    if (!target) return;
    const bytes = format === 'svg' ? Buffer.from(data, 'utf8') : Buffer.from(data, 'base64');
    await workspace.fs.writeFile(target, bytes);
    void window.showInformationMessage(`Chart saved to ${target.fsPath}`);
  }
}
