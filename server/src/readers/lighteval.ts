// Hugging Face lighteval: the results JSON (`results_<date>.json`: `config_general`, `results` keyed
// "suite|task|shots") and its per-item details in Parquet (`details_<suite>|<task>|<shots>_<date>.parquet`, one row
// per evaluated item and, for some metrics, one row per metric with the others null).
import type { ModelInfo, Observation, ReadResult } from '../core/types';
import { forEachProperty, numberOf, propertyValue, stringOf, type JsonNode } from './json-tree';
import { itemId } from './item-ids';
import { ItemMeans, perSampleFilter } from './item-means';
import { stepFromRevision, UNKNOWN_MODEL } from './model-identity';
import { baseName, parentFolders } from './neighbours';
import { isRecord } from './plain-values';
import { readParquetRows } from './parquet';
import type { ReadContext } from './read-context';
import { fileStart } from './read-context';

/** The mean over every task of the run, written beside the tasks: not a task. */
const ALL_TASKS = 'all';

/** "lighteval|gpqa:diamond|0" → suite, task, shots. Task and metric names hold ':' and '@' ("gpqa:diamond", "math_pass@1:32_samples"): only '|' separates. */
function splitTaskKey(key: string): { task: string; shots?: number } {
  const parts = key.split('|');
  const last = parts[parts.length - 1];
  const shots = parts.length >= 2 && /^\d+$/.test(last) ? Number(last) : undefined;
  const named = shots === undefined ? parts : parts.slice(0, -1);
  return { task: named.length >= 2 ? named.slice(1).join('|') : named[0], shots };
}

export function readLighteval(ctx: ReadContext, root: JsonNode): void {
  const general = propertyValue(root, 'config_general');
  const model = readModel(ctx, general);
  const configTasks = propertyValue(root, 'config_tasks');
  forEachProperty(propertyValue(root, 'results'), (key, metrics) => {
    if (key === ALL_TASKS || metrics.type !== 'object') return;
    const { task, shots } = splitTaskKey(key);
    // Older files key config_tasks without the shots ("lighteval|aime24").
    const config = propertyValue(configTasks, key) ?? propertyValue(configTasks, key.replace(/\|\d+$/, ''));
    const docs = numberOf(propertyValue(config, 'effective_num_docs'));
    const directions = higherIsBetter(config);
    forEachProperty(metrics, (metric, valueNode) => {
      const score = numberOf(valueNode);
      if (metric.endsWith('_stderr') || score === undefined) return;
      if (!Number.isFinite(score)) return ctx.warn(valueNode.offset, valueNode.length, `${key} ${metric} is ${score}: no score recorded`);
      const stderr = numberOf(propertyValue(metrics, `${metric}_stderr`));
      ctx.observations.push({
        task,
        metric,
        model,
        score,
        stderr: stderr !== undefined && Number.isFinite(stderr) && stderr >= 0 ? stderr : undefined,
        // -1 in newer files: not counted.
        n: docs !== undefined && Number.isInteger(docs) && docs > 0 ? docs : undefined,
        higherIsBetter: directions.get(metric),
        shots,
        range: ctx.range(valueNode.offset, valueNode.length),
      });
    });
  });
}

/**
 * `model_size` is the weights' size in bytes ("13.48 GB"), not a parameter count, so it is not read. A checkpoint is
 * named only by `model_config.revision` or its folder ("v00.01-step-000001172"): its step makes it a point of a
 * training sweep rather than one more run of the same model.
 */
function readModel(ctx: ReadContext, general: JsonNode | undefined): ModelInfo {
  const config = propertyValue(general, 'model_config');
  const nameNode = [propertyValue(general, 'model_name'), propertyValue(config, 'model_name')].find((n) => stringOf(n));
  const stated = stringOf(propertyValue(config, 'revision'));
  const revision = stated && stated !== 'main' ? stated : parentFolders(ctx.file).find((f) => stepFromRevision(f) !== undefined);
  return {
    name: stringOf(nameNode) ?? UNKNOWN_MODEL,
    revision,
    step: stepFromRevision(revision),
    range: nameNode && ctx.range(nameNode.offset, nameNode.length),
  };
}

/** `config_tasks[…].metric` (`metrics` in newer files): `[{metric_name, higher_is_better}]` (a name may be a list of names). */
function higherIsBetter(config: JsonNode | undefined): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const m of (propertyValue(config, 'metric') ?? propertyValue(config, 'metrics'))?.children ?? []) {
    const direction = propertyValue(m, 'higher_is_better');
    const names = propertyValue(m, 'metric_name');
    const list = names?.type === 'array' ? (names.children ?? []).map(stringOf) : [stringOf(names)];
    for (const name of list) if (name && typeof direction?.value === 'boolean') out.set(name, direction.value);
  }
  return out;
}

// ---- Details (Parquet) ----

const DETAILS_NAME = /^details_(.+?)_(\d{4}-\d{2}-\d{2}T[\d.:-]+)\.parquet$/i;

const METRICS = 'metrics';
/** Columns that name an item: the question, else the whole prompt. */
const ITEM_COLUMNS = ['example', 'full_prompt'];

/**
 * Details sit at `details/<org>/<model>/<date>/details_<key>_<date>.parquet`, so the model is the two folders above
 * the date's. Each metric of the `metrics` struct becomes a per-sample twin of the results file's aggregate.
 */
export async function readLightevalDetails(file: string, bytes: Uint8Array): Promise<ReadResult> {
  const name = baseName(file);
  const match = DETAILS_NAME.exec(name);
  const { task, shots } = splitTaskKey(match?.[1] ?? name.replace(/\.parquet$/i, ''));
  const folders = parentFolders(file);
  const modelFolders = match && folders[0] === match[2] ? folders.slice(1, 3) : folders.slice(0, 2);
  const model: ModelInfo = { name: modelFolders.reverse().join('/') || UNKNOWN_MODEL };
  let rows: Record<string, unknown>[] | undefined;
  try {
    rows = await readParquetRows(bytes, [METRICS, ...ITEM_COLUMNS]);
  } catch (e) {
    const message = `cannot read this Parquet file: ${e instanceof Error ? e.message : String(e)}`;
    return { format: 'lighteval-details', observations: [], problems: [{ range: fileStart(file), severity: 'error', message }] };
  }
  // Parquet files of other tools hold no per-item metrics: not results.
  if (!rows?.some((row) => isRecord(row[METRICS]))) return { format: null, observations: [], problems: [] };
  const byMetric = new Map<string, ItemMeans>();
  rows.forEach((row, index) => {
    const metrics = row[METRICS];
    if (!isRecord(metrics)) return;
    const id = itemId(ITEM_COLUMNS.map((c) => row[c]).find((v) => typeof v === 'string' && v !== '') ?? index);
    for (const [metric, value] of Object.entries(metrics)) {
      // null: the row was written for another metric of the same item.
      const v = typeof value === 'number' ? value : typeof value === 'boolean' ? Number(value) : typeof value === 'bigint' ? Number(value) : undefined;
      let means = byMetric.get(metric);
      if (!means) byMetric.set(metric, (means = new ItemMeans()));
      means.add(id, v);
    }
  });
  const observations: Observation[] = [];
  for (const [metric, means] of byMetric) {
    const summary = means.summary();
    if (summary) observations.push(Object.assign({ task, shots, model, metric, filter: perSampleFilter(undefined) }, summary, { fromSamples: { standalone: true }, range: fileStart(file) }));
  }
  return { format: 'lighteval-details', observations, problems: [] };
}
