// A minimal editor for the protocol tests: spawns the bundled server over stdio and speaks LSP to it with
// vscode-jsonrpc and the vscode-languageserver-protocol types, answering the server's own requests the way VS Code does.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';
import { CACHE_DIR_ENV } from '../../server/src/io/cache-folder';
import { withBuildLock } from '../helpers/build-lock';
import { createMessageConnection, type MessageConnection } from 'vscode-jsonrpc/node';
import {
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type Diagnostic,
  type FileEvent,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';

export const ROOT = resolve(__dirname, '../..');
export const SERVER = join(ROOT, 'dist/server.js');
export const FIXTURES = join(ROOT, 'test/fixtures/protocol');

/**
 * Builds dist/server.js with the project's build (or, if another entry of it does not build yet, the server
 * alone) unless it is newer than every server source. Test files run in parallel: a lock makes one of them
 * build while the others wait, so no server is started from a half-written bundle.
 */
export function ensureBundle(): void {
  withBuildLock(() => {
    if (!isFresh()) build();
  });
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function isFresh(): boolean {
  return existsSync(SERVER) && statSync(SERVER).mtimeMs > Math.max(newestSource(join(ROOT, 'server/src')), statSync(join(ROOT, 'build.mjs')).mtimeMs);
}

function build(): void {
  const full = spawnSync(process.execPath, ['build.mjs'], { cwd: ROOT, encoding: 'utf8' });
  if (full.status === 0 && existsSync(SERVER)) return;
  try {
    buildSync({ entryPoints: [join(ROOT, 'server/src/server.ts')], outfile: SERVER, bundle: true, platform: 'node', target: 'node20', format: 'cjs', mainFields: ['module', 'main'], sourcemap: true, logLevel: 'warning' });
  } catch (e) {
    throw new Error(`cannot build the server:\n${full.stderr}\n${e}`);
  }
  process.stderr.write(`note: build.mjs failed, dist/server.js was built alone:\n${full.stderr.split('\n').slice(0, 3).join('\n')}\n`);
}

/** A fresh copy of a fixture folder in a temp dir (tests write into it). */
export function workspaceCopy(name = 'workspace'): { dir: string; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'emergence-lens-'));
  cpSync(join(FIXTURES, name), dir, { recursive: true });
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export const uriOf = (path: string): string => pathToFileURL(path).href;

export const CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    inlayHint: { refreshSupport: true },
    codeLens: { refreshSupport: true },
    symbol: {},
  },
  window: { workDoneProgress: true, showMessage: {} },
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    inlayHint: {},
    codeLens: {},
    codeAction: {},
  },
};

interface Received {
  method: string;
  params: any;
}

export class TestEditor {
  readonly connection: MessageConnection;
  readonly process: ChildProcess;
  /** Every notification and server-to-client request, in order. */
  readonly received: Received[] = [];
  readonly diagnostics = new Map<string, Diagnostic[]>();
  /** What workspace/configuration answers for `emergenceLens`. */
  settings: Record<string, unknown> = {};
  stderr = '';
  private readonly waiters = new Set<() => void>();
  private versions = new Map<string, number>();

