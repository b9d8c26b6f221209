// Multiple comparisons: each series is tested on its own at z > `significance`, so over hundreds of series
// (57 MMLU subjects × shots × families) a few jumps, falls and dips at ≈ 2 SE are expected by chance alone.
// Benjamini–Hochberg over every series that could have made a claim (emergent, inverse or U-shaped) says which
// claims survive at a chosen false-discovery rate; a claim that does not is not reported under its verdict.
import { formatProbability } from './format';
import type { ClaimedVerdict, FalseDiscoveryControl, SeriesResult, Significance, Verdict } from './results';

const NOUN: Record<ClaimedVerdict['claim'], string> = { emergent: 'jump', inverse: 'fall', 'u-shaped': 'U shape' };

/** What the correction decides for one tested series: its reported verdict and reason, and why. */
export interface CorrectionOutcome {
  verdict: Verdict;
  reason: string;
  significance: Significance;
}

export interface Correction {
  control: FalseDiscoveryControl;
  /** By series id, for every tested series; untested series keep what the classifier said. */
  outcomes: ReadonlyMap<string, CorrectionOutcome>;
}

/**
 * The correction over `series` as they came from the classifier (each claim as made): the claim is reported when
 * its adjusted q is at most `fdr`, else its fallback (`possibly-emergent` for a jump). Series without a claim count
 * in the total with p taken as 1. Reads only what the classifier claimed, and changes nothing.
 */
export function controlFalseDiscoveries(series: Iterable<SeriesResult>, fdr: number): Correction {
  let tested = 0;
  const flagged: { s: SeriesResult; claimed: ClaimedVerdict }[] = [];
  const unclaimed: SeriesResult[] = [];
  for (const s of series) {
    if (!s.tested) continue;
    tested++;
    if (s.claimed) flagged.push({ s, claimed: s.claimed });
    else unclaimed.push(s);
  }
  flagged.sort((a, b) => a.claimed.p - b.claimed.p);
  const control: FalseDiscoveryControl = { tested, flagged: flagged.length, significant: 0, emergentFlagged: 0, emergentSignificant: 0, fdr };
  const outcomes = new Map<string, CorrectionOutcome>();
  // q(i) = min over j ≥ i of T·p(j)/j, the step-up adjusted p-value.
  let q = 1;
  for (let i = flagged.length - 1; i >= 0; i--) {
    const { s, claimed } = flagged[i];
    q = Math.min(q, (tested * claimed.p) / (i + 1));
    const survives = q <= fdr;
    outcomes.set(s.id, {
      verdict: survives ? claimed.claim : claimed.fallback.verdict,
      reason: survives ? claimed.reason : notSurviving(claimed, q, tested),
      significance: { claim: claimed.claim, p: claimed.p, q, tested, flagged: flagged.length, fdr, significantAfterCorrection: survives },
    });
    control.significant += survives ? 1 : 0;
    if (claimed.claim === 'emergent') {
      control.emergentFlagged++;
      control.emergentSignificant += survives ? 1 : 0;
    }
  }
  for (const s of unclaimed) {
    outcomes.set(s.id, { verdict: s.verdict, reason: s.reason, significance: { claim: null, p: null, q: null, tested, flagged: flagged.length, fdr, significantAfterCorrection: null } });
  }
  return { control, outcomes };
}

/**
 * `s` as the correction reports it: its outcome, and the verdicts it quotes of sibling metrics and loss views as
 * they were reported. `s` itself when nothing differs, so unchanged series stay the same object.
 */
export function corrected(s: SeriesResult, outcome: CorrectionOutcome | undefined, reported: (id: string) => Verdict | undefined): SeriesResult {
  const siblings = requote(s.metricFlaw.siblings, reported);
  const lossSeries = s.lossSeries && requote(s.lossSeries, reported);
  const same =
    siblings === s.metricFlaw.siblings &&
    lossSeries === s.lossSeries &&
    (!outcome || (outcome.verdict === s.verdict && outcome.reason === s.reason && sameSignificance(outcome.significance, s.significance)));
  if (same) return s;
  const out: SeriesResult = Object.assign({}, s, { metricFlaw: siblings === s.metricFlaw.siblings ? s.metricFlaw : Object.assign({}, s.metricFlaw, { siblings }) });
  if (lossSeries) out.lossSeries = lossSeries;
  if (outcome) {
    out.verdict = outcome.verdict;
    out.reason = outcome.reason;
    out.significance = outcome.significance;
  }
  return out;
}

/** The list with each reference's verdict as reported, or the list itself when none changed. */
function requote<T extends { seriesId: string; verdict: Verdict }>(refs: T[], reported: (id: string) => Verdict | undefined): T[] {
  if (refs.every((r) => (reported(r.seriesId) ?? r.verdict) === r.verdict)) return refs;
  return refs.map((r) => Object.assign({}, r, { verdict: reported(r.seriesId) ?? r.verdict }));
}

function sameSignificance(a: Significance, b: Significance | undefined): boolean {
  return b !== undefined && a.claim === b.claim && a.p === b.p && a.q === b.q && a.tested === b.tested && a.flagged === b.flagged && a.fdr === b.fdr && a.significantAfterCorrection === b.significantAfterCorrection;
}

function notSurviving(claimed: ClaimedVerdict, q: number, tested: number): string {
  const check = `the multiple-comparison check over ${tested} series (q ${formatProbability(q)})`;
  if (claimed.claim === 'emergent') return `${claimed.reason}; may be chance: not significant after ${check}`;
  return `${claimed.fallback.reason}; the ${NOUN[claimed.claim]} seen (${claimed.reason}) does not survive ${check}`;
}
