// The one analysis of a workspace, for the CLI and the language server alike. The host owns the files'
// observations, takes changes (files added, changed or removed, new options) and returns a new immutable
// Analysis per change, sharing the groups and series a change did not touch with the value before it.
//
// A series never crosses model families, and neither do sibling metrics, loss views, techniques or forecasts, so
// the observations are grouped by family and a change re-analyses only the families it touches (before and after).
// Grouping finer (task × family) would resolve every model once per task, which costs more on a full run than it
// saves. What needs every group is computed over all of them at each change: the multiple-comparison correction
// (a change anywhere changes the count of series tested) and the one problem naming models without a size.
// Per-sample logs name no model; they join the aggregate written beside them (samples-join.ts), so they go to
// that aggregate's group, and a change in a folder re-groups its sample logs.
import { AnalysisMemory, analyzeGroup, thresholdsIn, unscaledProblem, type AnalysisOptions, type GroupAnalysis } from './analyze-group';
import { controlFalseDiscoveries, corrected, type Correction } from './false-discoveries';
import type { AnalysisResult, FalseDiscoveryControl, SeriesPoint, SeriesResult, TechniqueEffect, Verdict } from './results';
import { folderOf, joinsAggregate, pickAggregate } from './samples-join';
import type { Observation, Problem, SourceRange } from './types';

/** A point of a series, found through the file and line that hold it. */
export interface PointRef {
  readonly series: SeriesResult;
  readonly index: number;
  readonly point: SeriesPoint;
}

/** A group's results (one model family) indexed by the file that holds them. */
export interface AnalysisGroup {
  readonly series: readonly SeriesResult[];
  readonly pointsByFile: ReadonlyMap<string, readonly PointRef[]>;
  readonly problemsByFile: ReadonlyMap<string, readonly Problem[]>;
}

/** The workspace's results at one moment. Never changes once made; a later change makes a new one. */
export interface Analysis {
  readonly options: AnalysisOptions;
  /** Every series, in a stable order (by group, then as the group found them). */
  series(): readonly SeriesResult[];
  readonly byId: ReadonlyMap<string, SeriesResult>;
  /** The groups holding results or problems of a file. */
  groupsOf(file: string): Iterable<AnalysisGroup>;
  readonly problems: readonly Problem[];
  readonly techniques: readonly TechniqueEffect[];
  readonly falseDiscoveries: FalseDiscoveryControl;
}

export interface Changes {
  /** Files whose observations changed: the new observations, or undefined when the file is gone. */
  files?: ReadonlyMap<string, readonly Observation[] | undefined>;
  /** New options; the same options (by value) as before change nothing. */
  options?: AnalysisOptions;
}

export interface AnalysisUpdate {
  analysis: Analysis;
  /** Files whose results may differ from the analysis before; undefined means every file. */
  affected: ReadonlySet<string> | undefined;
  /** Whether any series appeared, disappeared or changed verdict, strength or size. */
  seriesChanged: boolean;
}

/** The analysis of `observations` made at once: what the editor shows after reading the same files. */
export function analysisOf(observations: readonly Observation[], options: AnalysisOptions = {}): Analysis {
  const files = new Map<string, Observation[]>();
  for (const o of observations) {
    const list = files.get(o.range.file);
    if (list) list.push(o);
    else files.set(o.range.file, [o]);
  }
  return new AnalysisHost().applyChanges({ files, options }).analysis;
}

/** The whole analysis of `observations` as plain lists: what the CLI reports. */
export function analyze(observations: readonly Observation[], options: AnalysisOptions = {}): AnalysisResult {
  const analysis = analysisOf(observations, options);
  return { series: [...analysis.series()], problems: [...analysis.problems], techniques: [...analysis.techniques], falseDiscoveries: analysis.falseDiscoveries };
}

/**
 * Somewhere to keep group analyses past this process (the server's cache on disk): a group whose observations and
 * options are the same as when it was kept gives the same analysis, so it is recalled instead of made again.
 */
export interface GroupStore {
  recall(group: string, observations: readonly Observation[], optionsKey: string): GroupAnalysis | undefined;
  keep(group: string, observations: readonly Observation[], optionsKey: string, analysis: GroupAnalysis): void;
  /** The group is gone: nothing of it needs keeping. */
  forget(group: string): void;
}

/** One family's observations and what its analysis made of them. */
interface GroupState {
  files: Set<string>;
  /** As the classifier judged them; the reported series are these after the correction. */
  judged: SeriesResult[];
  problems: Problem[];
  techniques: TechniqueEffect[];
  unscaled: Map<string, SourceRange>;
  /** The value given out last, shared by every Analysis made since. */
  reported: AnalysisGroup;
}

