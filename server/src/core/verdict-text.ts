// How every surface names a verdict: inlay hints, diagnostics, code lenses, hovers, the series view and quick pick,
// chart titles, the report and the CLI table all read the mark and the label from here, so the same verdict (with
// its caveats: "may be chance", "at chance" or "flat above chance") reads the same everywhere.
import { formatScale } from './format';
import type { ChanceLevel, SeriesResult, Verdict } from './results';

interface VerdictText {
  /** A glyph or two, shown before the label. */
  mark: string;
  /** The verdict in a few words. */
  name: string;
}

export const VERDICT_TEXT: Record<Verdict, VerdictText> = {
  emergent: { mark: '⚡', name: 'emergent' },
  'possibly-emergent': { mark: '⚡?', name: 'possibly emergent' },
  inverse: { mark: '↘', name: 'inverse' },
  'u-shaped': { mark: '∪', name: 'U-shaped' },
  smooth: { mark: '↗', name: 'smooth' },
  saturated: { mark: '▔', name: 'saturated' },
  flat: { mark: '—', name: 'flat' },
  'not-ability': { mark: '⊘', name: 'not an ability' },
  insufficient: { mark: '?', name: 'too little data' },
};

const CHANCE_LEVEL: Record<ChanceLevel, string> = { below: 'flat below chance', at: 'at chance', above: 'flat above chance' };

type Labelled = Pick<SeriesResult, 'verdict' | 'chanceLevel' | 'xAxis'> & { emergence: { firstAbove: { x: number } } | null };

/**
 * "emergent ≥ 6.9B", "possibly emergent ≥ 6.9B", "at chance", "flat above chance". Short enough for an inlay hint
 * (VS Code cuts those at `editor.inlayHints.maximumLength`, 43 characters by default); the "may be chance" of a
 * possibly emergent series is said in full where there is room (its group in the Series view, the hover).
 * Without `onset` (a table with a column of its own for it): "emergent", "possibly emergent".
 */
export function verdictLabel(s: Labelled, { onset: withOnset = true } = {}): string {
  const onset = s.emergence && withOnset ? ` ≥ ${formatScale(s.emergence.firstAbove.x, s.xAxis)}` : '';
  switch (s.verdict) {
    case 'emergent':
      return `emergent${onset}`;
    case 'possibly-emergent':
      return `possibly emergent${onset}`;
    case 'flat':
      return s.chanceLevel ? CHANCE_LEVEL[s.chanceLevel] : 'flat';
    default:
      return VERDICT_TEXT[s.verdict].name;
  }
}

/** Mark and label: "⚡ emergent ≥ 6.9B". */
export function verdictBadge(s: Labelled, options?: { onset?: boolean }): string {
  return `${VERDICT_TEXT[s.verdict].mark} ${verdictLabel(s, options)}`;
}

/** A verdict without its series (a sibling metric, a per-step curve): "↗ smooth". */
export function verdictName(verdict: Verdict): string {
  return `${VERDICT_TEXT[verdict].mark} ${VERDICT_TEXT[verdict].name}`;
}
