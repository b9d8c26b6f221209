// lm-eval per-sample logs (`--log_samples`): one record per document and filter. Each record is scored as it
// arrives and dropped, so a log of hundreds of megabytes costs a few numbers per document (its scores by document
// id, kept for paired comparisons between sizes), not its text.
import { ItemCollector } from '../core/paired';
import { answerTokens, charPartialCredit, choiceScores, MeanAccumulator, MedianCounter, RESCORED, tokenEditSimilarity } from '../core/rescore';
import type { Observation, Problem, ReadResult } from '../core/types';
import { perSampleFilter } from './item-means';
import { modelNameFromPath, shotsFromPath, splitPrompting } from './model-identity';
import { fileStart } from './read-context';

const RECORD_KEYS = new Set(['doc_id', 'doc', 'target', 'arguments', 'resps', 'filtered_resps', 'filter', 'metrics', 'doc_hash', 'prompt_hash', 'target_hash']);
const FILE_NAME = /^samples_(.+?)(?:_(\d{4}-\d{2}-\d{2}T[\d.:-]+))?\.(?:jsonl?|parquet)$/i;

/** A metric's mean, and its value per document for paired comparisons. */
interface MetricValues {
  mean: MeanAccumulator;
  items: ItemCollector;
}

interface FilterSums {
  /** Per-sample values of the log's own metrics (acc, exact_match…). */
  logged: Map<string, MetricValues>;
  rescored: Map<string, MetricValues>;
  targetTokens: MedianCounter;
}

/** Keys every per-sample record has one of; DuckDB keeps them all (samples-engine.ts drops only the document and raw responses). */
const SAMPLE_KEYS = ['doc_id', 'target', 'filtered_resps', 'metrics'];

export class SamplesReader {
  private readonly byFilter = new Map<string, FilterSums>();
  private badLines = 0;
  private firstBadLine = -1;
  /** Objects with none of a record's keys (a metadata line at the end): counted, as both DuckDB and the stream see them. */
  private otherLines = 0;

  constructor(private readonly file: string) {}

  /** One JSONL line; blank and unreadable lines are counted, not kept. */
  line(text: string, lineIndex: number): void {
    if (!/\S/.test(text)) return;
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch {
      return this.unreadable(lineIndex);
    }
    this.record(record);
  }

  /** Counts a record that did not parse; the first one's line gets the warning. */
  unreadable(lineIndex: number): void {
    if (this.badLines++ === 0) this.firstBadLine = lineIndex;
  }

  record(value: unknown): void {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return;
    if (!SAMPLE_KEYS.some((k) => k in value)) {
      this.otherLines++;
      return;
    }
    const r = value as Record<string, unknown>;
    const sums = this.sumsFor(typeof r.filter === 'string' ? r.filter : 'none');
    const doc = typeof r.doc_id === 'number' && Number.isFinite(r.doc_id) ? r.doc_id : undefined;
    const names = Array.isArray(r.metrics) ? r.metrics.filter((m): m is string => typeof m === 'string') : Object.keys(r).filter((k) => !RECORD_KEYS.has(k));
    for (const name of names) {
      const v = r[name];
      if (typeof v === 'number' || typeof v === 'boolean') accumulate(sums.logged, name, Number(v), doc);
    }
    this.rescore(r, sums, doc);
  }

  finish(): ReadResult {
    const observations: Observation[] = [];
    const base = sampleLogIdentity(this.file);
    for (const [filter, sums] of this.byFilter) {
      const steps = sums.targetTokens.median;
      const add = (metric: string, { mean, items }: MetricValues, filterName: string) => {
        if (mean.count === 0) return;
        observations.push(Object.assign({}, base, { metric, filter: filterName, score: mean.mean, stderr: mean.stderr, n: mean.count, steps: steps || undefined, items: items.finish() }));
      };
      // The log's own metric keeps its name; the filter says where it came from, so it sits beside the aggregate.
      for (const [metric, acc] of sums.logged) add(metric, acc, perSampleFilter(filter));
      for (const [metric, acc] of sums.rescored) add(metric, acc, filter);
    }
    const problems: Problem[] = [];
    const at = (line: number) => Object.assign(fileStart(this.file), { line, endLine: line });
    if (this.badLines > 0) problems.push({ range: at(this.firstBadLine), severity: 'warning', message: `${this.badLines} unreadable per-sample record${this.badLines === 1 ? '' : 's'} skipped` });
    if (this.otherLines > 0) problems.push({ range: at(0), severity: 'warning', message: `${this.otherLines === 1 ? '1 line' : `${this.otherLines} lines`} with no doc_id, target or response skipped: not per-sample records` });
    return { format: 'lm-eval-samples', observations, problems };
  }

  private sumsFor(filter: string): FilterSums {
    let sums = this.byFilter.get(filter);
    if (!sums) this.byFilter.set(filter, (sums = { logged: new Map(), rescored: new Map(), targetTokens: new MedianCounter() }));
    return sums;
  }