const NO_CONTROL: FalseDiscoveryControl = { tested: 0, flagged: 0, significant: 0, emergentFlagged: 0, emergentSignificant: 0, fdr: 0 };
const EMPTY_GROUP: AnalysisGroup = { series: [], pointsByFile: new Map(), problemsByFile: new Map() };

export class AnalysisHost {
  private options: AnalysisOptions = {};
  private optionsKey = JSON.stringify({});
  /** Resolved models (and so families) and classified curves: one memo each, reset with the options. */
  private memory = new AnalysisMemory({});
  private readonly observations = new Map<string, readonly Observation[]>();
  private groups = new Map<string, GroupState>();
  /** Each file's observations by group, so a re-run gathers them without re-sorting every file. */
  private fileGroups = new Map<string, Map<string, Observation[]>>();
  /** Files with observations, and those holding per-sample observations, by folder. */
  private folderFiles = new Map<string, Set<string>>();
  private sampleFiles = new Map<string, Set<string>>();
  /** The one problem naming every model without a size, as last reported, and the files it was on. */
  private unscaled: { problem: Problem | undefined; group: AnalysisGroup } = { problem: undefined, group: EMPTY_GROUP };
  private last: Analysis = new AnalysisValue({}, new Map(), new Map(), EMPTY_GROUP, NO_CONTROL);
  /** Set while a change is analysed; still set after, the change threw. */
  private interrupted = false;

  constructor(private readonly store?: GroupStore) {}

  get analysis(): Analysis {
    return this.last;
  }

  /** How many curves the memo holds: one per series of the current analysis, never those of series gone. */
  get rememberedCurves(): number {
    return this.memory.curves.size;
  }

  applyChanges(changes: Changes): AnalysisUpdate {
    // A change whose analysis threw left the groups half updated: the next change starts again from the files.
    let full = this.interrupted;
    if (full) this.reset();
    if (changes.options) {
      const key = JSON.stringify(changes.options);
      if (key !== this.optionsKey) {
        full = true;
        this.optionsKey = key;
        this.options = changes.options;
        this.reset();
      }
    }
    const changed = changes.files ? [...changes.files.keys()] : [];
    for (const [file, observations] of changes.files ?? []) {
      if (observations?.length) this.observations.set(file, observations);
      else this.observations.delete(file);
    }
    this.interrupted = true;
    const update = this.update(changed, full);
    this.interrupted = false;
    return update;
  }

  private update(changed: readonly string[], full: boolean): AnalysisUpdate {
    const dirty = this.regroup(this.withSampleLogs(full ? [...this.observations.keys()] : changed));
    const affected = new Set<string>(changed);
    if (dirty.size === 0 && !full) return { analysis: this.last, affected, seriesChanged: false };

    let seriesChanged = full;
    for (const key of dirty) {
      const group = this.groups.get(key);
      if (!group) continue;
      for (const s of group.reported.series) for (const p of s.points) affected.add(p.range.file);
      const before = signature(group.judged);
      if (group.files.size === 0) {
        this.groups.delete(key);
        this.store?.forget(key);
        seriesChanged ||= before !== '';
        continue;
      }
      // In the order of file names, so which of two files giving the same point wins never depends on the order of changes.
      const observations: Observation[] = [];
      for (const file of [...group.files].sort()) for (const o of this.fileGroups.get(file)?.get(key) ?? []) observations.push(o);
      const result = this.analyzeGroup(key, observations);
      group.judged = result.series;
      group.problems = dedupe(result.problems);
      group.techniques = result.techniques;
      group.unscaled = result.unscaled;
      group.reported = EMPTY_GROUP; // made again below, from the new judgements
      for (const file of group.files) affected.add(file);
      seriesChanged ||= signature(group.judged) !== before;
    }

    const correction = controlFalseDiscoveries(this.judged(), thresholdsIn(this.options).fdr);
    seriesChanged = this.report(correction, dirty, affected) || seriesChanged;
    this.reportUnscaled(affected);
    this.memory.curves.retainOnly(new Set(this.judgedIds()));
    const reported = new Map<string, AnalysisGroup>();
    for (const key of [...this.groups.keys()].sort()) reported.set(key, this.groups.get(key)!.reported);
    const fileGroups = new Map<string, readonly string[]>();
    for (const [file, parts] of this.fileGroups) fileGroups.set(file, [...parts.keys()]);
    const states = new Map<string, GroupState>();
    for (const key of reported.keys()) states.set(key, this.groups.get(key)!);
    this.last = new AnalysisValue(this.options, reported, fileGroups, this.unscaled.group, correction.control, states);
    return { analysis: this.last, affected: full ? undefined : affected, seriesChanged };
  }

