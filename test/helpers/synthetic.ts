// Builders for observations of made-up model families, so core tests state their curves plainly.
import type { Observation } from '../../server/src/core/types';

export interface CurveSpec {
  task: string;
  metric?: string;
  family?: string;
  /** Parameter counts, smallest first. */
  params: number[];
  scores: number[];
  /** Items per evaluation: gives binomial standard errors. */
  n?: number;
  stderr?: number[];
  baseline?: number;
  shots?: number;
  file?: string;
}

export function curve(spec: CurveSpec): Observation[] {
  const family = spec.family ?? 'toy';
  const file = spec.file ?? `/results/${spec.task}.csv`;
  return spec.params.map((params, i) => ({
    task: spec.task,
    metric: spec.metric ?? 'acc',
    model: { name: `${family}-${params}`, family, params },
    score: spec.scores[i],
    stderr: spec.stderr?.[i],
    n: spec.n,
    baseline: spec.baseline,
    shots: spec.shots,
    range: { file, line: i + 1, character: 10, endLine: i + 1, endCharacter: 14 },
  }));
}

/** Eight sizes from 10M to 100B, evenly spaced in log scale. */
export const LADDER = [1e7, 3.7e7, 1.4e8, 5.2e8, 1.9e9, 7.2e9, 2.7e10, 1e11];
