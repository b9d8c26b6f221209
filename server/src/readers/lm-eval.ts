// EleutherAI lm-evaluation-harness aggregated results, v0.3 (`acc`, `acc_stderr`) and v0.4
// (`"acc,none"`, `"acc_stderr,none"`, n-shot / n-samples / higher_is_better / group_subtasks).
import type { ModelInfo, Observation, SourceRange } from '../core/types';
import { numberOf, plainValue, propertyMap, propertyValue, stringOf, type JsonNode } from './json-tree';
import {
  isLocalPath,
  modelArgsName,
  modelNameFromPath,
  parseModelArgs,
  shotsFromPath,
  splitPrompting,
  stepFromRevision,
  UNKNOWN_MODEL,
} from './model-identity';
import { percentToFractions } from './percent';
import type { ReadContext } from './read-context';

type Version = 'v0.3' | 'v0.4';

/** Keys of `results[task]` that are not metrics. */
const NOT_METRICS = new Set(['alias', 'name', 'sample_len', 'samples']);

export function readLmEval(ctx: ReadContext, root: JsonNode, version: Version): void {
  const top = propertyMap(root);
  const resultsNode = top.get('results');
  if (resultsNode?.type !== 'object' || !resultsNode.children) return;
  const v04 = version === 'v0.4';
  const model = readModel(ctx, top);
  const config = asRecord(plainValue(top.get('config')));
  const runShots = finiteNumber(config.num_fewshot) ?? shotsFromPath(ctx.file);
  const runInfo = v04 ? new RunInfo(top, resultsNode) : undefined;
  const higherIsBetter = v04 ? asRecord(plainValue(top.get('higher_is_better'))) : {};

  // Walks the nodes directly: this loop runs for every score of every file in a workspace.
  const first = ctx.observations.length;
  const taskNames = resultsNode.keys!;
  for (let t = 0; t < taskNames.length; t++) {
    const taskNode = resultsNode.children[t];
    if (taskNode.type !== 'object' || !taskNode.keys) continue;
    const task = taskNames[t];
    const keys = taskNode.keys;
    let naming: { task: string; prompting?: string } | undefined;
    let block: SourceRange | undefined;
    for (let k = 0; k < keys.length; k++) {
      const value = taskNode.children![k];
      if (value.type !== 'number') continue; // alias, "N/A", null, lists: nothing to plot
      const key = keys[k];
      const comma = v04 ? key.indexOf(',') : -1;
      const metric = comma >= 0 ? key.slice(0, comma) : key;
      // SQuAD 2.0's best_exact_thresh / best_f1_thresh are the no-answer thresholds behind best_*, not scores.
      if (metric.endsWith('_stderr') || metric.endsWith('_thresh') || NOT_METRICS.has(metric) || !/[a-z]/i.test(metric)) continue;
      const score = value.value as number;
      if (!Number.isFinite(score)) {
        ctx.warn(value.offset, value.length, `${task} ${key} is ${score}: no score recorded`);
        continue;
      }
      naming ??= splitPrompting(task);
      const filter = comma >= 0 ? key.slice(comma + 1) : undefined;
      const se = numberOf(propertyValue(taskNode, comma >= 0 ? `${metric}_stderr,${filter}` : `${metric}_stderr`));
      const direction = asRecord(higherIsBetter[task])[metric];
      const observation: Observation = {
        task: naming.task,
        metric,
        filter,
        model,
        score,
        stderr: se !== undefined && Number.isFinite(se) && se >= 0 ? se : undefined,
        n: runInfo?.n(task, key),
        higherIsBetter: typeof direction === 'boolean' ? direction : undefined,
        shots: runInfo?.shots(task) ?? runShots,
        prompting: naming.prompting,
        range: ctx.range(value.offset, value.length),
        block: (block ??= ctx.range(taskNode.offset, taskNode.length)),
      };
      ctx.observations.push(observation);
    }
  }
  percentToFractions(ctx.observations.slice(first));
}