  private analyzeGroup(key: string, observations: readonly Observation[]): GroupAnalysis {
    const recalled = this.store?.recall(key, observations, this.optionsKey);
    if (recalled) return recalled;
    const result = analyzeGroup(observations, this.memory);
    this.store?.keep(key, observations, this.optionsKey, result);
    return result;
  }

  private reset(): void {
    this.memory = new AnalysisMemory(this.options);
    this.groups = new Map();
    this.fileGroups = new Map();
    this.folderFiles = new Map();
    this.sampleFiles = new Map();
  }

  private *judged(): Iterable<SeriesResult> {
    for (const group of this.groups.values()) yield* group.judged;
  }

  private *judgedIds(): Iterable<string> {
    for (const s of this.judged()) yield s.id;
  }

  /**
   * The reported series of every group: each judged series with its outcome of the correction. A series whose
   * outcome and quoted verdicts are as before stays the same object, and a group none of whose series changed
   * stays the same value. Files whose marks now say something else (the verdict, q or the count) are affected.
   */
  private report({ outcomes }: Correction, dirty: ReadonlySet<string>, affected: Set<string>): boolean {
    const verdicts = new Map<string, Verdict>();
    for (const s of this.judged()) verdicts.set(s.id, outcomes.get(s.id)?.verdict ?? s.verdict);
    const reported = (id: string) => verdicts.get(id);
    let changed = false;
    for (const [key, group] of this.groups) {
      const fresh = dirty.has(key);
      const previous = group.reported.series;
      const series = group.judged.map((s, i) => corrected(fresh ? s : previous[i], outcomes.get(s.id), reported));
      if (!fresh && series.every((s, i) => s === previous[i])) continue;
      for (let i = 0; i < series.length; i++) {
        if (fresh || series[i] === previous[i]) continue;
        if (correctionState(series[i]) !== correctionState(previous[i])) changed = true;
        for (const p of series[i].points) affected.add(p.range.file);
      }
      for (const s of series) Object.freeze(s);
      group.reported = Object.freeze({ series: Object.freeze(series), ...indexByFile(series, group.problems) });
    }
    return changed;
  }

  /** One problem for the models without a size in every group, on the file naming the first of them. */
  private reportUnscaled(affected: Set<string>): void {
    const places: [string, SourceRange][] = [];
    for (const group of this.groups.values()) for (const entry of group.unscaled) places.push(entry);
    // By place, so the problem names them in the order of the files whatever the order of changes.
    places.sort(([, a], [, b]) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.character - b.character));
    const all = new Map<string, SourceRange>();
    for (const [name, range] of places) if (!all.has(name)) all.set(name, range);
    const problem = all.size ? unscaledProblem(all) : undefined;
    const before = this.unscaled.problem;
    if (problem?.message === before?.message && problem?.range.file === before?.range.file && problem?.range.line === before?.range.line) return;
    if (before) affected.add(before.range.file);
    if (problem) affected.add(problem.range.file);
    this.unscaled = { problem, group: problem ? { series: [], ...indexByFile([], [problem]) } : EMPTY_GROUP };
  }

  /** Moves each of `files`' observations to its group; returns the groups that gained or lost any. */
  private regroup(files: readonly string[]): Set<string> {
    const dirty = new Set<string>();
    const aggregateGroups = new Map<string, string | undefined>();
    for (const file of files) {
      const before = this.fileGroups.get(file)?.keys() ?? [];
      const after = new Map<string, Observation[]>();
      const observations = this.observations.get(file) ?? [];
      note(this.folderFiles, file, observations.length > 0);
      note(this.sampleFiles, file, observations.some(joinsAggregate));
      for (const o of observations) {
        const key = (joinsAggregate(o) && this.aggregateGroup(o, aggregateGroups)) || this.groupOf(o);
        const list = after.get(key);
        if (list) list.push(o);
        else after.set(key, [o]);
      }
      for (const key of before) {
        dirty.add(key);
        if (!after.has(key)) this.groups.get(key)?.files.delete(file);
      }
      for (const key of after.keys()) {
        dirty.add(key);
        let group = this.groups.get(key);
        if (!group) this.groups.set(key, (group = { files: new Set(), judged: [], problems: [], techniques: [], unscaled: new Map(), reported: EMPTY_GROUP }));
        group.files.add(file);
      }
      if (after.size) this.fileGroups.set(file, after);
      else this.fileGroups.delete(file);
    }
    return dirty;
  }

  /** The changed files and the sample logs in their folders, aggregates first so sample logs can find theirs. */
  private withSampleLogs(changed: readonly string[]): string[] {
    const files = new Set(changed);
    for (const file of changed) for (const log of this.sampleFiles.get(folderOf(file)) ?? []) files.add(log);
    const isLog = (file: string) => this.observations.get(file)?.some(joinsAggregate) ?? false;
    const logs = new Set([...files].filter(isLog));
    return [...[...files].filter((f) => !logs.has(f)), ...logs];
  }

  /** The group of the aggregate the sample log will join (the same pick as the analysis), if any. */
  private aggregateGroup(o: Observation, cache: Map<string, string | undefined>): string | undefined {
    const folder = folderOf(o.range.file);
    const key = `${folder}\u0000${o.task}\u0000${o.prompting}\u0000${o.fromSamples?.date}`;
    if (cache.has(key)) return cache.get(key);
    const candidates: Observation[] = [];
    for (const file of this.folderFiles.get(folder) ?? []) {
      for (const list of this.fileGroups.get(file)?.values() ?? []) for (const a of list) if (!a.fromSamples && a.task === o.task) candidates.push(a);
    }
    const match = pickAggregate(candidates, o);
    const found = match && this.groupOf(match);
    cache.set(key, found);
    return found;
  }

  /** Same family as the analysis will find: the same resolver, shared with it. */
  private groupOf(o: Observation): string {
    return this.memory.resolver.resolve(o.model).family;
  }
}

