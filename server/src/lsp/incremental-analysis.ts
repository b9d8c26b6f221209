// Re-analyses only what a change touches. A series never crosses model families, and neither do the sibling
// metrics of the metric-flaw hypothesis, so the observations are split by family: an edit in one file re-runs
// `analyze` for the families that file holds (before and after the edit), not for the workspace. Splitting
// finer (task × family) would resolve every model once per task, which costs more on a full run than it saves.
// Axis, thresholds and overrides change every verdict (and overrides can change families): then all is re-run.
// Per-sample logs name no model; they join the aggregate written beside them (core/samples-join.ts), so their
// observations go to that aggregate's partition, and a change in a folder re-partitions its sample logs.
import { AnalysisMemory, analyze, thresholdsIn, type AnalysisOptions } from '../core/analyze';
import { controlFalseDiscoveries } from '../core/false-discoveries';
import type { SeriesResult } from '../core/results';
import { folderOf, joinsAggregate, pickAggregate } from '../core/samples-join';
import type { Observation, Problem } from '../core/types';
import type { LensSettings } from '../protocol';
import { AnalysisSnapshot, indexByFile, type AnalysisGroup, type AnalysisState } from './analysis-snapshot';
import { thresholdsOf } from './settings';
import type { WorkspaceIndex } from './workspace-index';

interface Partition extends AnalysisGroup {
  files: Set<string>;
}

export interface AnalysisUpdate {
  snapshot: AnalysisSnapshot;
  /** Files whose diagnostics may differ; undefined means every file. */
  affected: Set<string> | undefined;
  /** Whether any series appeared, disappeared or changed verdict, strength or size. */
  seriesChanged: boolean;
}

export class IncrementalAnalysis {
  private partitions = new Map<string, Partition>();
  private readonly byId = new Map<string, SeriesResult>();
  /** Each file's observations by partition, so a re-run gathers them without re-sorting every file. */
  private fileParts = new Map<string, Map<string, Observation[]>>();
  /** Resolved models (and so families) and classified curves, reset with the options (overrides can set a model's family). */
  private memory = new AnalysisMemory({});
  /** Files with observations, and those holding per-sample observations, by folder. */
  private folderFiles = new Map<string, Set<string>>();
  private sampleFiles = new Map<string, Set<string>>();
  private context = '';

  update(index: WorkspaceIndex, settings: LensSettings, previous: AnalysisSnapshot): AnalysisUpdate {
    const started = performance.now();
    const changes = index.takeChanges();
    const { overrides } = index.overrides();
    const options: AnalysisOptions = { x: settings.xAxis, overrides, thresholds: thresholdsOf(settings) };
    const context = JSON.stringify(options);
    let full = false;
    if (context !== this.context) {
      full = true;
      this.context = context;
      this.partitions = new Map();
      this.byId.clear();
      this.fileParts = new Map();
      this.memory = new AnalysisMemory(options);
      this.folderFiles = new Map();
      this.sampleFiles = new Map();
    }
    const files = this.withSampleLogs(full ? index.keys() : [...changes], index);
    const aggregatePartitions = new Map<string, string | undefined>();

    const dirty = new Set<string>();
    for (const file of files) {
      const before = this.fileParts.get(file)?.keys() ?? [];
      const after = new Map<string, Observation[]>();
      const observations = index.results(file)?.observations ?? [];
      note(this.folderFiles, file, observations.length > 0);
      note(this.sampleFiles, file, observations.some(joinsAggregate));
      for (const o of observations) {
        const key = (joinsAggregate(o) && this.aggregatePartition(o, aggregatePartitions)) || this.partitionOf(o);
        const list = after.get(key);
        if (list) list.push(o);
        else after.set(key, [o]);
      }
      for (const key of before) {
        dirty.add(key);
        if (!after.has(key)) this.partitions.get(key)?.files.delete(file);
      }
      for (const key of after.keys()) {
        dirty.add(key);
        let part = this.partitions.get(key);
        if (!part) this.partitions.set(key, (part = { files: new Set(), series: [], pointsByFile: new Map(), problemsByFile: new Map() }));
        part.files.add(file);
      }
      if (after.size) this.fileParts.set(file, after);
      else this.fileParts.delete(file);
    }

    const affected = new Set<string>(changes);
    let seriesChanged = full;
    for (const key of dirty) {
      const part = this.partitions.get(key);
      if (!part) continue;
      for (const s of part.series) {
        this.byId.delete(s.id);
        for (const p of s.points) affected.add(p.range.file);
      }
      const before = signature(part.series);
      if (part.files.size === 0) {
        this.partitions.delete(key);
        seriesChanged ||= before !== '';
        continue;
      }
      const observations: Observation[] = [];
      for (const file of part.files) for (const o of this.fileParts.get(file)?.get(key) ?? []) observations.push(o);
      const result = analyze(observations, this.memory.options, this.memory);
      part.series = result.series;
      Object.assign(part, indexByFile(result.series, dedupe(result.problems)));
      for (const s of part.series) this.byId.set(s.id, s);
      for (const file of part.files) affected.add(file);
      seriesChanged ||= signature(part.series) !== before;
    }

    if (dirty.size) {
      seriesChanged = this.correctAcrossPartitions(affected) || seriesChanged;
      this.memory.curves.retainOnly(this.byId);
    }
    const snapshot = dirty.size === 0 && !full ? previous : new AnalysisSnapshot(this.state(), performance.now() - started);
    return { snapshot, affected: full ? undefined : affected, seriesChanged };
  }

