// Inspect AI evaluation logs: the EvalLog object of a `.json` log, the header.json of an `.eval` archive (the same
// object without its samples) and each entry of an eval set's logs.json. One observation per scorer and metric of
// `results.scores`; the per-sample scores (reductions, else the samples' own values) become the items of the
// scorer's mean metric, and answers with their targets are re-scored with continuous metrics (core/rescore.ts).
import { max } from 'simple-statistics';
import { answerTokens, charPartialCredit, MedianCounter, RESCORED, tokenEditSimilarity } from '../core/rescore';
import type { ModelInfo, Observation } from '../core/types';
import { forEachProperty, numberOf, propertyValue, stringOf, type JsonNode } from './json-tree';
import { itemId } from './item-ids';
import { ItemMeans, type ItemSummary } from './item-means';
import { UNKNOWN_MODEL, UNKNOWN_TASK } from './model-identity';
import { isRecord } from './plain-values';
import type { ReadContext } from './read-context';

/** Per-sample data read beside the header (plain values, as JSON.parse gives them). */
export interface InspectSamples {
  /** `[{scorer, reducer?, samples: [{sample_id, value}]}]`: reductions.json, a log's `reductions`, or `results.sample_reductions`. */
  reductions?: unknown;
  /** One record per sample and epoch, `{id, epoch, target, choices?, scores: {scorer: {value, answer?}}}`: a `.json` log's samples, an archive's summaries. */
  records?: unknown;
}

/** Metrics that are errors or spreads of another metric, not scores. */
const SPREADS = new Set(['stderr', 'bootstrap_stderr', 'std', 'var']);
/** Metrics that are the mean of the per-sample values, so those values are their items. */
const MEANS = new Set(['accuracy', 'mean']);
/** Scorers whose answer is no attempt at the target's text: a model's grade, a choice's letter. */
const NOT_TEXT_MATCH = /^(model_graded|choice$)/;
/** Inspect's value_to_float for the letters its scorers give: correct, incorrect, partial; "N" (no answer) is no value. */
const LETTERS: Record<string, number> = { C: 1, I: 0, P: 0.5 };

export function readInspectLog(ctx: ReadContext, root: JsonNode, samples: InspectSamples): void {
  const evalNode = propertyValue(root, 'eval');
  const model = readModel(ctx, propertyValue(evalNode, 'model'));
  const { task, shots } = readTask(ctx, evalNode);
  const results = propertyValue(root, 'results');
  reportStatus(ctx, root, results);
  const scores = propertyValue(results, 'scores');
  if (!scores?.children?.length) {
    const at = results ?? propertyValue(root, 'status') ?? root;
    ctx.warn(at.offset, Math.min(at.length, 9), 'this Inspect log has no scores (it was not scored, or is scored later with `inspect score`): nothing to read');
    return;
  }
  const config = propertyValue(evalNode, 'config');
  const epochs = positiveInteger(numberOf(propertyValue(config, 'epochs'))) ?? 1;
  const configReducers = propertyValue(config, 'epochs_reducer')?.children;
  const completed = numberOf(propertyValue(results, 'completed_samples'));
  const records = Array.isArray(samples.records) ? (samples.records as unknown[]) : [];

  for (const entry of scores.children) {
    const nameNode = propertyValue(entry, 'name') ?? propertyValue(entry, 'scorer');
    const scorer = stringOf(nameNode) ?? 'score';
    const reducer = stringOf(propertyValue(entry, 'reducer'));
    const n = positiveInteger(numberOf(propertyValue(entry, 'scored_samples'))) ?? positiveInteger(completed !== undefined ? completed / epochs : undefined);
    const metrics = propertyValue(entry, 'metrics');
    const stderr = nonNegative(numberOf(propertyValue(propertyValue(metrics, 'stderr') ?? propertyValue(metrics, 'bootstrap_stderr'), 'value')));
    const { summary: items, answers } = perSampleScores(scorer, reducer, samples.reductions, records);
    const base = { task, shots, model, filter: scorer, n };
    // A mean over epochs is the mean of every try (a single configured reducer names the scores' own; none is mean).
    const reducedBy = reducer ?? (configReducers?.length === 1 ? stringOf(configReducers[0]) : configReducers?.length ? undefined : 'mean');
    const attempts = epochs > 1 && n !== undefined && reducedBy === 'mean' ? n * epochs : undefined;
    forEachProperty(metrics, (metric, metricNode) => {
      const valueNode = propertyValue(metricNode, 'value');
      const score = numberOf(valueNode);
      if (SPREADS.has(metric) || !valueNode || score === undefined) return;
      if (!Number.isFinite(score)) return ctx.warn(valueNode.offset, valueNode.length, `${task} ${scorer} ${metric} is ${score}: no score recorded`);
      // The items stand for this metric only when they average to it (a custom metric is some other function of them).
      const own = MEANS.has(metric) && items && Math.abs(items.score - score) <= 1e-6 ? items.items : undefined;
      const tries = MEANS.has(metric) && attempts !== undefined ? { attempts } : {};
      ctx.observations.push(Object.assign({}, base, { metric, score, stderr, items: own }, tries, { range: ctx.range(valueNode.offset, valueNode.length) }));
    });
    const at = nameNode ?? entry;
    if (NOT_TEXT_MATCH.test(stringOf(propertyValue(entry, 'scorer')) ?? scorer)) continue;
    for (const o of rescore(scorer, records, answers)) ctx.observations.push(Object.assign({}, base, o, { range: ctx.range(at.offset, at.length) }));
  }
}

