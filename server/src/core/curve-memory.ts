// What follows from a series' curve alone (verdict, multi-step view, logistic fit, breakthroughness, linearity),
// kept between analyses by series id. An edit re-analyses the whole model family of the edited file, and most of
// its curves come out the same number for number (an inserted line moves ranges, not scores): those keep their
// results instead of being classified five times and fitted again. Curves are compared value by value, which
// costs far less than the work saved, or than building a key from their numbers.
import { classifyCurve, type Classification, type CurvePoint } from './classify';
import type { Thresholds } from './config';
import { emergenceInterval } from './emergence-interval';
import { multiStep } from './explain';
import { fitLogistic } from './logistic';
import type { EmergenceInterval, LogisticFit, MultiStepExplanation, ValueSource } from './results';
import { breakthroughness, linearity } from './trend';

type Steps = { k: number; source: ValueSource } | undefined;

/** What is remembered of one curve: its numbers, packed (a long sweep has thousands of points), and its facts. */
interface Remembered {
  /** u, z, s and pairedSe of each point, four numbers a point (pairedSe NaN where `paired` says it is absent). */
  readonly values: Float64Array;
  readonly paired: Uint8Array;
  readonly labels: readonly string[];
  readonly hasBaseline: boolean;
  readonly relative: boolean;
  verdict?: Classification;
  trend?: { breakthroughness: number | null; linearity: number | null };
  logistic?: LogisticFit | null;
  steps?: { steps: Steps; result: MultiStepExplanation };
  onsetInterval?: EmergenceInterval;
}

/**
 * Facts of one curve, each computed when first asked for and remembered with the curve's numbers. A view for one
 * analysis: it holds that analysis's points (equal, number for number, to the remembered ones) while it runs.
 */
export class CurveFacts {
  constructor(
    private readonly curve: CurvePoint[],
    private readonly kept: Remembered,
    private readonly t: Thresholds,
  ) {}

  get classification(): Classification {
    // `relative`: measured relative to the first score (normalize.ts); only the wording of the verdict depends on it.
    return (this.kept.verdict ??= classifyCurve(this.curve, this.kept.hasBaseline, this.t, this.kept.relative));
  }

  get breakthroughness(): number | null {
    return this.trendOf().breakthroughness;
  }

  get linearity(): number | null {
    return this.trendOf().linearity;
  }

  get fit(): LogisticFit | null {
    if (this.kept.logistic === undefined) {
      this.kept.logistic = fitLogistic(
        this.curve.map((c) => c.u),
        this.curve.map((c) => c.z),
      );
    }
    return this.kept.logistic;
  }

  /** The emergence interval of an emergent curve; `x` holds each point's scale (the same for an unchanged curve). */
  interval(x: readonly number[]): EmergenceInterval {
    return (this.kept.onsetInterval ??= emergenceInterval(this.curve, this.classification.emergenceIndex!, x, this.t));
  }

  multiStep(steps: Steps): MultiStepExplanation {
    const known = this.kept.steps;
    if (known && known.steps?.k === steps?.k && known.steps?.source === steps?.source) return known.result;
    const result = multiStep(this.curve, steps, this.t, this.classification.emergenceIndex);
    this.kept.steps = { steps, result };
    return result;
  }

  private trendOf(): { breakthroughness: number | null; linearity: number | null } {
    if (!this.kept.trend) {
      const z = this.curve.map((c) => c.z);
      this.kept.trend = { breakthroughness: breakthroughness(z), linearity: linearity(z) };
    }
    return this.kept.trend;
  }
}

/** Valid for one set of thresholds: make a new one when they change. */
export class CurveMemory {
  private readonly byId = new Map<string, Remembered>();

  constructor(private readonly t: Thresholds) {}

  /** The facts remembered for the series when its curve is unchanged, else new ones (remembered from now on). */
  facts(id: string, curve: CurvePoint[], hasBaseline: boolean, relative: boolean): CurveFacts {
    let kept = this.byId.get(id);
    if (!kept || kept.hasBaseline !== hasBaseline || kept.relative !== relative || !sameCurve(kept, curve)) {
      kept = pack(curve, hasBaseline, relative);
      this.byId.set(id, kept);
    }
    return new CurveFacts(curve, kept, this.t);
  }

  /** Forgets series no longer in the workspace (renamed tasks, deleted files), so editing does not grow it. */
  retainOnly(ids: { has(id: string): boolean }): void {
    for (const id of this.byId.keys()) if (!ids.has(id)) this.byId.delete(id);
  }

  get size(): number {
    return this.byId.size;
  }
}

function pack(curve: CurvePoint[], hasBaseline: boolean, relative: boolean): Remembered {
  const values = new Float64Array(4 * curve.length);
  const paired = new Uint8Array(curve.length);
  curve.forEach((p, i) => {
    values[4 * i] = p.u;
    values[4 * i + 1] = p.z;
    values[4 * i + 2] = p.s;
    values[4 * i + 3] = p.pairedSe ?? Number.NaN;
    paired[i] = p.pairedSe === undefined ? 0 : 1;
  });
  return { values, paired, labels: curve.map((p) => p.label), hasBaseline, relative };
}

function sameCurve(kept: Remembered, curve: CurvePoint[]): boolean {
  const { values, paired, labels } = kept;
  if (labels.length !== curve.length) return false;
  for (let i = 0; i < curve.length; i++) {
    const q = curve[i];
    if (!Object.is(values[4 * i], q.u) || !Object.is(values[4 * i + 1], q.z) || !Object.is(values[4 * i + 2], q.s) || labels[i] !== q.label) return false;
    if (paired[i] ? !Object.is(values[4 * i + 3], q.pairedSe) : q.pairedSe !== undefined) return false;
  }
  return true;
}
