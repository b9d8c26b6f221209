// Pre-training losses stated in emergence-lens.json ("models": { "pythia-1.4b": { "loss": 2.15 } }) as observations
// of the models they name: a language-modelling loss of the family for the loss-threshold forecast (Du et al. 2024
// use the pre-training loss) and the charts' Loss axis, located where the override file states them.
import type { Overrides } from './config';
import { findModelOverride } from './scale/resolve';
import type { Observation } from './types';

/** The task and metric override losses are observed as: pre-training, which the analysis takes for language modelling. */
const OVERRIDE_LOSS = { task: 'pretraining', metric: 'loss' } as const;

/** One observation per model of `observations` (and checkpoint) whose override states a loss. */
export function overrideLosses(observations: readonly Observation[], overrides: Overrides): Observation[] {
  if (!overrides.models) return [];
  const out: Observation[] = [];
  const seen = new Set<string>();
  for (const o of observations) {
    const key = `${o.model.name}\u0000${o.model.revision ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const loss = findModelOverride(o.model.name, overrides, o.model.revision)?.loss;
    if (loss) out.push(Object.assign({}, OVERRIDE_LOSS, { model: o.model, score: loss.value, range: loss.range }));
  }
  return out;
}
