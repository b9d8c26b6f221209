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

/** Facts of one curve, each computed when first asked for. */
export class CurveFacts {
  private verdict?: Classification;
  private trend?: { breakthroughness: number | null; linearity: number | null };
  private logistic?: LogisticFit | null;
  private steps?: { steps: Steps; result: MultiStepExplanation };
  private onsetInterval?: EmergenceInterval;

  constructor(
    readonly curve: CurvePoint[],
    readonly hasBaseline: boolean,
    private readonly t: Thresholds,
    /** Measured relative to the first score (normalize.ts): only the wording of the verdict depends on it. */
    readonly relative: boolean,
  ) {}

  get classification(): Classification {
    return (this.verdict ??= classifyCurve(this.curve, this.hasBaseline, this.t, this.relative));
  }

  get breakthroughness(): number | null {
    return this.trendOf().breakthroughness;
  }

  get linearity(): number | null {
    return this.trendOf().linearity;
  }

  get fit(): LogisticFit | null {
    if (this.logistic === undefined) {
      this.logistic = fitLogistic(
        this.curve.map((c) => c.u),
        this.curve.map((c) => c.z),
      );
    }
    return this.logistic;
  }

  /** The emergence interval of an emergent curve; `x` holds each point's scale (the same for an unchanged curve). */
  interval(x: readonly number[]): EmergenceInterval {
    return (this.onsetInterval ??= emergenceInterval(this.curve, this.classification.emergenceIndex!, x, this.t));
  }

  multiStep(steps: Steps): MultiStepExplanation {
    const known = this.steps;
    if (known && known.steps?.k === steps?.k && known.steps?.source === steps?.source) return known.result;
    const result = multiStep(this.curve, steps, this.t, this.classification.emergenceIndex);
    this.steps = { steps, result };
    return result;
  }

  private trendOf(): { breakthroughness: number | null; linearity: number | null } {
    if (!this.trend) {
      const z = this.curve.map((c) => c.z);
      this.trend = { breakthroughness: breakthroughness(z), linearity: linearity(z) };
    }
    return this.trend;
  }
}

/** Valid for one set of thresholds: make a new one when they change. */
export class CurveMemory {
  private readonly byId = new Map<string, CurveFacts>();

  constructor(private readonly t: Thresholds) {}

  /** The facts remembered for the series when its curve is unchanged, else new ones (remembered from now on). */
  facts(id: string, curve: CurvePoint[], hasBaseline: boolean, relative: boolean): CurveFacts {
    const known = this.byId.get(id);
    if (known && known.hasBaseline === hasBaseline && known.relative === relative && sameCurve(known.curve, curve)) return known;
    const facts = new CurveFacts(curve, hasBaseline, this.t, relative);
    this.byId.set(id, facts);
    return facts;
  }

  /** Forgets series no longer in the workspace (renamed tasks, deleted files), so editing does not grow it. */
  retainOnly(ids: { has(id: string): boolean }): void {
    for (const id of this.byId.keys()) if (!ids.has(id)) this.byId.delete(id);
  }

  get size(): number {
    return this.byId.size;
  }
}

function sameCurve(a: CurvePoint[], b: CurvePoint[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const p = a[i];
    const q = b[i];
    if (!Object.is(p.u, q.u) || !Object.is(p.z, q.z) || !Object.is(p.s, q.s) || !Object.is(p.pairedSe, q.pairedSe) || p.label !== q.label) return false;
  }
  return true;
}