  private rescore(r: Record<string, unknown>, sums: FilterSums, doc: number | undefined): void {
    const responses = Array.isArray(r.filtered_resps) ? r.filtered_resps : [];
    const target = textOf(r.target);
    const choices = responses.map(loglikOf);
    if (choices.length > 0 && choices.every((c) => c !== undefined)) {
      const logliks = choices as number[];
      if (logliks.length === 1) {
        // A single continuation (loglikelihood tasks such as asdiv): its log-likelihood is the target's.
        accumulate(sums.rescored, RESCORED.targetLogprob, logliks[0], doc);
        if (target !== undefined) sums.targetTokens.add(answerTokens(target).length);
        return;
      }
      const index = targetIndex(r, logliks.length);
      if (index === undefined) return;
      const { logprob, brier } = choiceScores(logliks, index);
      accumulate(sums.rescored, RESCORED.targetLogprob, logprob, doc);
      accumulate(sums.rescored, RESCORED.brier, brier, doc);
      return;
    }
    const answer = textOf(responses[0]);
    if (answer === undefined || target === undefined) return;
    accumulate(sums.rescored, RESCORED.editSimilarity, tokenEditSimilarity(answer, target), doc);
    accumulate(sums.rescored, RESCORED.charPartialCredit, charPartialCredit(answer, target), doc);
    sums.targetTokens.add(answerTokens(target).length);
  }
}

/** What a log's path says of its scores: task and prompting from the name, model and shots from the folders. */
export function sampleLogIdentity(path: string, range = fileStart(path)): Omit<Observation, 'metric' | 'score'> {
  const name = path.split(/[\\/]/).pop() ?? path;
  const match = FILE_NAME.exec(name);
  const naming = splitPrompting(match?.[1] ?? name.replace(/\.[^.]*$/, ''));
  return {
    task: naming.task,
    prompting: naming.prompting,
    model: { name: modelNameFromPath(path) ?? name },
    shots: shotsFromPath(path),
    fromSamples: { date: match?.[2] },
    range,
  };
}

function accumulate(map: Map<string, MetricValues>, metric: string, value: number, doc: number | undefined): void {
  let values = map.get(metric);
  if (!values) map.set(metric, (values = { mean: new MeanAccumulator(), items: new ItemCollector() }));
  values.mean.add(value);
  values.items.add(doc, value);
}

/** A per-choice response: `[loglik, is_greedy]` (numbers or strings) or the older text "(-2.31, False)". */
function loglikOf(response: unknown): number | undefined {
  let first: unknown = response;
  if (Array.isArray(response)) {
    if (response.length !== 2) return undefined;
    first = response[0];
  } else if (typeof response === 'string') {
    const m = /^\(\s*(-?[\d.eE+-]+|-?inf)\s*,\s*(True|False)\s*\)$/.exec(response.trim());
    if (!m) return undefined;
    first = m[1] === '-inf' ? -Infinity : m[1];
  }
  const n = typeof first === 'number' ? first : typeof first === 'string' && first.trim() !== '' ? Number(first) : NaN;
  return Number.isNaN(n) ? undefined : n;
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return textOf(value[0]);
  return undefined;
}

/** Multiple-choice gold: an index, or the text of one choice's continuation (`arguments.gen_args_i.arg_1`). */
function targetIndex(r: Record<string, unknown>, count: number): number | undefined {
  const t = r.target;
  const asIndex = typeof t === 'number' ? t : typeof t === 'string' && /^\d+$/.test(t.trim()) ? Number(t) : undefined;
  if (asIndex !== undefined) return Number.isInteger(asIndex) && asIndex < count ? asIndex : undefined;
  const text = textOf(t)?.trim();
  const args = r.arguments;
  if (text === undefined || !args || typeof args !== 'object') return undefined;
  const continuations = Object.values(args as Record<string, unknown>).map((a) => (a && typeof a === 'object' ? textOf((a as Record<string, unknown>).arg_1)?.trim() : undefined));
  const index = continuations.indexOf(text);
  return index >= 0 && index < count ? index : undefined;
}

/**
 * lm-eval v0.4.0–0.4.2 wrote the records as one JSON array, pretty-printed over many lines. The scanner cuts out one
 * record at a time by bracket depth (brackets inside strings do not count), so only the current record is held.
 */
export class SampleArrayScanner {
  private depth = 0;
  private parts: string[] = [];
  private lineIndex = -1;

  constructor(private readonly reader: SamplesReader) {}

  line(text: string): void {
    this.lineIndex++;
    let inString = false;
    let start = this.depth >= 2 ? 0 : -1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (inString) {
        if (c === 92) i++; // backslash: skip the escaped character
        else if (c === 34) inString = false;
      } else if (c === 34) {
        inString = true;
      } else if (c === 123 || c === 91) {
        if (++this.depth === 2) start = i;
      } else if (c === 125 || c === 93) {
        if (--this.depth === 1 && start >= 0) {
          this.parts.push(text.slice(start, i + 1));
          this.emit();
          start = -1;
        }
      }
    }
    if (this.depth >= 2 && start >= 0) this.parts.push(text.slice(start));
  }

  private emit(): void {
    const text = this.parts.join('\n');
    this.parts = [];
    try {
      this.reader.record(JSON.parse(text));
    } catch {
      this.reader.unreadable(this.lineIndex);
    }
  }
}
