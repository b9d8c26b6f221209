// Short texts about a series shared by diagnostics, inlay hints, code lenses, symbols and hovers.
// Plain text: callers escape for markdown.
import { max, min } from 'simple-statistics';
import { formatCount, formatExponent, formatProbability, formatScale } from '../core/format';
import { verdictName } from '../core/verdict-text';
import { zeroResolution } from '../core/stats';
import type { LossSeriesRef, MultiStepStep, ResolvedModel, SeriesPoint, SeriesResult, TechniqueEffect, ValueSource } from '../core/results';

type SeriesNaming = Pick<SeriesResult, 'task' | 'subtask' | 'metric' | 'filter' | 'shots' | 'prompting'>;

export function taskName(s: Pick<SeriesResult, 'task' | 'subtask'>): string {
  return s.subtask && s.subtask !== s.task ? `${s.task}/${s.subtask}` : s.task;
}

/** "acc, 5-shot": what tells series of one task apart. */
export function seriesQualifiers(s: Omit<SeriesNaming, 'task' | 'subtask'>): string {
  return [s.metric, s.filter && s.filter !== 'none' ? s.filter : '', s.shots !== undefined ? `${s.shots}-shot` : '', s.prompting ?? ''].filter(Boolean).join(', ');
}

/** "mmlu (acc, 5-shot)". */
export function seriesTitle(s: SeriesNaming): string {
  return `${taskName(s)} (${seriesQualifiers(s)})`;
}

/** "near chance up to 1.4B, clearly above from 2.8B (jump 18 pts, 7.2 SE)". */
export function emergenceSummary(s: SeriesResult): string {
  const e = s.emergence;
  if (!e) return s.reason;
  return `near chance up to ${formatScale(e.lastNearChance.x, s.xAxis)}, clearly above from ${formatScale(e.firstAbove.x, s.xAxis)} (jump ${points(e.jump)} pts, ${e.jumpZ.toFixed(1)} SE)`;
}

const CLAIM_NOUN = { emergent: 'jump', inverse: 'fall', 'u-shaped': 'U shape' } as const;

/** The multiple-comparison line of the hover, for a series that made a claim. */
export function correctionLine(s: SeriesResult): string | null {
  const c = s.significance;
  if (!c?.claim || c.p === null || c.q === null) return null;
  const outcome = c.significantAfterCorrection
    ? `stays significant (q ${formatProbability(c.q)})`
    : `is **not significant** (q ${formatProbability(c.q)}): among this many series, a ${CLAIM_NOUN[c.claim]} this size is expected by chance somewhere`;
  return `Multiple comparisons: ${c.flagged} of ${c.tested} series tested in the workspace make a claim (emergent, inverse or U-shaped); at a ${formatNumber(100 * c.fdr)} % false-discovery rate (Benjamini–Hochberg) this ${CLAIM_NOUN[c.claim]} (p ${formatProbability(c.p)}) ${outcome}`;
}

/** Where emergence happens, preferring compute: "~2e22 FLOPs", else the series' own axis. */
export function emergenceScaleLabel(s: SeriesResult): string | undefined {
  const e = s.emergence;
  if (!e) return undefined;
  const flops = e.firstAbove.model.flops;
  return flops ? `~${formatExponent(flops)} FLOPs` : `~${formatScale(e.firstAbove.x, s.xAxis)}`;
}

/** Percentage points of the normalised range. */
export function points(normalised: number): string {
  const v = 100 * normalised;
  return Math.abs(v) >= 10 ? v.toFixed(0) : v.toFixed(1);
}

/** A few significant digits, trailing zeros dropped: 0.205, 0.0015, 29.2; exponents only when extreme. */
export function formatNumber(v: number | null | undefined, digits = 3): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  if (v === 0) return '0';
  const abs = Math.abs(v);
  if (abs >= 1e6 || abs < 1e-4) return v.toExponential(digits - 1).replace(/\.?0+e/, 'e');
  return String(Number(v.toPrecision(digits)));
}

const SOURCE_TEXT: Record<ValueSource, string> = {
  file: 'from the file',
  name: 'from the model name',
  registry: 'from the registry of published models',
  override: 'from emergence-lens.json',
  computed: 'computed as 6·N·D',
  checkpoint: 'from the checkpoint step',
  default: 'default',
};

export function sourceText(source: ValueSource | undefined): string {
  return source ? SOURCE_TEXT[source] : 'source unknown';
}

