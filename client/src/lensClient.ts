// The language client: starts dist/server.js, routes the server's markdown through our trust rule, restarts
// a crashed server (saying so once a session, so a crash loop does not pile up notifications) and says once,
// clearly, when it gives up.
import * as path from 'node:path';
import { EventEmitter, MarkdownString, window, type Disposable, type ExtensionContext, type LogOutputChannel } from 'vscode';
import {
  CloseAction,
  LanguageClient,
  State,
  TransportKind,
  type CloseHandlerResult,
  type DocumentSelector,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { INDEX_CHANGED } from '../../server/src/protocol';
import { restrictTrust, SERVER_MARKDOWN } from './commandIds';
import { OVERRIDES_FILE } from './overridesEdit';

/** Results files of every format, saved or not, and the override file (JSON with comments). */
export const DOCUMENT_SELECTOR: DocumentSelector = [
  ...['json', 'jsonl', 'csv', 'tsv'].flatMap((language) => [
    { scheme: 'file', language },
    { scheme: 'untitled', language },
  ]),
  { scheme: 'file', language: 'jsonc', pattern: `**/${OVERRIDES_FILE}` },
];

/** Payload of `emergenceLens/indexChanged` as the server sends it. */
export interface IndexState {
  indexing: boolean;
  files: number;
  series: number;
}

export type ServerState = 'starting' | 'running' | 'stopped';

export class LensClient implements Disposable {
  readonly client: LanguageClient;
  private readonly indexEmitter = new EventEmitter<IndexState>();
  private readonly stateEmitter = new EventEmitter<ServerState>();
  /** Fires whenever the server's index changes (and after a restart, with the new index). */
  readonly onIndexChanged = this.indexEmitter.event;
  readonly onStateChanged = this.stateEmitter.event;
  private gaveUp = false;
  /** The first unexpected stop of the session was announced; later ones go to the log only. */
  private restartAnnounced = false;
  /** The library's crash counter; a restart by the user starts a fresh one. */
  private crashes: ErrorHandler | undefined;

  constructor(context: ExtensionContext, private readonly log: LogOutputChannel) {
    const module = context.asAbsolutePath(path.join('dist', 'server.js'));
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      // `F5` on the extension: attach a Node debugger to port 6009 to debug the server.
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    // File watching and settings changes: the server registers both itself (dynamic registration), so the
    // client declares no `synchronize` options, which would deliver every event twice.
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENT_SELECTOR,
      outputChannel: log,
      diagnosticCollectionName: 'emergenceLens',
      markdown: SERVER_MARKDOWN,
      errorHandler: this.errorHandler(),
      middleware: {
        provideHover: async (document, position, token, next) => {
          const hover = await next(document, position, token);
          for (const part of hover?.contents ?? []) if (part instanceof MarkdownString) restrictTrust(part);
          return hover;
        },
      },
    };
    this.client = new LanguageClient('emergenceLens', 'Emergence Lens', serverOptions, clientOptions);
    this.client.onNotification(INDEX_CHANGED, (params: unknown) => this.indexEmitter.fire(indexStateOf(params)));
    this.client.onDidChangeState(({ newState }) => this.stateEmitter.fire(toServerState(newState)));
  }

  get state(): ServerState {
    return toServerState(this.client.state);
  }

  async start(): Promise<void> {
    this.gaveUp = false;
    this.crashes = undefined;
    try {
      await this.client.start();
    } catch (e) {
      // The client library has already shown its own notification; the status item offers the restart.
      this.log.error(`Could not start the language server: ${errorText(e)}`);
    }
  }

  /** Stops and starts the server: the index is rebuilt from disk. */
  async restart(): Promise<void> {
    this.log.info('Restarting the language server and reindexing the workspace');
    if (this.client.isRunning()) {
      this.gaveUp = false;
      this.crashes = undefined;
      await this.client.restart();
    } else {
      await this.start();
    }
  }

  /** A request to the server, or an error that says the server is not running. */
  async request<R>(method: string, params: unknown): Promise<R> {
    if (!this.client.isRunning()) throw new ServerNotRunning();
    return this.client.sendRequest<R>(method, params);
  }

  dispose(): void {
    this.indexEmitter.dispose();
    this.stateEmitter.dispose();
  }

  /** The library's restart policy (4 restarts within 3 minutes), with our own single message when it gives up. */
  private errorHandler(): ErrorHandler {
    const library = () => (this.crashes ??= this.client.createDefaultErrorHandler());
    return {
      error: (error, message, count): ErrorHandlerResult | Promise<ErrorHandlerResult> => library().error(error, message, count),
      closed: async (): Promise<CloseHandlerResult> => {
        const result = await library().closed();
        if (result.action === CloseAction.Restart) {
          this.log.warn('The language server stopped unexpectedly; restarting it');
          this.announceRestart();
          return { action: CloseAction.Restart, handled: true };
        }
        this.log.error(result.message ?? 'The language server stopped and will not be restarted');
        void this.explainStopped('The Emergence Lens language server crashed repeatedly and was stopped: no marks or hovers until it is restarted.');
        return { action: CloseAction.DoNotRestart, handled: true };
      },
    };
  }

  /** Not awaited by the caller: the restart must not wait for the user to dismiss the notification. */
  private announceRestart(): void {
    if (this.restartAnnounced) return;
    this.restartAnnounced = true;
    void window.showWarningMessage(RESTARTED_MESSAGE, 'Show Log').then((choice) => {
      if (choice === 'Show Log') this.log.show();
    });
  }

  private async explainStopped(message: string): Promise<void> {
    if (this.gaveUp) return;
    this.gaveUp = true;
    const choice = await window.showErrorMessage(message, 'Restart Server', 'Show Log');
    if (choice === 'Restart Server') await this.restart();
    else if (choice === 'Show Log') this.log.show();
  }
}

export const RESTARTED_MESSAGE = 'The Emergence Lens language server stopped unexpectedly and was restarted.';

export class ServerNotRunning extends Error {
  constructor() {
    super('The Emergence Lens language server is not running.');
  }
}

function toServerState(state: State): ServerState {
  return state === State.Running ? 'running' : state === State.Starting ? 'starting' : 'stopped';
}

function indexStateOf(params: unknown): IndexState {
  const p = (params ?? {}) as Partial<Record<keyof IndexState, unknown>>;
  return {
    indexing: p.indexing === true,
    files: typeof p.files === 'number' ? p.files : 0,
    series: typeof p.series === 'number' ? p.series : 0,
  };
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
