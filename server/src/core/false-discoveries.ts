// Multiple comparisons: each series is tested on its own at z > `significance`, so over hundreds of series
// (57 MMLU subjects × shots × families) a few jumps, falls and dips at ≈ 2 SE are expected by chance alone.
// Benjamini–Hochberg over every series that could have made a claim (emergent, inverse or U-shaped) says which
// claims survive at a chosen false-discovery rate; a claim that does not is not reported under its verdict.
import { formatProbability } from './format';
import type { ClaimedVerdict, FalseDiscoveryControl, SeriesResult } from './results';

const NOUN: Record<ClaimedVerdict['claim'], string> = { emergent: 'jump', inverse: 'fall', 'u-shaped': 'U shape' };

/**
 * Sets each tested series' `significance` and its reported verdict and reason: the claim when its adjusted q is at
 * most `fdr`, else its fallback (`possibly-emergent` for a jump). Series without a claim count in the total with
 * p taken as 1. Can be run again over a changed set of series: it reads only what the classifier claimed.
 */
export function controlFalseDiscoveries(series: readonly SeriesResult[], fdr: number): FalseDiscoveryControl {
  let tested = 0;
  const flagged: { s: SeriesResult; claimed: ClaimedVerdict }[] = [];
  for (const s of series) {
    if (!s.tested) continue;
    tested++;
    if (s.claimed) flagged.push({ s, claimed: s.claimed });
  }
  flagged.sort((a, b) => a.claimed.p - b.claimed.p);
  const control: FalseDiscoveryControl = { tested, flagged: flagged.length, significant: 0, emergentFlagged: 0, emergentSignificant: 0, fdr };
  // q(i) = min over j ≥ i of T·p(j)/j, the step-up adjusted p-value.
  let q = 1;
  for (let i = flagged.length - 1; i >= 0; i--) {
    const { s, claimed } = flagged[i];
    q = Math.min(q, (tested * claimed.p) / (i + 1));
    const survives = q <= fdr;
    s.significance = { claim: claimed.claim, p: claimed.p, q, tested, flagged: flagged.length, fdr, significantAfterCorrection: survives };
    s.verdict = survives ? claimed.claim : claimed.fallback.verdict;
    s.reason = survives ? claimed.reason : notSurviving(claimed, q, tested);
    control.significant += survives ? 1 : 0;
    if (claimed.claim === 'emergent') {
      control.emergentFlagged++;
      control.emergentSignificant += survives ? 1 : 0;
    }
  }
  for (const s of series) if (s.tested && !s.claimed) s.significance = { claim: null, p: null, q: null, tested, flagged: flagged.length, fdr, significantAfterCorrection: null };
  refreshReferences(series);
  return control;
}

function notSurviving(claimed: ClaimedVerdict, q: number, tested: number): string {
  const check = `the multiple-comparison check over ${tested} series (q ${formatProbability(q)})`;
  if (claimed.claim === 'emergent') return `${claimed.reason}; may be chance: not significant after ${check}`;
  return `${claimed.fallback.reason}; the ${NOUN[claimed.claim]} seen (${claimed.reason}) does not survive ${check}`;
}

/** Sibling metrics and loss views quote other series' verdicts, which the correction may have changed. */
function refreshReferences(series: readonly SeriesResult[]): void {
  const byId = new Map(series.map((s) => [s.id, s]));
  for (const s of series) {
    for (const sib of s.metricFlaw.siblings) sib.verdict = byId.get(sib.seriesId)?.verdict ?? sib.verdict;
    for (const loss of s.lossSeries ?? []) loss.verdict = byId.get(loss.seriesId)?.verdict ?? loss.verdict;
  }
}
