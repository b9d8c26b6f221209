// Off by default (code lenses make lines jump): above the first result of each series in the file,
// `Plot scaling curve · emergent at ~2e22 FLOPs · breakthroughness 11`, bound to the client's plot command.
import type { CodeLens } from 'vscode-languageserver/node';
import { COMMANDS } from '../protocol';
import type { AnalysisSnapshot } from './analysis-snapshot';
import { verdictLabel } from '../core/verdict-text';
import { emergenceScaleLabel } from './series-text';

export function codeLenses(key: string, snapshot: AnalysisSnapshot): CodeLens[] {
  return snapshot
    .seriesInFile(key)
    .filter(({ series }) => series.verdict !== 'insufficient')
    .map(({ series, first }) => {
      const label = series.emergence ? `${verdictLabel(series, { onset: false })} at ${emergenceScaleLabel(series) ?? ''}`.trim() : verdictLabel(series);
      const b = series.breakthroughness;
      const title = ['Plot scaling curve', label, b !== null ? `breakthroughness ${Math.abs(b) >= 10 ? b.toFixed(0) : b.toFixed(1)}` : ''].filter(Boolean).join(' · ');
      const at = { line: first.range.line, character: 0 };
      return { range: { start: at, end: at }, command: { title, command: COMMANDS.plotSeries, arguments: [{ seriesId: series.id }] } };
    });
}
