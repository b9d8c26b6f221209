// Emergence Lens in VS Code: starts the language server and adds the glue the protocol has no words for
// (Explorer view, chart panels, commands that write emergence-lens.json). The analysis is all in the server.
import { commands, window, type Disposable, type ExtensionContext } from 'vscode';
import { ARCHIVE_TEXT, CHART_VIEW, type ArchiveTextResult, type ChartViewResult } from '../../server/src/protocol';
import { registerArchiveView } from './archiveView';
import { registerCharts } from './chart';
import { pickSeries, registerCommands } from './commands';
import { LensClient } from './lensClient';
import { SeriesView } from './seriesView';
import { LensStatus } from './status';

let lens: LensClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const log = window.createOutputChannel('Emergence Lens', { log: true });
  const client = (lens = new LensClient(context, log));
  const charts = registerCharts(context, {
    chartView: async (request) => (await client.request<ChartViewResult>(CHART_VIEW, request)) ?? Promise.reject(new Error('the server failed to build it (see the log)')),
    onDidChangeIndex: client.onIndexChanged,
    pickSeries: (title) => pickSeries(client, title),
  });
  const disposables = ([log, lens, new LensStatus(lens), new SeriesView(lens)] as Disposable[]).concat(
    registerCommands(lens, log, charts),
    registerArchiveView((params) => client.request<ArchiveTextResult>(ARCHIVE_TEXT, params)),
  );
  for (const d of disposables) context.subscriptions.push(d);
  // Shows the Explorer view; it stays hidden in workspaces where the extension never activated.
  void commands.executeCommand('setContext', 'emergenceLens.active', true);
  await lens.start();
}

export async function deactivate(): Promise<void> {
  await lens?.client.stop().catch(() => undefined);
  lens = undefined;
}
