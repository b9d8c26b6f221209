// Fills the index from disk: a walk of the workspace folders with work-done progress, and single files
// when the watcher reports them. Newer work supersedes older: a re-index stops the previous walk, and a
// file read that an even newer event overtook is dropped.
import { join } from 'node:path';
import type { WorkDoneProgressServerReporter } from 'vscode-languageserver/node';
import { collectFiles, OVERRIDES_FILE, type SkippedPath } from '../io/files';
import type { WorkspaceCache } from '../io/workspace-cache';
import { readSource } from '../sweeps/sources';
import { readDiskFile, type Logger } from './file-reading';
import type { WorkspaceIndex } from './workspace-index';

export interface IndexerHost {
  index: WorkspaceIndex;
  /** Bytes over which files are not analysed. */
  limitBytes(): number;
  /** Candidate results file (or override file) inside a workspace folder and the include/exclude globs. */
  isTracked(key: string): boolean;
  log: Logger;
  createProgress(): Promise<WorkDoneProgressServerReporter | undefined>;
  /** Folders and files a walk could not read (the rest of the walk went on). */
  reportSkipped(skipped: SkippedPath[]): void;
  /** What earlier sessions read, when the workspace has a cache. */
  cache(): WorkspaceCache | undefined;
}

const CONCURRENCY = 8;
const REPORT_EVERY_MS = 250;

export class WorkspaceIndexer {
  private generation = 0;
  /** Counts every read and removal; tokens never repeat, so a slow old read can never pass for a newer one. */
  private lastToken = 0;
  /** The token of the newest read of each file that has one in flight. */
  private readonly latest = new Map<string, number>();
  /** What could not be read since the last report: told once per walk or event, not once per file. */
  private skipped: SkippedPath[] = [];
  /** Keys the `sources` of the override files gave at the last read of them. */
  private sourceKeys = new Set<string>();
  running = false;

  constructor(private readonly host: IndexerHost) {}

  /** Walks every folder; resolves true when this walk completed (false when a newer one replaced it). */
  async indexAll(): Promise<boolean> {
    const generation = ++this.generation;
    const { index } = this.host;
    this.running = true;
    const progress = await this.host.createProgress();
    progress?.begin('Emergence Lens', 0, 'Looking for results files…', false);
    try {
      const { files: found, skipped } = await collectFiles(index.folders);
      if (generation !== this.generation) return false;
      this.skipped = skipped;
      const files = index.folders.map((f) => join(f, OVERRIDES_FILE));
      for (const f of found) if (this.host.isTracked(f)) files.push(f);
      const wanted = new Set(files);
      index.retainDisk((key) => wanted.has(key));

      let done = 0;
      let lastReport = 0;
      let next = 0;
      const worker = async () => {
        while (next < files.length && generation === this.generation) {
          const file = files[next++];
          await this.readInto(file);
          done++;
          const now = Date.now();
          if (progress && now - lastReport > REPORT_EVERY_MS) {
            lastReport = now;
            progress.report(Math.floor((100 * done) / files.length), `${done} of ${files.length} files`);
          }
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      if (generation !== this.generation) return false;
      await this.readSources();
      this.reportSkipped();
      return true;
    } finally {
      progress?.done();
      if (generation === this.generation) this.running = false;
    }
  }

  /** Stops a running walk (shutdown, or a new walk about to start). */
  cancel(): void {
    this.generation++;
    this.running = false;
  }

  /** Re-reads one file after a watcher event; resolves true when the index changed. */
  async refreshFile(key: string): Promise<boolean> {
    if (!this.host.isTracked(key)) return this.host.index.deleteDisk(key);
    const changed = await this.readInto(key);
    if (this.host.index.isOverridesFile(key)) await this.readSources();
    this.reportSkipped();
    return changed;
  }

  /** A file or a whole folder went away. */
  removePath(key: string): boolean {
    const { index } = this.host;
    const prefix = key.endsWith('/') || key.endsWith('\\') ? key : key + (key.includes('\\') ? '\\' : '/');
    const gone = (k: string) => k === key || k.startsWith(prefix);
    // Reads still in flight find no token of theirs and are dropped: nothing removed comes back.
    for (const k of this.latest.keys()) if (gone(k)) this.latest.delete(k);
    let changed = false;
    for (const k of index.keys()) if (gone(k)) changed = index.deleteDisk(k) || changed;
    return changed;
  }

  /** A folder appeared (copied or moved in): index what it holds. */
  async addFolder(path: string): Promise<boolean> {
    const { files, skipped } = await collectFiles([path]);
    for (const s of skipped) this.skipped.push(s);
    let changed = false;
    for (const f of files) if (this.host.isTracked(f)) changed = (await this.readInto(f)) || changed;
    this.reportSkipped();
    return changed;
  }

  private async readInto(key: string): Promise<boolean> {
    const { index } = this.host;
    const mine = ++this.lastToken;
    this.latest.set(key, mine);
    const read = await readDiskFile(key, index.isOverridesFile(key), this.host.limitBytes(), this.host.log, this.host.cache());
    if (this.latest.get(key) !== mine) return false;
    this.latest.delete(key);
    if (read.kind === 'unreadable') this.skipped.push({ path: key, reason: read.reason });
    if (read.kind === 'gone' || read.kind === 'unreadable') return index.deleteDisk(key);
    index.setDisk(key, read);
    return true;
  }

  /**
   * The `sources` of the override files (globs, URLs, paths outside the workspace), read into the index under the
   * file or URL each stands for; those no longer listed leave it. Problems of a source sit at its own key.
   */
  private async readSources(): Promise<void> {
    const { index } = this.host;
    const keys = new Set<string>();
    for (const spec of index.overrides().overrides.sources ?? []) {
      for (const { file, result } of await readSource(spec)) {
        keys.add(file);
        index.setDisk(file, { kind: 'results', result });
      }
    }
    for (const key of this.sourceKeys) if (!keys.has(key)) index.deleteDisk(key);
    this.sourceKeys = keys;
  }

  private reportSkipped(): void {
    if (this.skipped.length === 0) return;
    this.host.reportSkipped(this.skipped);
    this.skipped = [];
  }
}