  /**
   * Benjamini–Hochberg over the whole workspace, not one partition: a change anywhere changes the count of series
   * tested, so files whose marks now say something else of the correction (its outcome, q or count) are re-published.
   */
  private correctAcrossPartitions(affected: Set<string>): boolean {
    const all = [...this.partitions.values()].flatMap((p) => p.series);
    // What the marks say of the correction (the verdict, "may be chance … over 502 series (q = 0.4)"), before and after.
    const before = new Map(all.map((s) => [s.id, correctionState(s)]));
    controlFalseDiscoveries(all, thresholdsIn(this.memory.options).fdr);
    let changed = false;
    for (const s of all) {
      if (correctionState(s) === before.get(s.id)) continue;
      changed = true;
      for (const p of s.points) affected.add(p.range.file);
    }
    return changed;
  }

  private state(): AnalysisState {
    return {
      series: () => [...this.partitions.values()].flatMap((p) => p.series),
      byId: this.byId,
      groupsOf: (file) => [...(this.fileParts.get(file)?.keys() ?? [])].map((key) => this.partitions.get(key)).filter((p): p is Partition => p !== undefined),
    };
  }

  /** The changed files and the sample logs in their folders, aggregates first so sample logs can find theirs. */
  private withSampleLogs(changed: string[], index: WorkspaceIndex): string[] {
    const files = new Set(changed);
    for (const file of changed) for (const log of this.sampleFiles.get(folderOf(file)) ?? []) files.add(log);
    const isLog = (file: string) => index.results(file)?.observations.some(joinsAggregate) ?? false;
    const logs = new Set([...files].filter(isLog));
    return [...[...files].filter((f) => !logs.has(f)), ...logs];
  }

  /** The partition of the aggregate the sample log will join (the same pick as the analysis), if any. */
  private aggregatePartition(o: Observation, cache: Map<string, string | undefined>): string | undefined {
    const folder = folderOf(o.range.file);
    const key = `${folder}\u0000${o.task}\u0000${o.prompting}\u0000${o.fromSamples?.date}`;
    if (cache.has(key)) return cache.get(key);
    const candidates: Observation[] = [];
    for (const file of this.folderFiles.get(folder) ?? []) {
      for (const list of this.fileParts.get(file)?.values() ?? []) for (const a of list) if (!a.fromSamples && a.task === o.task) candidates.push(a);
    }
    const match = pickAggregate(candidates, o);
    const found = match && this.partitionOf(match);
    cache.set(key, found);
    return found;
  }

  /** Same family as the analysis will find: the same resolver, shared with it. */
  private partitionOf(o: Observation): string {
    return this.memory.resolver.resolve(o.model).family;
  }
}

/** Adds `file` to its folder's set when `holds`, removes it otherwise. */
function note(byFolder: Map<string, Set<string>>, file: string, holds: boolean): void {
  const folder = folderOf(file);
  const files = byFolder.get(folder);
  if (holds) {
    if (files) files.add(file);
    else byFolder.set(folder, new Set([file]));
  } else if (files?.delete(file) && files.size === 0) byFolder.delete(folder);
}

function correctionState(s: SeriesResult): string {
  const c = s.significance;
  return `${s.verdict}\u0000${c?.q}\u0000${c?.tested}\u0000${c?.flagged}`;
}

function signature(series: SeriesResult[]): string {
  return series.map((s) => `${s.id}\u0000${s.verdict}\u0000${s.points.length}\u0000${s.breakthroughness}`).join('\u0001');
}

/** One problem per place and message, however many series ran into it. */
function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.range.file}\u0000${p.range.line}\u0000${p.range.character}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
