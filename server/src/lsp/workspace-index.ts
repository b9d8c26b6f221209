// What the server knows about every file: results read from disk by the indexer, overridden by the text of
// documents open in the editor, plus the override files (emergence-lens.json) of the workspace folders.
import { basename, dirname, relative, sep } from 'node:path';
import type { Overrides } from '../core/config';
import type { ParsedOverrides } from '../core/overrides';
import type { Problem, ReadResult } from '../core/types';
import { OVERRIDES_FILE } from '../io/files';
import { resolveSource } from '../sweeps/sources';
import { isIncluded } from './globs';
import { isFileKey, normalizePath } from './uris';

export type FileContent =
  | { kind: 'results'; result: ReadResult }
  | { kind: 'overrides'; parsed: ParsedOverrides }
  /** Not analysed: larger than the maximum size setting. */
  | { kind: 'too-large'; bytes: number; limitBytes: number };

export interface FileState {
  key: string;
  origin: 'disk' | 'editor';
  content: FileContent;
}

export class WorkspaceIndex {
  private readonly disk = new Map<string, FileState>();
  private readonly editor = new Map<string, FileState>();
  private folderPaths: string[] = [];
  /** Files whose effective content may have changed since the analysis last took them. */
  private readonly changed = new Set<string>();

  /** Files holding overrides, so merging them does not walk the whole index. */
  private readonly overrideKeys = new Set<string>();
  private merged: { overrides: Overrides; problems: Problem[] } | undefined;

  private touch(key: string): void {
    this.changed.add(key);
    if (this.get(key)?.content.kind === 'overrides') this.overrideKeys.add(key);
    else this.overrideKeys.delete(key);
    this.merged = undefined;
  }

  takeChanges(): Set<string> {
    const out = new Set(this.changed);
    this.changed.clear();
    return out;
  }

  setFolders(paths: string[]): void {
    this.folderPaths = paths.map(normalizePath).sort((a, b) => b.length - a.length);
  }

  get folders(): readonly string[] {
    return this.folderPaths;
  }

  setDisk(key: string, content: FileContent): void {
    this.disk.set(key, { key, origin: 'disk', content });
    this.touch(key);
  }

  deleteDisk(key: string): boolean {
    const had = this.disk.delete(key);
    if (had) this.touch(key);
    return had;
  }

  /** Forgets every disk file for which `keep` says no (a re-index with other globs). */
  retainDisk(keep: (key: string) => boolean): void {
    for (const key of [...this.disk.keys()]) if (!keep(key)) this.deleteDisk(key);
  }

  setEditor(key: string, content: FileContent): void {
    this.editor.set(key, { key, origin: 'editor', content });
    this.touch(key);
  }

  closeEditor(key: string): void {
    if (this.editor.delete(key)) this.touch(key);
  }

  /** The editor's text wins over the disk. */
  get(key: string): FileState | undefined {
    return this.editor.get(key) ?? this.disk.get(key);
  }

  keys(): string[] {
    return [...new Set([...this.disk.keys(), ...this.editor.keys()])];
  }

  results(key: string): ReadResult | undefined {
    const content = this.get(key)?.content;
    return content?.kind === 'results' ? content.result : undefined;
  }

  /** Override files of all folders, merged (the innermost folder's entries win). */
  overrides(): { overrides: Overrides; problems: Problem[] } {
    return (this.merged ??= this.mergeOverrides());
  }

  private mergeOverrides(): { overrides: Overrides; problems: Problem[] } {
    const merged: Overrides = {};
    const problems: Problem[] = [];
    const files = [...this.overrideKeys]
      .map((k) => this.get(k)!)
      .filter((s): s is FileState & { content: { kind: 'overrides' } } => s.content.kind === 'overrides')
      .sort((a, b) => a.key.length - b.key.length);
    for (const { key, content } of files) {
      const o = content.parsed.overrides;
      for (const p of content.parsed.problems) problems.push(p);
      if (o.x) merged.x = o.x;
      if (o.models) merged.models = { ...merged.models, ...o.models };
      if (o.tasks) merged.tasks = { ...merged.tasks, ...o.tasks };
      if (o.thresholds) merged.thresholds = { ...merged.thresholds, ...o.thresholds };
      if (o.sources) merged.sources = (merged.sources ?? []).concat(o.sources.map((s) => resolveSource(s, key)));
    }
    return { overrides: merged, problems };
  }

  /** The override file of a workspace folder lives at its root. */
  isOverridesFile(key: string): boolean {
    if (!isFileKey(key) || basename(key) !== OVERRIDES_FILE) return false;
    const dir = dirname(key);
    return this.folderPaths.length === 0 || this.folderPaths.includes(dir);
  }

  /** Path relative to its workspace folder, `/`-separated, for the include/exclude globs. */
  relativePath(key: string): string {
    const folder = this.folderOf(key);
    const rel = folder ? relative(folder, key) : key;
    return rel.split(sep).join('/');
  }

  /** Whether a file lies in one of the workspace folders (the disk index holds nothing else). */
  inFolder(key: string): boolean {
    return this.folderOf(key) !== undefined;
  }

  private folderOf(key: string): string | undefined {
    return this.folderPaths.find((f) => key === f || key.startsWith(f.endsWith(sep) ? f : f + sep));
  }

  isIncluded(key: string, include: readonly string[], exclude: readonly string[]): boolean {
    return isIncluded(this.relativePath(key), include, exclude);
  }
}
