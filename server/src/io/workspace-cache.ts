// What reopening a workspace need not do again: read each results file, and analyse each model family. Kept in the
// workspace's cache folder (cache-folder.ts) as one file written by one v8 serializer, entry after entry (one graph,
// so the points of a series and the observations they come from share their objects again when read back; between
// entries a save lets requests in, as writing a large workspace takes seconds), stamped with this build of the
// server, so a new build (whose readers or analysis may differ) starts afresh. It holds
// - reads: each file's read result, keyed by its path, size and modification time and by the stamps of the files
//   beside it that its reading consulted (a HELM run spec, an eval set's logs.json): a change to any of them misses;
// - groups: each family's analysis, keyed by a digest of the analysis options and of the files its observations
//   came from, with those files' stamps. An analysis that used the editor's unsaved text is not kept.
// Large per-sample logs are left to the aggregate cache (sweeps/aggregate-cache.ts), which keeps one file per log.
// A series shares its per-item scores with the observations it came from; written in one graph with them, they are
// shared again when read back. Nothing in the cache is needed: any failure is a miss.
import { statSync, type Stats } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { DefaultDeserializer, DefaultSerializer } from 'node:v8';
import type { GroupStore } from '../core/analysis-host';
import type { GroupAnalysis } from '../core/analyze-group';
import type { SeriesResult } from '../core/results';
import type { Observation, ReadResult } from '../core/types';
import { keptByAggregateCache } from '../sweeps/sample-logs';
import { aggregatesDir } from '../sweeps/aggregate-cache';
import { cacheDir, digest, removeAbandoned, replaceFile } from './cache-folder';
import { stampOf, type NeighbourStamps } from './neighbour-files';

/** Bump when what is kept changes shape. */
const FORMAT = 4;
const FILE = 'workspace.v8';
/** A save lets requests in after this long, or this many entries, of writing. */
const STEP_MS = 15;
const STEP_ENTRIES = 1000;

export interface ReadEntry {
  size: number;
  mtimeMs: number;
  /** Neighbour paths and their stamps when the file was read. */
  neighbours: [string, string][];
  result: ReadResult;
}

/** What the file starts with; the entries follow it, the reads' then the groups'. */
interface Head {
  format: number;
  build: string;
  reads: number;
  groups: number;
}

export interface Kept {
  reads: Map<string, ReadEntry>;
  /** By digest: the family and its analysis. */
  groups: Map<string, KeptGroup>;
}

export interface KeptGroup {
  group: string;
  analysis: GroupAnalysis;
}

/** The server's cache of one workspace; `load` it once, `save` it after changes. */
export class WorkspaceCache implements GroupStore {
  /** What the last session kept and this one has not asked for yet. */
  private earlierReads: Map<string, ReadEntry>;
  private earlierGroups: Map<string, KeptGroup>;
  private readonly reads = new Map<string, ReadEntry>();
  /** Each group's current digest and analysis. */
  private readonly groups = new Map<string, { key: string; analysis: GroupAnalysis }>();
  /** The groups analysed since the last settle. */
  private readonly asked = new Set<string>();
  /**
   * The disk read each observation came from, as that read's list of observations (the editor's text has none), and
   * each such list's stamp: shared values, so an observation costs an entry and no object of its own in a workspace
   * of hundreds of thousands of results, and a read is let go with its observations.
   */
  private readonly readOf = new WeakMap<Observation, readonly Observation[]>();
  private readonly stamps = new WeakMap<readonly Observation[], string>();
  private changed = false;
  /** The save in progress: one at a time, a later one writes what changed since. */
  private saving: Promise<void> = Promise.resolve();
  /** What was recalled since the last settle. */
  private recalled = { files: 0, families: 0 };

  private constructor(
    private readonly dir: string,
    private readonly build: string,
    reads: Map<string, ReadEntry>,
    groups: Map<string, KeptGroup>,
  ) {
    this.earlierReads = reads;
    this.earlierGroups = groups;
  }

