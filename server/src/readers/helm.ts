// Stanford HELM output. A run folder is named after its run spec, `<scenario>:<arg>=<v>,…,model=<org>_<name>`, and
// holds run_spec.json (the adapter: model id, shots), stats.json (one entry per statistic, split and perturbation)
// and per_instance_stats.json (the same statistics per item). `helm-summarize` adds tables under groups/json/.
import type { ModelInfo, Observation } from '../core/types';
import { lenientJson, numberOf, propertyValue, stringOf, type JsonNode } from './json-tree';
import { itemId } from './item-ids';
import { ItemMeans, perSampleFilter } from './item-means';
import { UNKNOWN_MODEL, UNKNOWN_TASK } from './model-identity';
import { parentFolders, type Neighbours } from './neighbours';
import { isRecord } from './plain-values';
import type { ReadContext } from './read-context';
import { fileStart } from './read-context';

const HELM_RUN_SPEC = 'run_spec.json';

/** Statistics that describe the run (tokens, timing, truncation, costs), not how well the model did. */
// Statistics that count or time the run rather than score it; and, for a multiple-choice run answered by letter
// (method multiple_choice_joint), the log-probabilities of that one letter, which say nothing of the model's loss.
const BOOKKEEPING = /^(num_|finish_reason_|training_|inference_)|^(batch_size|prompt_truncated|max_prob)$/;
const LETTER_LOSS = /^(logprob|perplexity|bits_per_byte|logprob_per_byte)$/;

interface Run {
  task: string;
  subtask?: string;
  model: ModelInfo;
  shots?: number;
  /** Answered by the letter of a choice (multiple_choice_joint): its losses are of that letter only. */
  letterAnswers: boolean;
}

/** Task, model and shots of the run whose folder holds `file`: the folder name, refined by run_spec.json. */
function runOf(ctx: ReadContext, neighbours: Neighbours): Run {
  const spec = lenientJson(neighbours.text(HELM_RUN_SPEC));
  const adapter = isRecord(spec) && isRecord(spec.adapter_spec) ? spec.adapter_spec : {};
  const name = (isRecord(spec) && typeof spec.name === 'string' ? spec.name : undefined) ?? parentFolders(ctx.file)[0] ?? '';
  const { task, args } = parseRunName(name);
  const modelArg = args.get('model');
  args.delete('model');
  // The folder writes "/" as "_"; the adapter has the id itself.
  const modelId = typeof adapter.model === 'string' ? adapter.model : modelArg?.replace('_', '/');
  const shots = adapter.max_train_instances;
  return {
    task: task || UNKNOWN_TASK,
    subtask: args.size ? [...args].map(([k, v]) => `${k}=${v}`).join(',') : undefined,
    model: { name: modelId || UNKNOWN_MODEL },
    shots: typeof shots === 'number' && Number.isInteger(shots) && shots >= 0 ? shots : undefined,
    letterAnswers: (adapter.method ?? args.get('method')) === 'multiple_choice_joint',
  };
}

/** Statistics that are not scores of the run. */
function isBookkeeping(name: string, letterAnswers: boolean): boolean {
  return BOOKKEEPING.test(name) || (letterAnswers && LETTER_LOSS.test(name));
}

/** "bbq:subject=all,method=multiple_choice_joint,model=meta_llama-3-8b" → "bbq" and its arguments. */
function parseRunName(name: string): { task: string; args: Map<string, string> } {
  const colon = name.indexOf(':');
  const args = new Map<string, string>();
  for (const part of colon >= 0 ? name.slice(colon + 1).split(',') : []) {
    const eq = part.indexOf('=');
    if (eq > 0) args.set(part.slice(0, eq), part.slice(eq + 1));
  }
  return { task: colon >= 0 ? name.slice(0, colon) : name, args };
}

