// Names read from a file (task, metric, model…) travel far: into series ids, the command links of every hover,
// diagnostics and reports. One absurd name must not make each hover megabytes, so past MAX_NAME_LENGTH a name is
// cut, with a short hash of the whole so that different long names stay different, and the file is told once
// per name.
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

/** Cuts every over-long name of the observations in place; one warning per distinct long name. */
export function cutLongNames(observations: readonly Observation[], problems: Problem[]): void {
  const cut = new Map<string, string>();
  const shorten = (name: string, field: NameField | ModelNameField, at: Observation): string => {
    let short = cut.get(name);
    if (short === undefined) {
      short = `${name.slice(0, MAX_NAME_LENGTH - 10)}…${createHash('sha256').update(name).digest('hex').slice(0, 8)}`;
      cut.set(name, short);
      problems.push({ range: at.range, severity: 'warning', message: `${LABEL[field]} name of ${name.length} characters cut to its first ${MAX_NAME_LENGTH - 10}` });
    }
    return short;
  };
  for (const o of observations) {
    for (const field of FIELDS) {
      const value = o[field];
      if (value !== undefined && value.length > MAX_NAME_LENGTH) o[field] = shorten(value, field, o);
    }
    const model: ModelInfo = o.model;
    for (const field of MODEL_FIELDS) {
      const value = model[field];
      if (value !== undefined && value.length > MAX_NAME_LENGTH) model[field] = shorten(value, field, o);
    }
  }
}
