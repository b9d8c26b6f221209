// A capability measure shared across families (Ruan et al. 2024, observational scaling laws): the leading principal
// components (K ≤ 3) of standard benchmarks measured on the models of two or more families. Ruan et al. find the first
// component alone explains nearly 80 % of the variance; a further one is kept only where it explains a real share, and
// the link (drivers.ts) uses it only where it explains the task better by Akaike's criterion.
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { mean, standardDeviation } from 'simple-statistics';
import type { SeriesResult } from '../results';
import { seriesId } from '../series';

/** A series' benchmark: its task, metric, shots and prompting, whatever the family. */
export const benchmarkOf = (s: SeriesResult): string => seriesId(s, { family: '' });

const MAX_BENCHMARKS = 8;
const MIN_BENCHMARKS = 2;
/** Fewest models with every benchmark chosen, so the components mean something. */
const MIN_MODELS = 6;
/** Most components kept (Ruan et al. use up to 3). */
const MAX_COMPONENTS = 3;
/** Share of the benchmarks' variance a component past the first must explain to be kept. */
const MIN_VARIANCE_SHARE = 0.1;

export interface Capability {
  /** Each model's scores on the components kept, the first first. */
  of: ReadonlyMap<string, readonly number[]>;
  benchmarks: number;
}

export interface CapabilityIndex {
  /**
   * Capability of each model (by name) from the shared benchmarks other than `benchmark` that `family` was measured
   * on, and how many benchmarks; undefined without enough.
   */
  without(benchmark: string, family: string): Capability | undefined;
  /** Series of one benchmark, every family. */
  series(benchmark: string): readonly SeriesResult[];
}

/** Built at the first question: most analyses (the server's, of one family at a time) never ask one. */
export function capabilityIndex(all: readonly SeriesResult[]): CapabilityIndex {
  let built: ReturnType<typeof tables> | undefined;
  const cache = new Map<string, Capability | undefined>();
  return {
    without(benchmark, of) {
      built ??= tables(all);
      const key = `${benchmark}\u0000${of}`;
      if (!cache.has(key)) cache.set(key, leadingComponents(built.scores, built.family, benchmark, of));
      return cache.get(key);
    },
    series: (benchmark) => (built ??= tables(all)).byBenchmark.get(benchmark) ?? [],
  };
}

/** Series by benchmark, and the scores of benchmarks measured in two or more families, by model. */
function tables(all: readonly SeriesResult[]) {
  const byBenchmark = new Map<string, SeriesResult[]>();
  for (const s of all) {
    // Normalised scores compare across families only where the chance level anchors them.
    if (s.checkpointSweep || s.xAxis !== 'params' || !s.tested || !s.baseline) continue;
    const key = benchmarkOf(s);
    const list = byBenchmark.get(key);
    if (list) list.push(s);
    else byBenchmark.set(key, [s]);
  }
  const scores = new Map<string, Map<string, number>>();
  const family = new Map<string, string>();
  for (const [key, list] of byBenchmark) {
    if (new Set(list.map((s) => s.family)).size < 2) continue;
    const byModel = new Map<string, number>();
    for (const s of list) for (const p of s.points) {
      byModel.set(p.model.name, p.normalized);
      family.set(p.model.name, s.family);
    }
    scores.set(key, byModel);
  }
  return { byBenchmark, scores, family };
}

/**
 * The most widely measured benchmarks (up to 8) of those measured on 3 or more models of `of`, on which at least 6
 * models of 2 families have every score.
 */
function leadingComponents(scores: Map<string, Map<string, number>>, family: Map<string, string>, left: string, of: string): Capability | undefined {
  const measured = (byModel: Map<string, number>) => [...byModel.keys()].filter((m) => family.get(m) === of).length >= 3;
  const ranked = [...scores.entries()].filter(([key, byModel]) => key !== left && measured(byModel)).sort((a, b) => b[1].size - a[1].size || a[0].localeCompare(b[0]));
  for (let k = Math.min(MAX_BENCHMARKS, ranked.length); k >= MIN_BENCHMARKS; k--) {
    const columns = ranked.slice(0, k).map(([, byModel]) => byModel);
    const models = [...columns[0].keys()].filter((m) => columns.every((c) => c.has(m)));
    if (models.length < MIN_MODELS || new Set(models.map((m) => family.get(m))).size < 2) continue;
    return { of: projection(models, columns), benchmarks: k };
  }
  return undefined;
}

/**
 * Each model's scores on the leading principal components of the standardised benchmarks: the first, and up to
 * two more that each explain at least a tenth of the variance (fewer than the benchmarks, so they summarise them).
 */
function projection(models: string[], columns: Map<string, number>[]): Map<string, number[]> {
  const standardised = columns.map((c) => {
    const values = models.map((m) => c.get(m)!);
    const mu = mean(values);
    const sd = standardDeviation(values) || 1;
    return values.map((v) => (v - mu) / sd);
  });
  // Benchmarks as rows, models as columns.
  const z = new Matrix(standardised);
  const cov = z.mmul(z.transpose()).div(models.length);
  const eigen = new EigenvalueDecomposition(cov, { assumeSymmetric: true });
  const total = eigen.realEigenvalues.reduce((a, b) => a + b, 0) || 1;
  // Largest eigenvalue first.
  const order = eigen.realEigenvalues.map((value, i) => ({ value, i })).sort((a, b) => b.value - a.value);
  const kept = order.filter((e, rank) => rank === 0 || (rank < Math.min(MAX_COMPONENTS, columns.length - 1) && e.value / total >= MIN_VARIANCE_SHARE));
  const loadings = kept.map(({ i }) => {
    const v = eigen.eigenvectorMatrix.getColumn(i);
    // Oriented so that a higher score means higher benchmark scores on the whole.
    return v.reduce((a, b) => a + b, 0) < 0 ? v.map((x) => -x) : v;
  });
  return new Map(models.map((m, i) => [m, loadings.map((v) => v.reduce((acc, w, j) => acc + w * standardised[j][i], 0))]));
}