  /** The cache of the current workspace (cache-folder.ts), or undefined when caching is off. */
  static async load(dir = cacheDir()): Promise<WorkspaceCache | undefined> {
    if (!dir) return undefined;
    const build = buildStamp();
    await Promise.all([removeAbandoned(dir), removeAbandoned(aggregatesDir(dir))]);
    const kept = await loadFile(join(dir, FILE), build);
    return new WorkspaceCache(dir, build, kept?.reads ?? new Map(), kept?.groups ?? new Map());
  }

  /** The result kept for this file, if neither it nor a neighbour its reading consulted changed since. */
  recallRead(path: string, info: Stats): ReadResult | undefined {
    const entry = this.earlierReads.get(path) ?? this.reads.get(path);
    this.earlierReads.delete(path);
    if (!entry || entry.size !== info.size || entry.mtimeMs !== info.mtimeMs || entry.neighbours.some(([p, stamp]) => stampOf(p) !== stamp)) return undefined;
    this.reads.set(path, entry);
    this.stampObservations(path, entry);
    this.recalled.files++;
    return entry.result;
  }

  keepRead(path: string, info: Stats, neighbours: NeighbourStamps, result: ReadResult): void {
    this.changed = true;
    if (keptByAggregateCache(path, info.size)) {
      this.reads.delete(path);
      return;
    }
    const entry = { size: info.size, mtimeMs: info.mtimeMs, neighbours: [...neighbours], result };
    this.reads.set(path, entry);
    this.stampObservations(path, entry);
  }

  private stampObservations(path: string, entry: ReadEntry): void {
    const list = entry.result.observations;
    this.stamps.set(list, `${path}\u0000${entry.size}:${entry.mtimeMs}\u0000${entry.neighbours.join('\u0000')}`);
    for (const o of list) this.readOf.set(o, list);
  }

  recall(group: string, observations: readonly Observation[], optionsKey: string): GroupAnalysis | undefined {
    this.asked.add(group);
    const key = this.groupKey(group, observations, optionsKey);
    if (key === undefined) return undefined;
    const analysis = this.earlierGroups.get(key)?.analysis;
    if (!analysis) return undefined;
    this.earlierGroups.delete(key);
    this.groups.set(group, { key, analysis });
    this.recalled.families++;
    return analysis;
  }

  keep(group: string, observations: readonly Observation[], optionsKey: string, analysis: GroupAnalysis): void {
    const key = this.groupKey(group, observations, optionsKey);
    this.asked.add(group);
    if (key === undefined) return;
    this.changed = true;
    this.groups.set(group, { key, analysis });
  }

  /**
   * A digest of what a group's analysis depends on: the options, and exactly which observations of which reads (by
   * their files' stamps) it holds, in order, as runs of consecutive places (a file of one family is one run; a wide
   * table gives each family its own rows). Undefined when any observation did not come through this cache (the
   * editor's unsaved text, a large per-sample log): such an analysis is not kept, and whatever was kept of the family
   * from disk stays.
   */
  private groupKey(group: string, observations: readonly Observation[], optionsKey: string): string | undefined {
    const parts = [group, optionsKey];
    let run: { list: readonly Observation[]; start: number; end: number } | undefined;
    const close = () => run && parts.push(`${this.stamps.get(run.list)}\u0000${run.start}-${run.end}`);
    for (const o of observations) {
      const list = this.readOf.get(o);
      if (list === undefined) return undefined;
      if (run?.list === list && list[run.end + 1] === o) run.end++;
      else {
        // A group lists each file's observations in the file's order, so the search starts past the last place.
        let index = run?.list === list ? list.indexOf(o, run.end + 1) : -1;
        if (index < 0) index = list.indexOf(o);
        close();
        run = { list, start: index, end: index };
      }
    }
    close();
    return digest(parts.join('\u0001'));
  }

  forget(group: string): void {
    this.changed = this.groups.delete(group) || this.changed;
  }

