// How series are listed in the Explorer view and the quick pick: grouped by verdict (emergent first),
// strongest breakthroughness first. Plain data in and out; the view and the pick only wrap it.
import { VERDICT_ORDER, type SeriesSummary, type Verdict } from '../../server/src/protocol';
import { noIcons, oneLine } from './text';

/** Heading and codicon of each verdict's group (the series' own mark and label come from the server). */
export const VERDICT_GROUPS: Record<Verdict, { title: string; icon: string }> = {
  emergent: { title: 'Emergent', icon: 'zap' },
  'possibly-emergent': { title: 'Possibly emergent (may be chance)', icon: 'question' },
  inverse: { title: 'Inverse scaling', icon: 'arrow-down' },
  'u-shaped': { title: 'U-shaped', icon: 'debug-step-back' },
  smooth: { title: 'Smooth', icon: 'arrow-up' },
  saturated: { title: 'Saturated', icon: 'check-all' },
  flat: { title: 'Flat (at chance or no change)', icon: 'dash' },
  'not-ability': { title: 'Not an ability (bias, toxicity, calibration)', icon: 'circle-slash' },
  insufficient: { title: 'Too little data', icon: 'ellipsis' },
};

export interface VerdictGroup {
  verdict: Verdict;
  series: SeriesSummary[];
}

export function groupByVerdict(list: readonly SeriesSummary[]): VerdictGroup[] {
  const groups = new Map<Verdict, SeriesSummary[]>();
  for (const s of list) {
    // An unknown verdict from a newer server still shows, with the insufficient ones.
    const verdict = s.verdict in VERDICT_GROUPS ? s.verdict : 'insufficient';
    groups.set(verdict, [...(groups.get(verdict) ?? []), s]);
  }
  return VERDICT_ORDER.filter((v) => groups.has(v)).map((verdict) => ({ verdict, series: groups.get(verdict)!.sort(byBreakthroughness) }));
}

/** Highest breakthroughness first, series without one last; then by name so the order is stable. */
export function byBreakthroughness(a: SeriesSummary, b: SeriesSummary): number {
  const ba = a.breakthroughness ?? -Infinity;
  const bb = b.breakthroughness ?? -Infinity;
  if (ba !== bb) return bb - ba;
  return seriesName(a).localeCompare(seriesName(b)) || a.family.localeCompare(b.family) || a.metric.localeCompare(b.metric) || a.id.localeCompare(b.id);
}

export function seriesName(s: SeriesSummary): string {
  return oneLine(s.subtask ? `${s.task} / ${s.subtask}` : s.task);
}

/** Family, metric, shots and the verdict as every surface says it ("⚡? possibly emergent ≥ 6.9B"). */
export function seriesDescription(s: SeriesSummary): string {
  const parts = [s.family, s.metric, s.shots !== undefined ? `${s.shots}-shot` : '', s.prompting ?? '', s.verdictLabel];
  return oneLine(parts.filter(Boolean).join(' · '));
}

export function seriesTooltip(s: SeriesSummary): string {
  const b = s.breakthroughness === null ? '' : `\nBreakthroughness: ${+s.breakthroughness.toFixed(2)}`;
  return `${oneLine(s.reason, 1000)}${b}`;
}

export interface SeriesPick {
  label: string;
  description: string;
  detail: string;
  seriesId: string;
}

/** Quick-pick entries, in the view's order; `$(…)` in names stays text. */
export function seriesPicks(list: readonly SeriesSummary[]): SeriesPick[] {
  return groupByVerdict(list).flatMap(({ verdict, series }) =>
    series.map((s) => ({
      label: `$(${VERDICT_GROUPS[verdict].icon}) ${noIcons(seriesName(s))}`,
      description: noIcons(seriesDescription(s)),
      detail: `${noIcons(s.verdictLabel)}: ${noIcons(s.reason, 300)}`,
      seriesId: s.id,
    })),
  );
}