/** An Analysis over the groups as reported at one change; lookups across groups are made at first use. */
class AnalysisValue implements Analysis {
  private all: readonly SeriesResult[] | undefined;
  private ids: ReadonlyMap<string, SeriesResult> | undefined;
  readonly problems: readonly Problem[];
  readonly techniques: readonly TechniqueEffect[];

  constructor(
    readonly options: AnalysisOptions,
    private readonly groups: ReadonlyMap<string, AnalysisGroup>,
    private readonly fileGroups: ReadonlyMap<string, readonly string[]>,
    private readonly workspaceProblems: AnalysisGroup,
    readonly falseDiscoveries: FalseDiscoveryControl,
    states: ReadonlyMap<string, GroupState> = new Map(),
  ) {
    const problems: Problem[] = [];
    const techniques: TechniqueEffect[] = [];
    for (const state of states.values()) {
      for (const p of state.problems) problems.push(p);
      for (const t of state.techniques) techniques.push(t);
    }
    for (const list of workspaceProblems.problemsByFile.values()) for (const p of list) problems.push(p);
    this.problems = Object.freeze(problems);
    this.techniques = Object.freeze(techniques);
  }

  series(): readonly SeriesResult[] {
    if (!this.all) {
      const all: SeriesResult[] = [];
      for (const group of this.groups.values()) for (const s of group.series) all.push(s);
      this.all = Object.freeze(all);
    }
    return this.all;
  }

  get byId(): ReadonlyMap<string, SeriesResult> {
    return (this.ids ??= new Map(this.series().map((s) => [s.id, s])));
  }

  *groupsOf(file: string): Iterable<AnalysisGroup> {
    for (const key of this.fileGroups.get(file) ?? []) {
      const group = this.groups.get(key);
      if (group) yield group;
    }
    if (this.workspaceProblems.problemsByFile.has(file)) yield this.workspaceProblems;
  }
}

/** Indexes a group's points and problems by file once, so each file's lookup costs only its own share. */
export function indexByFile(series: readonly SeriesResult[], problems: readonly Problem[]): Pick<AnalysisGroup, 'pointsByFile' | 'problemsByFile'> {
  const pointsByFile = new Map<string, PointRef[]>();
  for (const s of series) {
    s.points.forEach((point, index) => {
      const list = pointsByFile.get(point.range.file);
      const ref = { series: s, index, point };
      if (list) list.push(ref);
      else pointsByFile.set(point.range.file, [ref]);
    });
  }
  const problemsByFile = new Map<string, Problem[]>();
  for (const p of problems) {
    const list = problemsByFile.get(p.range.file);
    if (list) list.push(p);
    else problemsByFile.set(p.range.file, [p]);
  }
  return { pointsByFile, problemsByFile };
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

/** What the marks say of the correction: the verdict, "may be chance … over 502 series (q = 0.4)". */
function correctionState(s: SeriesResult): string {
  const c = s.significance;
  return `${s.verdict}\u0000${c?.q}\u0000${c?.tested}\u0000${c?.flagged}`;
}

function signature(series: readonly SeriesResult[]): string {
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