/** A statistic's identity; undefined for perturbed variants (robustness, fairness) and sub-splits, which repeat the metric names. */
function statName(stat: JsonNode | undefined): { name: string; split?: string } | undefined {
  const nameNode = propertyValue(stat, 'name');
  const name = stringOf(propertyValue(nameNode, 'name'));
  if (!name || propertyValue(nameNode, 'perturbation') || propertyValue(nameNode, 'sub_split')) return undefined;
  return { name, split: stringOf(propertyValue(nameNode, 'split')) };
}

/** A HELM statistic: `{name: {name, split…}, count, mean…}`. */
export function isHelmStat(node: JsonNode | undefined): boolean {
  return propertyValue(propertyValue(node, 'name'), 'name') !== undefined;
}

/** An instance of HELM's per_instance_stats.json: its id and its statistics. */
export function isHelmInstance(node: JsonNode | undefined): boolean {
  return propertyValue(node, 'instance_id') !== undefined && propertyValue(node, 'stats')?.type === 'array';
}

/** Warns of an entry left out; false, to filter it out. */
function skipped(ctx: ReadContext, node: JsonNode, what: string): false {
  ctx.warn(node.offset, node.length, `${what}: skipped`);
  return false;
}

/** The test split when the run has one, else every split it has. */
function preferredSplit(stats: JsonNode[]): string | undefined {
  return stats.some((s) => statName(s)?.split === 'test') ? 'test' : undefined;
}

/**
 * stats.json: the value is `mean`. Its `count` counts train trials and its variance is over trials (0 with one), so
 * neither says how many items were scored: n is the `num_instances` statistic, and the error follows from n.
 */
export function readHelmStats(ctx: ReadContext, root: JsonNode, neighbours: Neighbours): void {
  const { letterAnswers, ...run } = runOf(ctx, neighbours);
  const stats = (root.children ?? []).filter((s) => isHelmStat(s) || skipped(ctx, s, 'not a HELM statistic (no name)'));
  const split = preferredSplit(stats);
  const inSplit = stats.filter((s) => {
    const id = statName(s);
    return id && (split === undefined || id.split === split);
  });
  const instances = inSplit.find((s) => statName(s)?.name === 'num_instances');
  const n = numberOf(propertyValue(instances, 'mean'));
  for (const stat of inSplit) {
    const { name } = statName(stat)!;
    const meanNode = propertyValue(stat, 'mean');
    const score = numberOf(meanNode);
    if (isBookkeeping(name, letterAnswers) || !meanNode || score === undefined || !Number.isFinite(score)) continue;
    ctx.observations.push(
      Object.assign({}, run, {
        metric: name,
        score,
        n: n !== undefined && Number.isInteger(n) && n > 0 ? n : undefined,
        range: ctx.range(meanNode.offset, meanNode.length),
      }),
    );
  }
}

/** per_instance_stats.json: each item's statistics, averaged over its train trials; per-sample twins of stats.json. */
export function readHelmPerInstance(ctx: ReadContext, root: JsonNode, neighbours: Neighbours): void {
  const { letterAnswers, ...run } = runOf(ctx, neighbours);
  const byMetric = new Map<string, ItemMeans>();
  const instances = (root.children ?? []).filter((i) => isHelmInstance(i) || skipped(ctx, i, 'not a HELM instance (no instance_id and stats)'));
  const split = preferredSplit(instances.flatMap((i) => propertyValue(i, 'stats')?.children ?? []));
  for (const instance of instances) {
    const id = itemId(stringOf(propertyValue(instance, 'instance_id')) ?? numberOf(propertyValue(instance, 'instance_id')));
    for (const stat of propertyValue(instance, 'stats')?.children ?? []) {
      const name = statName(stat);
      if (!name || isBookkeeping(name.name, letterAnswers) || (split !== undefined && name.split !== split)) continue;
      let means = byMetric.get(name.name);
      if (!means) byMetric.set(name.name, (means = new ItemMeans()));
      means.add(id, numberOf(propertyValue(stat, 'mean')));
    }
  }
  for (const [metric, means] of byMetric) {
    const summary = means.summary();
    if (summary) ctx.observations.push(Object.assign({}, run, { metric, filter: perSampleFilter(undefined) }, summary, { fromSamples: { standalone: true }, range: fileStart(ctx.file) }));
  }
}

