// A short verdict after a score: `⚡ emergent ≥ 6.9B`, `⚡? possibly emergent ≥ 6.9B`, `↘ inverse`…
// By default only on the results of series worth a look, so a file of MMLU subjects at chance is not a wall of grey;
// in tables the hint goes at the end of the row, so the columns after the score stay in line.
import { InlayHint, type Range } from 'vscode-languageserver/node';
import type { SeriesResult, Verdict } from '../core/results';
import { verdictBadge } from '../core/verdict-text';
import type { InlayHintMode } from '../protocol';
import type { AnalysisSnapshot } from './analysis-snapshot';
import { plainText } from './markdown';
import { seriesTitle, techniqueSummary } from './series-text';

const NOTABLE = new Set<Verdict>(['emergent', 'possibly-emergent', 'inverse', 'u-shaped']);

/** Worth a hint in `notable` mode: a claim of the analysis, or the model from which a prompting technique helps. */
function notable(s: SeriesResult, model: string): boolean {
  return NOTABLE.has(s.verdict) || s.technique?.helpsFrom?.model === model;
}

/**
 * @param rowEnd for tables: the character where a line's row ends (the hint goes there); undefined puts the hint
 *   right after the score.
 */
export function inlayHints(key: string, range: Range, snapshot: AnalysisSnapshot, mode: Exclude<InlayHintMode, 'off'>, rowEnd?: (line: number) => number): InlayHint[] {
  const hints: InlayHint[] = [];
  const taken = new Set<string>();
  for (const { series, point } of snapshot.forFile(key)?.points ?? []) {
    const r = point.range;
    if (series.verdict === 'insufficient' || r.endLine < range.start.line || r.endLine > range.end.line) continue;
    if (mode === 'notable' && !notable(series, point.model.name)) continue;
    const crossover = series.technique?.helpsFrom?.model === point.model.name && !NOTABLE.has(series.verdict);
    const label = crossover ? `↑ ${techniqueSummary(series.technique!)}` : verdictBadge(series);
    const position = { line: r.endLine, character: rowEnd ? rowEnd(r.endLine) : r.endCharacter };
    // One hint per place and label: a row can hold a result of several series that say the same.
    const spot = `${position.line}:${position.character}:${label}`;
    if (taken.has(spot)) continue;
    taken.add(spot);
    hints.push({ position, label, paddingLeft: true, tooltip: plainText(`${seriesTitle(series)} in ${series.family}: ${verdictBadge(series)}, ${series.reason}`) });
  }
  return hints.sort((a, b) => a.position.line - b.position.line || a.position.character - b.position.character);
}
