// google/BIG-bench `scores_<model>.json`: one model, a list of (task or subtask, shots) score dicts.
import type { ModelInfo } from '../core/types';
import { forEachProperty, numberOf, propertyMap, stringOf, type JsonNode } from './json-tree';
import type { ReadContext } from './read-context';

/** Aggregate over subtasks on a 0–100 scale; the subtask rows carry the real scores. */
const AGGREGATE = 'normalized_aggregate_score';

export function readBigBench(ctx: ReadContext, root: JsonNode): void {
  const top = propertyMap(root);
  const model = readModel(ctx, top.get('model'));
  const taskName = stringOf(propertyMap(top.get('task')).get('task_name')) || taskFromPath(ctx.file);

  for (const entry of top.get('scores')?.children ?? []) {
    if (entry.type !== 'object') {
      ctx.warn(entry.offset, entry.length, 'not a score entry (an object with score_dict): skipped');
      continue;
    }
    const fields = propertyMap(entry);
    if (fields.get('score_dict')?.type !== 'object') ctx.warn(entry.offset, entry.length, 'score entry without a score_dict: skipped');
    const preferred = stringOf(fields.get('preferred_score'));
    if (preferred === AGGREGATE) continue;
    const description = stringOf(fields.get('subtask_description'));
    const colon = description?.indexOf(':') ?? -1;
    const task = taskName ?? (colon >= 0 ? description!.slice(0, colon) : description) ?? 'unknown task';
    const subtask = colon >= 0 ? description!.slice(colon + 1) : description && description !== task ? description : undefined;
    const shots = finite(numberOf(fields.get('number_of_shots')));
    const low = finite(numberOf(fields.get('low_score')));
    const high = finite(numberOf(fields.get('high_score')));

    forEachProperty(fields.get('score_dict'), (metric, valueNode) => {
      const score = numberOf(valueNode);
      const where = subtask ? `${task}:${subtask}` : task;
      if (metric === AGGREGATE || !valueNode) return;
      if (score === undefined) return ctx.warn(valueNode.offset, valueNode.length, `${where} ${metric} is not a number: skipped`);
      if (!Number.isFinite(score)) {
        ctx.warn(valueNode.offset, valueNode.length, `${where} ${metric} is ${score}: no score recorded`);
        return;
      }
      const isPreferred = metric === preferred;
      // low/high_score describe the preferred metric only; other metrics have ranges of their own.
      const baseline = isPreferred ? low : undefined;
      const ceiling = isPreferred ? high : undefined;
      if (baseline !== undefined && ceiling !== undefined && ceiling > baseline) {
        const span = ceiling - baseline;
        // Below chance is normal; far below it or above the maximum means the file is off.
        if (score > ceiling + 0.1 * span || score < baseline - span) {
          ctx.warn(valueNode.offset, valueNode.length, `${where} ${metric} = ${score} is outside the task's range [${baseline}, ${ceiling}]`);
        }
      }
      ctx.observations.push({
        task,
        subtask,
        metric,
        model,
        score,
        baseline,
        ceiling,
        shots,
        preferred: preferred === undefined ? undefined : isPreferred,
        range: ctx.range(valueNode.offset, valueNode.length),
      });
    });
  }
}

function readModel(ctx: ReadContext, node: JsonNode | undefined): ModelInfo {
  const fields = propertyMap(node);
  const nameNode = fields.get('model_name');
  const nonEmbedding = positive(numberOf(fields.get('non_embedding_params')));
  const total = positive(numberOf(fields.get('total_params')));
  return {
    name: stringOf(nameNode) || modelFromFileName(ctx.file) || 'unknown model',
    family: stringOf(fields.get('model_family')),
    // BIG-bench's own scaling plots use non-embedding parameters, so those are the x axis here too.
    params: nonEmbedding ?? total,
    nonEmbeddingParams: nonEmbedding,
    range: nameNode ? ctx.range(nameNode.offset, nameNode.length) : undefined,
  };
}

/** `scores_BIG-G_128b_T=0.json` → "BIG-G_128b_T=0". */
function modelFromFileName(file: string): string | undefined {
  return file.split(/[\\/]/).pop()?.replace(/\.[^.]*$/, '').replace(/^scores_/, '');
}

/** `.../benchmark_tasks/<task>/results/scores_<model>.json` → task. */
function taskFromPath(file: string): string | undefined {
  const parts = file.split(/[\\/]/);
  return parts.length >= 3 && parts[parts.length - 2] === 'results' ? parts[parts.length - 3] : undefined;
}

function finite(value: number | undefined): number | undefined {
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}

function positive(value: number | undefined): number | undefined {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : undefined;
}