  /**
   * `as` runs the server as another user, from its own copy of the bundle (see helpers/unprivileged.ts). The
   * server's workspace cache is off unless `cache` names its folder: each test sees a first open.
   */
  constructor(serverArgs: string[] = [], nodeArgs: string[] = [], as?: { uid: number; gid: number; server: string }, cache = 'off') {
    const env = { ...process.env, [CACHE_DIR_ENV]: cache };
    this.process = spawn(process.execPath, [...nodeArgs, as?.server ?? SERVER, '--stdio', ...serverArgs], { stdio: ['pipe', 'pipe', 'pipe'], uid: as?.uid, gid: as?.gid, env });
    this.process.stderr!.on('data', (d) => (this.stderr += d));
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification((method, params) => this.record(method, params));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.diagnostics.set(p.uri, p.diagnostics);
      this.record(PublishDiagnosticsNotification.method, p);
    });
    this.connection.onUnhandledProgress((p) => this.record('$/progress', p));
    this.connection.onRequest((method, params) => {
      this.record(method, params);
      if (method === 'workspace/configuration') return (params as { items: { section?: string }[] }).items.map((i) => (i.section === 'emergenceLens' ? this.settings : null));
      return null; // registerCapability, workDoneProgress/create, inlayHint/refresh, codeLens/refresh
    });
    this.connection.listen();
  }

  private record(method: string, params: unknown): void {
    this.received.push({ method, params });
    for (const w of [...this.waiters]) w();
  }

  /** Resolves with the first value `check` returns (checked now and after every message); rejects after `ms`. */
  waitFor<T>(what: string, check: () => T | undefined | false, ms = 8000): Promise<T> {
    return new Promise((resolvePromise, reject) => {
      const done = () => {
        const value = check();
        if (value === undefined || value === false) return;
        cleanup();
        resolvePromise(value);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out after ${ms} ms waiting for ${what}; server stderr:\n${this.stderr.slice(-2000)}`));
      }, ms);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
      };
      this.waiters.add(done);
      done();
    });
  }

  /** Calls `probe` until it returns something other than undefined/false (for state only requests can show). */
  async poll<T>(what: string, probe: () => Promise<T | undefined | false>, ms = 8000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
      if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms polling for ${what}; server stderr:\n${this.stderr.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** Waits for the next diagnostics of a document that satisfy `check`. */
  nextDiagnostics(uri: string, check: (d: Diagnostic[]) => boolean = () => true, ms?: number): Promise<Diagnostic[]> {
    const from = this.received.length;
    return this.waitFor(`diagnostics of ${uri}`, () => {
      for (let i = this.received.length - 1; i >= from; i--) {
        const r = this.received[i];
        if (r.method === PublishDiagnosticsNotification.method && r.params.uri === uri) return check(r.params.diagnostics) ? (r.params.diagnostics as Diagnostic[]) : undefined;
      }
      return undefined;
    }, ms);
  }

  count(method: string): number {
    return this.received.filter((r) => r.method === method).length;
  }

  async initialize(folder: string, initializationOptions?: unknown, capabilities: ClientCapabilities = CAPABILITIES) {
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: uriOf(folder),
      workspaceFolders: [{ uri: uriOf(folder), name: 'fixtures' }],
      capabilities,
      initializationOptions,
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  /** The index is complete when the server says so with indexChanged { indexing: false }. */
  indexed(ms?: number): Promise<unknown> {
    const from = this.received.length;
    return this.waitFor('the index', () => this.received.slice(from).find((r) => r.method === 'emergenceLens/indexChanged' && r.params?.indexing === false), ms);
  }

  open(path: string, text: string, languageId = path.endsWith('.json') ? 'json' : 'plaintext'): string {
    const uri = uriOf(path);
    this.versions.set(uri, 1);
    void this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  }

  change(uri: string, contentChanges: TextDocumentContentChangeEvent[]): void {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    void this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges });
  }

  filesChanged(changes: FileEvent[]): void {
    void this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  configurationChanged(): void {
    void this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  }

  /** shutdown + exit; resolves with the exit code. */
  async shutdown(): Promise<number | null> {
    const exited = new Promise<number | null>((r) => this.process.once('exit', (code) => r(code)));
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const code = await exited;
    this.connection.dispose();
    return code;
  }

  kill(): void {
    if (this.process.exitCode === null) this.process.kill();
    this.connection.dispose();
  }
}

/** The bundled server indexed over a temp folder that `fill` writes; `dispose` shuts it down and removes the folder. */
export async function indexedWorkspace(prefix: string, fill: (dir: string) => void): Promise<{ dir: string; editor: TestEditor; dispose: () => Promise<void> }> {
  ensureBundle();
  const dir = mkdtempSync(join(tmpdir(), prefix));
  fill(dir);
  const editor = new TestEditor();
  await editor.initialize(dir);
  await editor.indexed();
  const dispose = async () => {
    await editor.shutdown();
    rmSync(dir, { recursive: true, force: true });
  };
  return { dir, editor, dispose };
}