/** Columns of a group table that count or time the runs rather than score them. */
const TABLE_BOOKKEEPING = /^#|truncated|time \(s\)|win rate/i;

/**
 * groups/json/<group>.json: `{title, header: [{value, lower_is_better, metadata: {metric, run_group}}], rows: [[cell…]]}`,
 * one row per model; the first cell names it (with the run specs it summarises), "# eval" and "# train" cells give n
 * and shots for the scores of the same run group.
 */
export function readHelmGroupTable(ctx: ReadContext, root: JsonNode, neighbours: Neighbours): void {
  // helm-summarize writes these tables from the run folders; where those are at hand they are the data (with n and
  // per-item statistics), and reading both would give every score twice under two names.
  if (runFoldersBeside(neighbours)) return ctx.report('info', fileStart(ctx.file), "not read: a HELM group table beside its suite's run folders, which are read instead");
  const header = (propertyValue(root, 'header')?.children ?? []).map((h) => {
    const meta = propertyValue(h, 'metadata');
    const lower = propertyValue(h, 'lower_is_better')?.value;
    return {
      metric: stringOf(propertyValue(meta, 'metric')),
      group: stringOf(propertyValue(meta, 'run_group')),
      higherIsBetter: typeof lower === 'boolean' ? !lower : undefined,
    };
  });
  const column = (group: string | undefined, metric: string) => header.findIndex((h) => h.group === group && h.metric === metric);
  for (const row of propertyValue(root, 'rows')?.children ?? []) {
    const cells = row.children ?? [];
    const model = tableModel(ctx, cells[0]);
    const numberAt = (i: number) => (i >= 0 ? numberOf(propertyValue(cells[i], 'value')) : undefined);
    header.forEach((h, i) => {
      const valueNode = propertyValue(cells[i], 'value');
      const score = numberOf(valueNode);
      if (i === 0 || !h.metric || !h.group || TABLE_BOOKKEEPING.test(h.metric) || !valueNode || score === undefined || !Number.isFinite(score)) return;
      const n = numberAt(column(h.group, '# eval'));
      const shots = numberAt(column(h.group, '# train'));
      const observation: Observation = {
        task: h.group,
        metric: h.metric,
        model,
        score,
        n: n !== undefined && Number.isInteger(n) && n > 0 ? n : undefined,
        shots: shots !== undefined && Number.isInteger(shots) && shots >= 0 ? shots : undefined,
        higherIsBetter: h.higherIsBetter,
        range: ctx.range(valueNode.offset, valueNode.length),
      };
      ctx.observations.push(observation);
    });
  }
}

/** Whether the suite of groups/json/<group>.json holds a run folder its run_specs.json names. */
function runFoldersBeside(neighbours: Neighbours): boolean {
  const specs = lenientJson(neighbours.text('../../run_specs.json') ?? '');
  if (!Array.isArray(specs)) return false;
  return specs.some((spec) => isRecord(spec) && typeof spec.name === 'string' && neighbours.text(`../../${spec.name}/run_spec.json`) !== undefined);
}

/**
 * The model of a table row: the run spec's model id where the cell lists one, else the display name, whose size is
 * in brackets ("Llama 3 (70B)" is read as "Llama 3 70B").
 */
function tableModel(ctx: ReadContext, cell: JsonNode | undefined): ModelInfo {
  const nameNode = propertyValue(cell, 'value');
  const spec = stringOf(propertyValue(cell, 'run_spec_names')?.children?.[0]);
  const fromSpec = spec ? parseRunName(spec).args.get('model')?.replace('_', '/') : undefined;
  const display = stringOf(nameNode)?.replace(/[()]/g, ' ').replace(/\s+/g, ' ').trim();
  return { name: fromSpec ?? (display || UNKNOWN_MODEL), range: nameNode && ctx.range(nameNode.offset, nameNode.length) };
}