  /**
   * The workspace has been read and analysed: what the last session kept and this one did not use is let go, but
   * for the analysis from disk of a family analysed only with unsaved text, which still holds for the files on disk.
   * Returns how many files and families came from the cache since the last settle.
   */
  settle(): { files: number; families: number } {
    if (this.earlierReads.size || this.earlierGroups.size) this.changed = true;
    for (const [key, { group, analysis }] of this.earlierGroups) if (this.asked.has(group) && !this.groups.has(group)) this.groups.set(group, { key, analysis });
    this.asked.clear();
    this.earlierReads = new Map();
    this.earlierGroups = new Map();
    const recalled = this.recalled;
    this.recalled = { files: 0, families: 0 };
    return recalled;
  }

  /** Writes what changed since the last save; a cache that cannot be written is only slower. */
  save(): Promise<void> {
    this.saving = this.saving.then(() => this.write());
    return this.saving;
  }

  private async write(): Promise<void> {
    if (!this.changed) return;
    this.changed = false;
    const groups = new Map<string, KeptGroup>();
    for (const [group, { key, analysis }] of this.groups) groups.set(key, { group, analysis });
    for (const [key, kept] of this.earlierGroups) if (!groups.has(key)) groups.set(key, kept);
    const reads = new Map([...this.earlierReads, ...this.reads]);
    try {
      await replaceFile(join(this.dir, FILE), await encodeKept(this.build, { reads, groups }));
    } catch {
      // Read-only home, full disk: the next session reads and analyses again.
    }
  }
}

/**
 * The file's bytes: the head, then every entry (a family's head, then its series), each written by the same
 * serializer (so shared objects stay shared), with a turn of the event loop whenever a step's worth is written. What
 * is kept is never changed once kept (a new read or analysis replaces an entry, it does not alter it), so the entries
 * taken at the start stay as they were.
 */
export async function encodeKept(build: string, { reads, groups }: Kept): Promise<Buffer> {
  const out = new DefaultSerializer();
  out.writeHeader();
  out.writeValue({ format: FORMAT, build, reads: reads.size, groups: groups.size } satisfies Head);
  let since = performance.now();
  let written = 0;
  const step = async () => {
    if (++written < STEP_ENTRIES && performance.now() - since < STEP_MS) return;
    await nextTurn();
    since = performance.now();
    written = 0;
  };
  for (const entry of reads) {
    out.writeValue(entry);
    await step();
  }
  // A family's series one by one: one family can hold hundreds of thousands of points.
  for (const [key, { group, analysis }] of groups) {
    const { series, problems, techniques, unscaled } = analysis;
    out.writeValue([key, group, series.length, { problems, techniques, unscaled }]);
    for (const s of series) {
      out.writeValue(s);
      await step();
    }
  }
  return out.releaseBuffer();
}

/** This build of the server: the script Node runs, by size and time. */
function buildStamp(): string {
  try {
    const info = statSync(process.argv[1]);
    return `${process.argv[1]}:${info.size}:${info.mtimeMs}`;
  } catch {
    return '';
  }
}

async function loadFile(file: string, build: string): Promise<Kept | undefined> {
  try {
    return decodeKept(await readFile(file), build);
  } catch {
    return undefined;
  }
}

/** What encodeKept wrote, when it was written by this build in this format; throws on damaged bytes. */
export function decodeKept(bytes: Uint8Array, build: string): Kept | undefined {
  const input = new DefaultDeserializer(bytes);
  input.readHeader();
  const head = input.readValue() as Head;
  if (head?.format !== FORMAT || head.build !== build) return undefined;
  const reads = new Map<string, ReadEntry>();
  for (let i = 0; i < head.reads; i++) {
    const [path, entry] = input.readValue() as [string, ReadEntry];
    reads.set(path, entry);
  }
  const groups = new Map<string, KeptGroup>();
  for (let i = 0; i < head.groups; i++) {
    const [key, group, count, rest] = input.readValue() as [string, string, number, Omit<GroupAnalysis, 'series'>];
    const series: SeriesResult[] = [];
    for (let k = 0; k < count; k++) series.push(input.readValue() as SeriesResult);
    groups.set(key, { group, analysis: { series, problems: rest.problems, techniques: rest.techniques, unscaled: rest.unscaled } });
  }
  return { reads, groups };
}