/** `provider/name` ("openai/gpt-4o", "hf/EleutherAI/pythia-1.4b"): the provider is a route to the model, not its name. */
function readModel(ctx: ReadContext, node: JsonNode | undefined): ModelInfo {
  const raw = stringOf(node);
  if (!node || !raw || isRedacted(raw)) {
    if (node) ctx.warn(node.offset, node.length, `the model name is ${raw ? 'redacted' : 'missing'}: scores read as "${UNKNOWN_MODEL}"`);
    return { name: UNKNOWN_MODEL, range: node && ctx.range(node.offset, node.length) };
  }
  const slash = raw.indexOf('/');
  const name = slash > 0 && slash < raw.length - 1 ? raw.slice(slash + 1) : raw;
  // The name sits verbatim inside the string literal unless escapes moved it.
  const verbatim = node.length === raw.length + 2;
  return { name, range: verbatim ? ctx.range(node.offset + 1 + raw.length - name.length, name.length) : ctx.range(node.offset, node.length) };
}

/** Task without its package ("inspect_evals/mmlu_0_shot" → "mmlu"), shots from a `_<k>_shot` suffix or the task arguments. */
function readTask(ctx: ReadContext, evalNode: JsonNode | undefined): { task: string; shots?: number } {
  const node = propertyValue(evalNode, 'task');
  const raw = stringOf(node);
  if (!raw || isRedacted(raw)) {
    if (node) ctx.warn(node.offset, node.length, `the task name is ${raw ? 'redacted' : 'missing'}: scores read as "${UNKNOWN_TASK}"`);
    return { task: UNKNOWN_TASK };
  }
  const bare = raw.slice(raw.lastIndexOf('/') + 1) || raw;
  const suffix = /^(.+?)[_-](\d+)[_-]?shots?$/i.exec(bare);
  const args = propertyValue(evalNode, 'task_args');
  const argShots = ['fewshot', 'num_fewshot', 'n_shot', 'shots'].map((k) => numberOf(propertyValue(args, k))).find((v) => v !== undefined && v >= 0);
  return suffix ? { task: suffix[1], shots: Number(suffix[2]) } : { task: bare, shots: argShots };
}

function isRedacted(name: string): boolean {
  return /^\s*\.{3,}\s*$/.test(name);
}

