// Emergence Lens in VS Code: starts the language server and adds the glue the protocol has no words for
// (Explorer view, series document, commands that write emergence-lens.json). The analysis is all in the server.
import { commands, window, type ExtensionContext } from 'vscode';
import { registerCommands } from './commands';
import { LensClient } from './lensClient';
import { SeriesDocuments } from './seriesDocument';
import { SeriesView } from './seriesView';
import { LensStatus } from './status';

let lens: LensClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const log = window.createOutputChannel('Emergence Lens', { log: true });
  lens = new LensClient(context, log);
  context.subscriptions.push(
    log,
    lens,
    new LensStatus(lens),
    new SeriesView(lens),
    new SeriesDocuments(lens),
    ...registerCommands(lens, log),
  );
  // Shows the Explorer view; it stays hidden in workspaces where the extension never activated.
  void commands.executeCommand('setContext', 'emergenceLens.active', true);
  await lens.start();
}

export async function deactivate(): Promise<void> {
  await lens?.client.stop().catch(() => undefined);
  lens = undefined;
}
