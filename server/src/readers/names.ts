// Names read from a file (task, metric, model…) travel far and live long: into series ids, the command links of
// every hover, diagnostics and reports, and they stay in memory as long as the file is indexed. So every name is
// settled once a file is read:
// - one absurd name must not make each hover megabytes, so past MAX_NAME_LENGTH a name is cut, with a short hash of
//   the whole so that different long names stay different, and the file is told once per name;
// - a name is a copy of its own, one per distinct name in the file: a name cut out of the file's text by `slice`
//   may be a view that keeps the whole text alive (V8 makes such views of 13 characters and more), and a
//   workspace's files would stay in memory through their model names; and "none", "acc"… repeated on every result
//   are then one string a file.
import { createHash } from 'node:crypto';
import type { ModelInfo, Observation, Problem } from '../core/types';

export const MAX_NAME_LENGTH = 256;

type NameField = 'task' | 'subtask' | 'metric' | 'filter' | 'prompting';
type ModelNameField = 'name' | 'family' | 'revision';

const FIELDS: readonly NameField[] = ['task', 'subtask', 'metric', 'filter', 'prompting'];
const MODEL_FIELDS: readonly ModelNameField[] = ['name', 'family', 'revision'];
const LABEL: Record<NameField | ModelNameField, string> = {
  task: 'task',
  subtask: 'subtask',
  metric: 'metric',
  filter: 'filter',
  prompting: 'prompting',
  name: 'model',
  family: 'model family',
  revision: 'model revision',
};

/** Settles every name of the observations in place: cut when over-long (one warning per such name), else copied. */
export function settleNames(observations: readonly Observation[], problems: Problem[]): void {
  const settled = new Map<string, string>();
  // A file's observations mostly share one model: its names are settled once.
  const models = new Set<ModelInfo>();
  const settle = (name: string, field: NameField | ModelNameField, at: Observation): string => {
    let own = settled.get(name);
    if (own === undefined) {
      if (name.length > MAX_NAME_LENGTH) {
        own = ownCopy(`${name.slice(0, MAX_NAME_LENGTH - 10)}…${createHash('sha256').update(name).digest('hex').slice(0, 8)}`);
        problems.push({ range: at.range, severity: 'warning', message: `${LABEL[field]} name of ${name.length} characters cut to its first ${MAX_NAME_LENGTH - 10}` });
      } else own = ownCopy(name);
      settled.set(name, own);
    }
    return own;
  };
  for (const o of observations) {
    for (const field of FIELDS) {
      const value = o[field];
      if (value !== undefined) o[field] = settle(value, field, o);
    }
    const model: ModelInfo = o.model;
    if (models.has(model)) continue;
    models.add(model);
    for (const field of MODEL_FIELDS) {
      const value = model[field];
      if (value !== undefined) model[field] = settle(value, field, o);
    }
  }
}

/** A string with characters of its own: JSON.parse builds its strings afresh, never as views of its input. */
function ownCopy(name: string): string {
  return JSON.parse(JSON.stringify(name)) as string;
}