/** lm-eval v0.4 per-task shots and sample counts, including groups (`group_subtasks`). */
class RunInfo {
  private readonly nShot: Record<string, unknown>;
  private readonly nSamples: Record<string, unknown>;
  private readonly members: Record<string, unknown>;
  private readonly shotsMemo = new Map<string, number | undefined>();
  private taskNodes: Map<string, JsonNode> | undefined;

  constructor(
    top: Map<string, JsonNode>,
    private readonly resultsNode: JsonNode,
  ) {
    this.nShot = asRecord(plainValue(top.get('n-shot')));
    this.nSamples = asRecord(plainValue(top.get('n-samples')));
    this.members = asRecord(plainValue(top.get('group_subtasks')));
  }

  /** A group's own n-shot can be 0 while every member ran 5-shot (lm-eval MMLU): the max over members wins. */
  shots(task: string, seen?: Set<string>): number | undefined {
    if (this.shotsMemo.has(task)) return this.shotsMemo.get(task);
    let shots = finiteNumber(this.nShot[task]);
    const members = this.membersOf(task);
    if (members.length > 0) {
      seen ??= new Set();
      if (!seen.has(task)) {
        seen.add(task);
        for (const member of members) {
          const s = this.shots(member, seen);
          if (s !== undefined && (shots === undefined || s > shots)) shots = s;
        }
      }
    }
    this.shotsMemo.set(task, shots);
    return shots;
  }

  /** Items evaluated; a group has no n-samples entry, so it gets the total over members reporting the same metric key. */
  n(task: string, key: string, seen?: Set<string>): number | undefined {
    const own = finiteNumber(asRecord(this.nSamples[task]).effective);
    if (own !== undefined) return own;
    const members = this.membersOf(task);
    seen ??= new Set();
    if (members.length === 0 || seen.has(task)) return undefined;
    seen.add(task);
    this.taskNodes ??= propertyMap(this.resultsNode);
    let total = 0;
    for (const member of members) {
      const node = this.taskNodes.get(member);
      const reports = this.membersOf(member).length > 0 || (node?.type === 'object' && propertyValue(node, key) !== undefined);
      if (reports) total += this.n(member, key, seen) ?? 0;
    }
    return total > 0 ? total : undefined;
  }

  private membersOf(task: string): string[] {
    const members = this.members[task];
    return Array.isArray(members) && members.length > 0 ? members.filter((m): m is string => typeof m === 'string') : NONE;
  }
}

const NONE: string[] = [];

/** One ModelInfo for the whole file (every score in it comes from the same run). */
function readModel(ctx: ReadContext, top: Map<string, JsonNode>): ModelInfo {
  const config = propertyMap(top.get('config'));
  const argsNode = config.get('model_args');
  const args = parseModelArgs(plainValue(argsNode));
  const fromArgs = modelArgsName(args);
  const nameNode = top.get('model_name');
  let name = stringOf(nameNode);
  let rangeNode = name ? nameNode : undefined;
  if (!name && fromArgs) {
    name = fromArgs.name;
    rangeNode = argsNode;
  }
  if (!name || isLocalPath(name)) name = modelNameFromPath(ctx.file) ?? name ?? UNKNOWN_MODEL;

  const configRevision = stringOf(config.get('model_revision'));
  // "main" is the default branch the harness records when no revision was asked for.
  const revision = configRevision && !(configRevision === 'main' && args.revision) ? configRevision : args.revision;
  const params = numberOf(config.get('model_num_parameters'));
  return {
    name,
    params: params !== undefined && Number.isFinite(params) && params > 0 ? params : undefined,
    revision,
    step: stepFromRevision(revision),
    range: !rangeNode ? undefined : rangeNode === argsNode ? nameRange(ctx, rangeNode, fromArgs?.name) : ctx.range(rangeNode.offset, rangeNode.length),
  };
}

/** The name inside a `"pretrained=X,..."` string when it can be found verbatim, else the whole value. */
function nameRange(ctx: ReadContext, node: JsonNode, inner: string | undefined): SourceRange {
  const value = stringOf(node);
  if (value !== undefined && inner && node.length === value.length + 2) {
    const at = value.indexOf(inner);
    if (at >= 0 && value !== inner) return ctx.range(node.offset + 1 + at, inner.length);
  }
  return ctx.range(node.offset, node.length);
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function finiteNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
