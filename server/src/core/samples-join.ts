// Per-sample logs do not name the model's size, shots or prompting; the aggregated results file written beside them
// by the same run (`results_<same date>.json`) does. Matching by folder, task and date keeps both in one series.
import type { Observation } from './types';

export function folderOf(file: string): string {
  const cut = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return cut < 0 ? '' : file.slice(0, cut);
}

/**
 * The aggregate a per-sample observation joins, among those of its folder and task: one with the same prompting
 * (`samples_gsm8k_cot_…` belongs to gsm8k_cot, not to gsm8k in the same results file), the log's date first.
 */
export function pickAggregate(candidates: readonly Observation[], log: Observation): Observation | undefined {
  const same = candidates.filter((c) => c.prompting === log.prompting);
  const pool = same.length ? same : candidates;
  const date = log.fromSamples?.date;
  return (date && pool.find((c) => c.range.file.includes(date))) || pool[0];
}

/** Observations from per-sample logs take model, shots and prompting from the matching aggregate; others pass unchanged. */
export function joinSamples(observations: readonly Observation[]): readonly Observation[] {
  if (!observations.some(joinsAggregate)) return observations;
  const aggregates = new Map<string, Observation[]>();
  for (const o of observations) {
    if (o.fromSamples) continue;
    const key = `${folderOf(o.range.file)}\u0000${o.task}`;
    const list = aggregates.get(key);
    if (list) list.push(o);
    else aggregates.set(key, [o]);
  }
  return observations.map((o) => {
    if (!joinsAggregate(o)) return o;
    const match = pickAggregate(aggregates.get(`${folderOf(o.range.file)}\u0000${o.task}`) ?? [], o);
    if (!match) return o;
    return Object.assign({}, o, { model: Object.assign({}, match.model, { range: undefined }), shots: match.shots, prompting: match.prompting ?? o.prompting, subtask: match.subtask });
  });
}

/** A per-sample observation that takes its model from an aggregate beside it (lm-eval's logs name no model). */
export function joinsAggregate(o: Observation): boolean {
  return o.fromSamples !== undefined && !o.fromSamples.standalone;
}