/** Logs that did not finish still hold the scores of what they completed: read them, and say so. */
function reportStatus(ctx: ReadContext, root: JsonNode, results: JsonNode | undefined): void {
  const node = propertyValue(root, 'status');
  const status = stringOf(node);
  if (node && status && status !== 'success') {
    const completed = numberOf(propertyValue(results, 'completed_samples'));
    const dataset = numberOf(propertyValue(propertyValue(propertyValue(root, 'eval'), 'dataset'), 'samples'));
    const cover = completed !== undefined ? `: its scores cover the ${completed} samples completed${dataset !== undefined ? ` (the dataset has ${dataset})` : ''}` : '';
    ctx.warn(node.offset, node.length, `this Inspect log's status is "${status}"${cover}`);
  }
  const invalidated = propertyValue(root, 'invalidated');
  if (invalidated?.value === true) ctx.warn(invalidated.offset, invalidated.length, 'this Inspect log is marked invalidated');
}

/**
 * One scorer's value per sample: the epoch-reduced values where the log has them, else the samples' own, averaged over
 * epochs; and the reduced samples' answers by item.
 */
function perSampleScores(scorer: string, reducer: string | undefined, reductions: unknown, records: unknown[]) {
  const means = new ItemMeans();
  const answers = new Map<number, string>();
  const reduction = Array.isArray(reductions)
    ? reductions.find((r) => isRecord(r) && r.scorer === scorer && (r.reducer ?? undefined) === reducer) ?? reductions.find((r) => isRecord(r) && r.scorer === scorer)
    : undefined;
  if (isRecord(reduction) && Array.isArray(reduction.samples)) {
    for (const s of reduction.samples) {
      if (!isRecord(s)) continue;
      const id = itemId(s.sample_id);
      means.add(id, scoreValue(s.value));
      if (id !== undefined && typeof s.answer === 'string') answers.set(id, s.answer);
    }
  } else {
    for (const r of records) if (isRecord(r)) means.add(itemId(r.id), scoreValue(scoreOf(r, scorer)?.value));
  }
  return { summary: means.summary(), answers };
}

/**
 * Edit similarity and character partial credit of each answer against its target, for free-text scorers: a multiple
 * choice answer is a letter. Newer logs keep the answer in the reductions only.
 */
function rescore(scorer: string, records: unknown[], reduced: Map<number, string>): (ItemSummary & Pick<Observation, 'metric' | 'steps' | 'fromSamples'>)[] {
  const edit = new ItemMeans();
  const chars = new ItemMeans();
  const targetTokens = new MedianCounter();
  for (const r of records) {
    if (!isRecord(r) || r.choices !== undefined) continue;
    const id = itemId(r.id);
    const answer = scoreOf(r, scorer)?.answer ?? (id !== undefined ? reduced.get(id) : undefined);
    const targets = (Array.isArray(r.target) ? r.target : [r.target]).filter((t): t is string => typeof t === 'string' && t.trim() !== '');
    if (typeof answer !== 'string' || targets.length === 0 || targets.every((t) => /^\s*[A-Z]\s*$/.test(t))) continue;
    edit.add(id, max(targets.map((t) => tokenEditSimilarity(answer, t))));
    chars.add(id, max(targets.map((t) => charPartialCredit(answer, t))));
    targetTokens.add(answerTokens(targets[0]).length);
  }
  const out: (ItemSummary & Pick<Observation, 'metric' | 'steps' | 'fromSamples'>)[] = [];
  for (const [metric, means] of [[RESCORED.editSimilarity, edit], [RESCORED.charPartialCredit, chars]] as const) {
    const summary = means.summary();
    if (summary) out.push(Object.assign({ metric }, summary, { steps: targetTokens.median || undefined, fromSamples: { standalone: true } }));
  }
  return out;
}

function scoreOf(record: Record<string, unknown>, scorer: string): Record<string, unknown> | undefined {
  const scores = record.scores;
  const score = isRecord(scores) ? scores[scorer] : undefined;
  return isRecord(score) ? score : undefined;
}

/** A per-sample value as a number: numbers and booleans as they are, Inspect's letters mapped; anything else is none. */
function scoreValue(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return typeof value === 'string' ? LETTERS[value.trim().toUpperCase()] : undefined;
}

function positiveInteger(value: number | undefined): number | undefined {
  return value !== undefined && Number.isInteger(value) && value > 0 ? value : undefined;
}

function nonNegative(value: number | undefined): number | undefined {
  return value !== undefined && Number.isFinite(value) && value >= 0 ? value : undefined;
}