/** Where a task's step count comes from. */
export function stepsSourceText(source: ValueSource): string {
  if (source === 'computed') return 'median answer length in tokens, from the per-sample logs';
  return source === 'override' ? 'set in emergence-lens.json' : source === 'registry' ? "from the task's definition" : sourceText(source);
}

/** "1.4B parameters (from the file) · 300B tokens (registry) · 2.5e21 FLOPs (computed as 6·N·D)". */
export function modelScaleText(m: ResolvedModel): string {
  const parts: string[] = [];
  if (m.params !== undefined) parts.push(`${formatCount(m.params)} parameters (${sourceText(m.paramsSource)})`);
  if (m.tokens !== undefined) parts.push(`${formatCount(m.tokens)} training tokens (${sourceText(m.tokensSource)})`);
  if (m.flops !== undefined) parts.push(`${formatExponent(m.flops)} training FLOPs (${sourceText(m.flopsSource)})`);
  if (m.step !== undefined) parts.push(`checkpoint step ${m.step}`);
  return parts.length ? parts.join(' · ') : 'scale unknown';
}

const BARS = '▁▂▃▄▅▆▇█';

/** Normalised scores (higher is better) as bars; a flat-looking range is widened so noise stays low. */
export function sparkline(pts: readonly Pick<SeriesPoint, 'normalized'>[]): string {
  const z = pts.map((p) => p.normalized).filter(Number.isFinite);
  if (z.length === 0) return '';
  const lo = min(z);
  const hi = Math.max(max(z), lo + 0.1);
  return pts.map((p) => (Number.isFinite(p.normalized) ? BARS[Math.round(((p.normalized - lo) / (hi - lo)) * (BARS.length - 1))] : ' ')).join('');
}

/** "chain-of-thought helps from 62B on; hurts below" (Wei et al. 2022, Figure 3). */
export function techniqueSummary(t: TechniqueEffect): string {
  const at = t.helpsFrom ? (t.helpsFrom.params !== null ? formatCount(t.helpsFrom.params) : t.helpsFrom.model) : null;
  return `${t.technique} ${at ? `helps from ${at} on` : 'does not help significantly at any shared model'}${t.harmfulBelow ? '; hurts below' : ''}`;
}

/** "+21" or "−4.0": a signed count of points, with a true minus sign. */
export function signed(v: string): string {
  return v.startsWith('-') ? v.replace('-', '−') : `+${v}`;
}

/**
 * Where one score stands against chance, from the analysis's own tests: "clearly above chance (+21 pts of the
 * range, 22.8 SE)", "above chance, but not clearly: under the effect-size floor (…)", "within noise of chance (…)".
 */
export function chanceStatus(s: SeriesResult, p: SeriesPoint): string {
  const b = s.baseline;
  if (!b) return 'no random baseline known';
  const diff = (s.higherIsBetter ? 1 : -1) * (p.score - b.value);
  const z = p.stderr > 0 ? diff / p.stderr : 0;
  const by = `${signed(points(p.normalized))} pts of the range, ${z.toFixed(1).replace('-', '−')} SE`;
  if (p.aboveChance) return `clearly above chance (${by})`;
  if (p.significantlyAbove) return `above chance, but not clearly: under the effect-size floor (${by})`;
  if (p.belowChance) return `below chance (${by})`;
  const zero = zeroResolution(p, b.value);
  if (zero) {
    const what = zero.tries === p.n ? `${p.n} items` : `${p.n} items tried ${zero.tries / p.n!} times each`;
    return `at chance within the resolution of ${what} (0 of ${zero.tries} bounds it below ≈ ${formatNumber(zero.bound, 2)} at 95 %)`;
  }
  return `within noise of chance (${by})`;
}

/** "same task" or "language modelling": what a loss view's loss measures. */
export function lossKind(l: LossSeriesRef): string {
  return l.kind === 'same-task' ? 'the same task' : 'language modelling';
}

/** How a per-step curve of the multi-step view moves: "rises smoothly", "itself jumps", "is — flat". */
export function stepManner(step: MultiStepStep): string {
  return step.verdict === 'emergent' ? 'itself jumps' : step.verdict === 'smooth' ? 'rises smoothly' : `is ${verdictName(step.verdict)}`;
}

/** A per-step curve's verdict in a table cell: "⚡ jumps" for one that jumps where the task does. */
export function stepVerdict(step: MultiStepStep): string {
  return step.verdict === 'emergent' ? '⚡ jumps' : verdictName(step.verdict);
}
