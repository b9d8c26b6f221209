// Fills the index from disk: a walk of the workspace folders with work-done progress, and single files
// when the watcher reports them. Newer work supersedes older: a re-index stops the previous walk, and a
// file read that an even newer event overtook is dropped.
import { join } from 'node:path';
import type { WorkDoneProgressServerReporter } from 'vscode-languageserver/node';
import { collectFiles, OVERRIDES_FILE } from '../io/files';
import { readDiskFile, type Logger } from './file-reading';
import type { WorkspaceIndex } from './workspace-index';

export interface IndexerHost {
  index: WorkspaceIndex;
  /** Bytes over which files are not analysed. */
  limitBytes(): number;
  /** Candidate results file (or override file) inside the include/exclude globs. */
  isTracked(key: string): boolean;
  log: Logger;
  createProgress(): Promise<WorkDoneProgressServerReporter | undefined>;
}

const CONCURRENCY = 8;
const REPORT_EVERY_MS = 250;

export class WorkspaceIndexer {
  private generation = 0;
  private readonly fileGeneration = new Map<string, number>();
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
      const found: string[] = [];
      for (const folder of index.folders) {
        const { files } = await collectFiles([folder]);
        found.push(...files);
        if (generation !== this.generation) return false;
      }
      const overrideFiles = index.folders.map((f) => join(f, OVERRIDES_FILE));
      const files = [...overrideFiles, ...found.filter((f) => this.host.isTracked(f))];
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
      return generation === this.generation;
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
    return this.readInto(key);
  }

  /** A file or a whole folder went away. */
  removePath(key: string): boolean {
    const { index } = this.host;
    this.fileGeneration.set(key, (this.fileGeneration.get(key) ?? 0) + 1);
    let changed = index.deleteDisk(key);
    const prefix = key.endsWith('/') || key.endsWith('\\') ? key : key + (key.includes('\\') ? '\\' : '/');
    for (const k of index.keys()) if (k.startsWith(prefix)) changed = index.deleteDisk(k) || changed;
    return changed;
  }

  /** A folder appeared (copied or moved in): index what it holds. */
  async addFolder(path: string): Promise<boolean> {
    const { files } = await collectFiles([path]);
    let changed = false;
    for (const f of files.filter((x) => this.host.isTracked(x))) changed = (await this.readInto(f)) || changed;
    return changed;
  }

  private async readInto(key: string): Promise<boolean> {
    const { index } = this.host;
    const mine = (this.fileGeneration.get(key) ?? 0) + 1;
    this.fileGeneration.set(key, mine);
    const content = await readDiskFile(key, index.isOverridesFile(key), this.host.limitBytes(), this.host.log);
    if (this.fileGeneration.get(key) !== mine) return false;
    this.fileGeneration.delete(key);
    if (!content) return index.deleteDisk(key);
    index.setDisk(key, content);
    return true;
  }
}
