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
  /** Heading of a group of such series (the series view, the report). */
  group: string;
}

export const VERDICT_TEXT: Record<Verdict, VerdictText> = {
  emergent: { mark: '⚡', name: 'emergent', group: 'Emergent' },
  'possibly-emergent': { mark: '⚡?', name: 'possibly emergent', group: 'Possibly emergent (may be chance)' },
  inverse: { mark: '↘', name: 'inverse', group: 'Inverse scaling' },
  'u-shaped': { mark: '∪', name: 'U-shaped', group: 'U-shaped' },
  smooth: { mark: '↗', name: 'smooth', group: 'Smooth' },
  saturated: { mark: '▔', name: 'saturated', group: 'Saturated' },
  flat: { mark: '—', name: 'flat', group: 'Flat (at chance or no change)' },
  'not-ability': { mark: '⊘', name: 'not an ability', group: 'Not an ability (bias, toxicity, calibration)' },
  insufficient: { mark: '?', name: 'too little data', group: 'Too little data' },
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
