// The language status item ({} in the status bar) of results files: index progress, series count, and a way
// back when the server has stopped.
import { commands, languages, LanguageStatusSeverity, type Disposable } from 'vscode';
import { COMMAND_IDS } from './commandIds';
import { DOCUMENT_SELECTOR, type IndexState, type LensClient, type ServerState } from './lensClient';

export class LensStatus implements Disposable {
  private readonly item = languages.createLanguageStatusItem('emergenceLens.status', DOCUMENT_SELECTOR);
  private readonly subscriptions: Disposable[];
  private index: IndexState | undefined;

  constructor(lens: LensClient) {
    this.item.name = 'Emergence Lens';
    this.subscriptions = [
      lens.onStateChanged((state) => {
        if (state !== 'running') this.index = undefined;
        this.update(state);
      }),
      lens.onIndexChanged((index) => {
        this.index = index;
        this.update(lens.state);
      }),
    ];
    // Created just before the client starts: "starting" rather than a flash of "stopped".
    this.update('starting');
  }

  private update(state: ServerState): void {
    const item = this.item;
    const indexing = state === 'starting' || (state === 'running' && (this.index?.indexing ?? true));
    void commands.executeCommand('setContext', 'emergenceLens.serverState', state);
    void commands.executeCommand('setContext', 'emergenceLens.indexing', indexing);
    item.severity = state === 'stopped' ? LanguageStatusSeverity.Error : LanguageStatusSeverity.Information;
    item.busy = indexing;
    if (state === 'stopped') {
      item.text = 'Emergence Lens: stopped';
      item.detail = 'the language server is not running';
      item.command = { title: 'Restart', command: COMMAND_IDS.reindex };
    } else if (indexing) {
      item.text = 'Emergence Lens: indexing';
      item.detail = this.index?.files ? `${this.index.files} files so far` : undefined;
      item.command = { title: 'Show Log', command: COMMAND_IDS.showLog };
    } else {
      const { series = 0, files = 0 } = this.index ?? {};
      item.text = `Emergence Lens: ${series} series`;
      item.detail = `${files} files indexed`;
      item.command = { title: 'Show Series', command: 'emergenceLens.series.focus' };
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}
