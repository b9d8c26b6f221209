// A short verdict after each score value: `⚡ emergent ≥ 6.9B`, `↗ smooth`, `— at chance`… (none for insufficient).
import { InlayHint, type Range } from 'vscode-languageserver/node';
import type { AnalysisSnapshot } from './analysis-snapshot';
import { plainText } from './markdown';
import { verdictBadge } from '../core/verdict-text';
import { seriesTitle } from './series-text';

export function inlayHints(key: string, range: Range, snapshot: AnalysisSnapshot): InlayHint[] {
  const hints: InlayHint[] = [];
  for (const { series, point } of snapshot.forFile(key)?.points ?? []) {
    const r = point.range;
    if (series.verdict === 'insufficient' || r.endLine < range.start.line || r.endLine > range.end.line) continue;
    hints.push({
      position: { line: r.endLine, character: r.endCharacter },
      label: verdictBadge(series),
      paddingLeft: true,
      tooltip: plainText(`${seriesTitle(series)} in ${series.family}: ${verdictBadge(series)}, ${series.reason}`),
    });
  }
  return hints.sort((a, b) => a.position.line - b.position.line || a.position.character - b.position.character);
}
