// Prompting-technique emergence (Wei et al. 2022, §4 and Figure 3): a technique such as chain-of-thought or few-shot
// examples can hurt small models and help only from some scale on. Compared per model on the same task and metric.
import type { Thresholds } from './config';
import type { SeriesPoint, SeriesResult, TechniqueDelta, TechniqueEffect } from './results';

/** Series that differ only in prompting, or only in zero- versus few-shot, are compared point by point. */
export function techniqueEffects(series: SeriesResult[], t: Thresholds): TechniqueEffect[] {
  const groups = new Map<string, SeriesResult[]>();
  for (const s of series) {
    if (s.checkpointSweep) continue;
    const key = [s.task, s.subtask ?? '', s.metric, s.filter ?? '', s.family].join('\u0000');
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const effects: TechniqueEffect[] = [];
  for (const group of groups.values()) {
    for (const without of group) {
      for (const withSeries of group) {
        const technique = techniqueName(withSeries, without);
        if (!technique) continue;
        const effect = compare(withSeries, without, technique, t);
        if (effect) effects.push(effect);
      }
    }
  }
  return effects;
}

/** "cot" prompting against plain prompting at equal shots, or k-shot against 0-shot at equal prompting. */
function techniqueName(withSeries: SeriesResult, without: SeriesResult): string | null {
  if (withSeries.prompting && !without.prompting && withSeries.shots === without.shots) return withSeries.prompting === 'cot' ? 'chain-of-thought' : withSeries.prompting;
  if (withSeries.prompting === without.prompting && without.shots === 0 && (withSeries.shots ?? 0) > 0) return `${withSeries.shots}-shot prompting`;
  return null;
}

function compare(withSeries: SeriesResult, without: SeriesResult, technique: string, t: Thresholds): TechniqueEffect | null {
  const byModel = new Map(without.points.map((p) => [p.model.name, p]));
  const sign = withSeries.higherIsBetter ? 1 : -1;
  const deltas: (TechniqueDelta & { point: SeriesPoint })[] = [];
  for (const p of withSeries.points) {
    const q = byModel.get(p.model.name);
    if (!q) continue;
    const delta = sign * (p.score - q.score);
    const se = Math.sqrt(p.stderr ** 2 + q.stderr ** 2);
    // Normalised units of the plain series, so the effect-size floor means the same as in the classifier.
    const unit = q.normalizedStderr > 0 ? q.stderr / q.normalizedStderr : NaN;
    deltas.push({ model: p.model.name, x: p.x, delta, z: se > 0 ? delta / se : 0, normalizedDelta: delta / unit, point: p });
  }
  if (deltas.length < 2) return null;
  const helps = (d: TechniqueDelta) => d.z >= t.significance && !(d.normalizedDelta < t.minGain);
  // The smallest scale from which the technique helps at every larger shared model.
  let from = deltas.length;
  while (from > 0 && helps(deltas[from - 1])) from--;
  const first = from < deltas.length ? deltas[from].point.model : null;
  return {
    task: withSeries.task,
    subtask: withSeries.subtask,
    metric: withSeries.metric,
    family: withSeries.family,
    technique,
    withSeries: withSeries.id,
    withoutSeries: without.id,
    helpsFrom: first ? { model: first.name, params: first.params ?? null, flops: first.flops ?? null } : null,
    harmfulBelow: deltas.slice(0, from).some((d) => d.z <= -t.significance),
    deltas: deltas.map(({ point: _point, ...d }) => d),
  };
}
