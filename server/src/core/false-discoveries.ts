// Multiple comparisons: each series is tested on its own at z > `significance`, so over hundreds
// of series (57 MMLU subjects × shots × families) a few "emergent" jumps at ≈ 2 SE are expected by chance alone.
// Benjamini–Hochberg over every series that could have been called emergent says which jumps survive at a chosen
// false-discovery rate. The verdict stays; the correction is reported beside it.
import { errorFunction } from 'simple-statistics';
import type { FalseDiscoveryControl, SeriesResult } from './results';

/** One-sided p-value of a jump of `z` standard errors under no jump. */
export function jumpPValue(z: number): number {
  return 0.5 * (1 - errorFunction(z / Math.SQRT2));
}

const isTested = (s: SeriesResult) => s.verdict !== 'insufficient' && s.baseline !== null && !s.checkpointSweep;

/**
 * Benjamini–Hochberg over the emergent series among all those tested: sets each emergent series' `correction`
 * (its p, its adjusted q and whether q ≤ fdr). Unflagged series count in the total with p taken as 1.
 */
export function controlFalseDiscoveries(series: readonly SeriesResult[], fdr: number): FalseDiscoveryControl {
  let tested = 0;
  const flagged: { s: SeriesResult; p: number }[] = [];
  for (const s of series) {
    if (!isTested(s)) continue;
    tested++;
    if (s.verdict === 'emergent' && s.emergence) flagged.push({ s, p: jumpPValue(s.emergence.jumpZ) });
  }
  flagged.sort((a, b) => a.p - b.p);
  // q(i) = min over j ≥ i of T·p(j)/j, the step-up adjusted p-value.
  let q = 1;
  let significant = 0;
  for (let i = flagged.length - 1; i >= 0; i--) {
    const { s, p } = flagged[i];
    q = Math.min(q, (tested * p) / (i + 1));
    s.emergence!.correction = { p, q, tested, flagged: flagged.length, fdr, significant: q <= fdr };
    if (q <= fdr) significant++;
  }
  return { tested, flagged: flagged.length, significant, fdr };
}
