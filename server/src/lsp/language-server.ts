// Wires the LSP connection to the index, the analysis and the feature modules. Takes the connection as an
// argument so that tests and other transports can supply their own.
import { stat } from 'node:fs/promises';
import {
  CodeLensRefreshRequest,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceFolder,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { thresholdsIn } from '../core/analyze-group';
import type { SkippedPath } from '../io/files';
import { isCandidateFile } from '../readers';
import { setCacheWorkspace } from '../io/cache-folder';
import { WorkspaceCache } from '../io/workspace-cache';
import {
  ARCHIVE_TEXT,
  CHART_VIEW,
  DEFAULT_SETTINGS,
  EXPLAIN_SERIES,
  GET_SERIES,
  INDEX_CHANGED,
  LIST_SERIES,
  SERIES_AT,
  type ArchiveTextParams,
  type ArchiveTextResult,
  type ExplainSeriesParams,
  type ExplainSeriesResult,
  type GetSeriesParams,
  type LensSettings,
  type SeriesAtParams,
} from '../protocol';
import { AnalysisScheduler } from './analysis-scheduler';
import { AnalysisSnapshot } from './analysis-snapshot';
import { IncrementalAnalysis } from './incremental-analysis';
import { codeActions } from './code-actions';
import { codeLenses } from './code-lenses';
import { archiveText } from './archive-text';
import { chartView, listSeries, seriesAt, seriesData } from './custom-requests';
import { DiagnosticsPublisher, fileDiagnostics, type SeriesMessages } from './diagnostics';
import { readEditorText } from './file-reading';
import { explanationMarkdown } from './explanation';
import { hoverMarkdown } from './hover';
import { seriesTitle } from './series-text';
import { inlayHints } from './inlay-hints';
import { describeError, guardNotification, guardRequest } from './safe-handlers';
import { maxFileBytes, normalizeSettings, settingsDiff, thresholdsOf } from './settings';
import { documentSymbols, flatSymbols, workspaceSymbols } from './symbols';
import { isFileKey, UriMap, uriToKey } from './uris';
import { WorkspaceIndex } from './workspace-index';
import { WorkspaceIndexer } from './workspace-indexer';

const DEFAULT_DEBOUNCE_MS = 200;
const CACHE_SAVE_DELAY_MS = 10_000;

/** What `initializationOptions` may carry: settings for clients without workspace/configuration, and a debounce for benchmarks. */
interface InitOptions {
  settings?: unknown;
  debounceMs?: number;
}

/** The character where a line's text ends, before its line break. */
function rowEnd(doc: TextDocument, line: number): number {
  const text = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  return text.replace(/\r?\n$/, '').length;
}

/** One message for what a walk could not read: the first few paths, the count of the rest (all are in the log). */
function skippedMessage(skipped: SkippedPath[]): string {
  const shown = skipped.slice(0, 3).map((s) => `${s.path} (${s.reason})`);
  const more = skipped.length > shown.length ? ` and ${skipped.length - shown.length} more (see the log)` : '';
  return `Emergence Lens could not read ${shown.join(', ')}${more}; the rest of the workspace is analysed.`;
}

export function startServer(connection: Connection): void {
  const log = (message: string) => connection.console.error(message);
  const documents = new TextDocuments(TextDocument);
  const uris = new UriMap();
  const index = new WorkspaceIndex();
  let settings: LensSettings = DEFAULT_SETTINGS;
  let snapshot = AnalysisSnapshot.empty();
  let caps: ClientCapabilities = {};
  let debounceMs = DEFAULT_DEBOUNCE_MS;
  let indexingDone = false;
  let announcedIndexing: boolean | undefined;
  /** Severity changed: every file's diagnostics are recomputed, not only those of changed files. */
  let republishAll = false;
  let viewsStale = false;
  /** Open documents whose text changed since the last analysis. */
  const dirty = new Set<string>();
  /** Documents just opened: they get their diagnostics even when those are empty, as a definite answer. */
  const justOpened = new Set<string>();

  const publisher = new DiagnosticsPublisher((key, diagnostics) => void connection.sendDiagnostics({ uri: uris.toUri(key), diagnostics }));

  const isOverrides = (key: string) => index.isOverridesFile(key);
  const isTracked = (key: string): boolean =>
    isFileKey(key) && (isOverrides(key) || (isCandidateFile(key) && index.isIncluded(key, settings.include, settings.exclude)));

  const indexer = new WorkspaceIndexer({
    index,
    limitBytes: () => maxFileBytes(settings),
    // Watcher events can name files of no workspace folder (a symlinked target, another window's folder).
    isTracked: (key) => index.inFolder(key) && isTracked(key),
    log,
    reportSkipped: (skipped) => {
      for (const s of skipped) log(`Emergence Lens: skipped ${s.path}: ${s.reason}`);
      void connection.window.showWarningMessage(skippedMessage(skipped));
    },
    createProgress: async () => {
      try {
        return await connection.window.createWorkDoneProgress();
      } catch {
        return undefined;
      }
    },
    cache: () => cache,
  });

  /** What earlier sessions read and analysed (io/workspace-cache.ts), loaded once the workspace is known. */
  let cache: WorkspaceCache | undefined;
  let saveTimer: NodeJS.Timeout | undefined;
  /** When a request last asked for results: the cache is written only once the editor has been quiet a while. */
  let lastAsked = 0;
  /**
   * Written once nothing changed and nothing was asked for CACHE_SAVE_DELAY_MS, and at shutdown: writing it blocks
   * the server for a pass over the whole workspace (seconds for thousands of files), so never while it is in use.
   */
  const saveSoon = (delay = CACHE_SAVE_DELAY_MS) => {
    if (!cache) return;
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => {
      const quietFor = Date.now() - lastAsked;
      if (quietFor < CACHE_SAVE_DELAY_MS) return saveSoon(CACHE_SAVE_DELAY_MS - quietFor);
      saveTimer = undefined;
      void cache?.save();
    }, delay);
    saveTimer.unref();
  };
  const analysis = new IncrementalAnalysis({
    recall: (group, observations, optionsKey) => cache?.recall(group, observations, optionsKey),
    keep: (group, observations, optionsKey, result) => cache?.keep(group, observations, optionsKey, result),
    forget: (group) => cache?.forget(group),
  });

  /** Brings the index up to date with the open documents, re-analyses what changed, publishes. */
  const refresh = (): void => {
    for (const key of dirty) {
      const doc = documents.get(uris.toUri(key));
      if (doc && isTracked(key)) index.setEditor(key, readEditorText(key, doc.getText(), isOverrides(key), maxFileBytes(settings), log));
      else index.closeEditor(key);
    }
    dirty.clear();
    let affected: ReadonlySet<string> | undefined = new Set();
    let seriesChanged = false;
    try {
      const update = analysis.update(index, settings, snapshot);
      snapshot = update.snapshot;
      affected = update.affected;
      seriesChanged = update.seriesChanged;
    } catch (e) {
      // Keep answering from the previous snapshot; a crash in the analysis is a bug to report, not a reason to stop.
      log(`Emergence Lens: analysis failed: ${describeError(e)}`);
    }
    publish(republishAll ? undefined : affected);
    republishAll = false;
    announce(seriesChanged);
    saveSoon();
  };
  const scheduler = new AnalysisScheduler(refresh, () => debounceMs);

  /** Diagnostics of the affected files (all files when undefined), plus a definite answer for just-opened ones. */
  const publish = (affected: ReadonlySet<string> | undefined): void => {
    const overridesProblems = index.overrides().problems;
    const messages: SeriesMessages = new Map();
    const compute = (key: string) => fileDiagnostics(index.get(key), snapshot, settings, overridesProblems, messages, (k) => uris.toUri(k));
    publisher.update(affected ?? index.keys(), compute, affected === undefined);
    for (const key of justOpened) publisher.resend(key, isTracked(key) ? compute(key) : []);
    justOpened.clear();
  };

  /** Tells the client when the series changed (its views refresh) and asks it to re-request hints and lenses. */
  const announce = (seriesChanged: boolean): void => {
    const changed = seriesChanged || announcedIndexing !== indexingDone;
    announcedIndexing = indexingDone;
    if (changed) void connection.sendNotification(INDEX_CHANGED, { indexing: !indexingDone, files: index.keys().length, series: snapshot.series.length });
    if (changed || viewsStale) {
      viewsStale = false;
      if (settings.inlayHints !== 'off' && caps.workspace?.inlayHint?.refreshSupport) connection.languages.inlayHint.refresh().catch(() => undefined);
      if (settings.codeLens && caps.workspace?.codeLens?.refreshSupport) connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    }
  };

  /** Requests answer from results that include the latest edit: pending work runs now rather than after the debounce. */
  const settle = (): void => {
    lastAsked = Date.now();
    if (scheduler.pending || dirty.size) {
      scheduler.cancel();
      refresh();
    }
  };
  const fresh = (uri: string): string => {
    settle();
    return uriToKey(uri);
  };

  const reindex = async (): Promise<void> => {
    indexingDone = false;
    const started = performance.now();
    if (await indexer.indexAll()) {
      const read = performance.now() - started;
      indexingDone = true;
      viewsStale = true;
      scheduler.cancel();
      refresh();
      const recalled = cache?.settle();
      const fromCache = recalled ? ` (${recalled.files} files and ${recalled.families} families from the cache)` : '';
      connection.console.info(
        `Emergence Lens: indexed ${index.keys().length} files in ${Math.round(read)} ms, ${snapshot.series.length} series analysed in ${Math.round(snapshot.elapsedMs)} ms${fromCache}`,
      );
    }
  };

  const readSettings = async (pushed?: unknown): Promise<LensSettings> => {
    if (caps.workspace?.configuration) {
      try {
        const [value] = await connection.workspace.getConfiguration([{ section: 'emergenceLens' }]);
        return normalizeSettings(value);
      } catch (e) {
        log(`Emergence Lens: could not read settings: ${describeError(e)}`);
      }
    }
    if (pushed && typeof pushed === 'object' && 'emergenceLens' in pushed) return normalizeSettings((pushed as { emergenceLens: unknown }).emergenceLens);
    return settings;
  };

  const setFolders = (folders: readonly WorkspaceFolder[]) => index.setFolders(folders.map((f) => uriToKey(f.uri)).filter(isFileKey));

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    caps = params.capabilities;
    const options = (params.initializationOptions ?? {}) as InitOptions;
    if (typeof options.debounceMs === 'number' && options.debounceMs >= 0) debounceMs = options.debounceMs;
    if (options.settings !== undefined) settings = normalizeSettings(options.settings);
    const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    setFolders(folders);
    const first = folders.map((f) => uriToKey(f.uri)).find(isFileKey);
    if (first) setCacheWorkspace(first);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        inlayHintProvider: true,
        codeLensProvider: { resolveProvider: false },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        codeActionProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'Emergence Lens' },
    };
  });

  connection.onInitialized(
    guardNotification(log, 'initialized', async () => {
      if (caps.workspace?.didChangeConfiguration?.dynamicRegistration) {
        void connection.client.register(DidChangeConfigurationNotification.type, { section: 'emergenceLens' });
      }
      if (caps.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
        void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{json,jsonl,csv,tsv,eval,parquet}' }] });
      }
      if (caps.workspace?.workspaceFolders) {
        connection.workspace.onDidChangeWorkspaceFolders(
          guardNotification(log, 'workspace folders', async () => {
            setFolders((await connection.workspace.getWorkspaceFolders()) ?? []);
            await reindex();
          }),
        );
      }
      settings = await readSettings();
      cache = await WorkspaceCache.load();
      await reindex();
    }),
  );

  connection.onDidChangeConfiguration(
    guardNotification(log, 'configuration', async (params) => {
      const next = await readSettings(params.settings);
      const diff = settingsDiff(settings, next);
      settings = next;
      if (diff.refreshViews) viewsStale = true;
      if (diff.reindex) {
        for (const key of documents.keys().map(uriToKey)) dirty.add(key);
        await reindex();
        return;
      }
      if (diff.republish) republishAll = true;
      if (diff.reanalyse || diff.republish || diff.refreshViews) scheduler.soon();
    }),
  );

  documents.onDidOpen(
    guardNotification(log, 'didOpen', ({ document }) => {
      const key = uris.remember(document.uri);
      justOpened.add(key);
      if (isTracked(key)) dirty.add(key);
      scheduler.soon();
    }),
  );

  documents.onDidChangeContent(
    guardNotification(log, 'didChange', ({ document }) => {
      const key = uris.remember(document.uri);
      if (!isTracked(key)) return;
      dirty.add(key);
      scheduler.debounce();
    }),
  );

  documents.onDidClose(
    guardNotification(log, 'didClose', async ({ document }) => {
      const key = uriToKey(document.uri);
      dirty.delete(key);
      index.closeEditor(key);
      // Back to the disk content (a closed, unsaved edit is gone).
      if (isTracked(key)) await indexer.refreshFile(key);
      scheduler.soon();
    }),
  );

  connection.onDidChangeWatchedFiles(
    guardNotification(log, 'didChangeWatchedFiles', async ({ changes }) => {
      const work = changes.map(async (change) => {
        const key = uriToKey(change.uri);
        if (!isFileKey(key)) return;
        if (change.type === FileChangeType.Deleted) {
          indexer.removePath(key);
          return;
        }
        const info = await stat(key).catch(() => undefined);
        if (info?.isDirectory()) await indexer.addFolder(key);
        else if (info?.isFile() && isTracked(key)) await indexer.refreshFile(key);
      });
      await Promise.all(work);
      viewsStale = true;
      scheduler.soon();
    }),
  );

  const currentThresholds = () => thresholdsIn({ overrides: index.overrides().overrides, thresholds: thresholdsOf(settings) });

  connection.onHover(
    guardRequest(log, 'hover', null, ({ textDocument, position }) => {
      const key = fresh(textDocument.uri);
      const observations = index.results(key)?.observations ?? [];
      const doc = documents.get(textDocument.uri);
      const lineText = doc?.getText({ start: { line: position.line, character: 0 }, end: { line: position.line + 1, character: 0 } });
      const tasks = index.overrides().overrides.tasks;
      const thresholds = currentThresholds();
      const value = hoverMarkdown(key, position.line, { snapshot, observations, lineText, isIgnored: (task) => tasks?.[task]?.ignore === true, thresholds });
      return value ? { contents: { kind: 'markdown' as const, value } } : null;
    }),
  );

  connection.languages.inlayHint.on(
    guardRequest(log, 'inlayHint', [], ({ textDocument, range }) => {
      const key = fresh(textDocument.uri);
      if (settings.inlayHints === 'off') return [];
      const doc = documents.get(textDocument.uri);
      // In a table the hint goes after the row, so the columns after the score stay in line.
      const table = doc && /\.(csv|tsv)$/i.test(key) ? doc : undefined;
      return inlayHints(key, range, snapshot, settings.inlayHints, table && ((line) => rowEnd(table, line)));
    }),
  );

  connection.onCodeLens(
    guardRequest(log, 'codeLens', [], ({ textDocument }) => {
      const key = fresh(textDocument.uri);
      return settings.codeLens ? codeLenses(key, snapshot) : [];
    }),
  );

  connection.onDocumentSymbol(
    guardRequest(log, 'documentSymbol', [], ({ textDocument }) => {
      const key = fresh(textDocument.uri);
      const result = index.results(key);
      if (!result || result.format === null) return [];
      const symbols = documentSymbols(result, snapshot);
      return caps.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport ? symbols : flatSymbols(symbols, textDocument.uri);
    }),
  );

  connection.onWorkspaceSymbol(guardRequest(log, 'workspaceSymbol', [], ({ query }) => (settle(), workspaceSymbols(query, snapshot, (k) => uris.toUri(k)))));

  connection.onCodeAction(guardRequest(log, 'codeAction', [], (params) => codeActions(fresh(params.textDocument.uri), params, snapshot)));

  connection.onRequest(LIST_SERIES, guardRequest(log, LIST_SERIES, [], () => (settle(), listSeries(snapshot, (k) => uris.toUri(k)))));
  connection.onRequest(GET_SERIES, guardRequest(log, GET_SERIES, null, (params: GetSeriesParams) => {
    settle();
    const s = snapshot.byId.get(params?.id);
    return s ? seriesData(s) : null;
  }));
  connection.onRequest(CHART_VIEW, guardRequest(log, CHART_VIEW, null, (params: unknown) => (settle(), chartView(params, snapshot, (k) => uris.toUri(k), currentThresholds()))));
  connection.onRequest(
    EXPLAIN_SERIES,
    guardRequest(log, EXPLAIN_SERIES, null, (params: ExplainSeriesParams): ExplainSeriesResult => {
      settle();
      const s = snapshot.byId.get(params?.id);
      if (!s) return null;
      const point = Number.isInteger(params.point) && params.point! >= 0 && params.point! < s.points.length ? params.point : undefined;
      return { title: `${seriesTitle(s)} in ${s.family}`, markdown: explanationMarkdown(s, point) };
    }),
  );
  connection.onRequest(SERIES_AT, guardRequest(log, SERIES_AT, [], (params: SeriesAtParams) => seriesAt(params, fresh(params.uri), snapshot)));
  connection.onRequest(ARCHIVE_TEXT, guardRequest<ArchiveTextParams, ArchiveTextResult>(log, ARCHIVE_TEXT, null, (params) => archiveText(params?.path)));

  connection.onShutdown(async () => {
    scheduler.cancel();
    indexer.cancel();
    clearTimeout(saveTimer);
    await cache?.save();
  });

  documents.listen(connection);
  connection.listen();
}
