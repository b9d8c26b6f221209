// Diagnostics of a file: reader problems where they are, analysis problems, and one mark per emergent (or possibly
// emergent) series, on the result of the model where the jump happens, with the series' other results as related
// information: at `information` severity the Problems panel lists each finding once. Only files whose diagnostics
// changed are republished.
import { basename } from 'node:path';
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver/node';
import { formatProbability } from '../core/format';
import type { SeriesResult } from '../core/results';
import type { Problem, Severity, SourceRange } from '../core/types';
import type { LensSettings } from '../protocol';
import type { AnalysisSnapshot } from './analysis-snapshot';
import { docsUrl } from './docs-link';
import { plainText } from './markdown';
import { emergenceSummary, formatNumber, seriesTitle, techniqueSummary } from './series-text';
import { severityOf } from './settings';
import type { FileState } from './workspace-index';

export const SOURCE = 'Emergence Lens';
/** Related results listed under a mark: enough for a family of sizes, not every checkpoint of a sweep. */
const MAX_RELATED = 24;
export const EMERGENT_CODE = 'emergent';

const SEVERITY: Record<Severity, DiagnosticSeverity> = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information };

export function toRange(r: SourceRange): Range {
  return { start: { line: r.line, character: r.character }, end: { line: r.endLine, character: r.endCharacter } };
}

function problemDiagnostic(p: Problem): Diagnostic {
  return { range: toRange(p.range), severity: SEVERITY[p.severity] ?? DiagnosticSeverity.Warning, source: SOURCE, message: plainText(p.message) };
}

/**
 * Messages of the marks by series. A series marks every one of its points, up to hundreds of checkpoints, with the
 * same words: one publishing pass builds each message once. Only valid for one snapshot (the false-discovery
 * correction of a series can change with the next analysis).
 */
export type SeriesMessages = Map<SeriesResult, { emergent?: string; technique?: string }>;

export function fileDiagnostics(
  state: FileState | undefined,
  snapshot: AnalysisSnapshot,
  settings: LensSettings,
  overridesProblems: Problem[],
  messages: SeriesMessages = new Map(),
  toUri: (key: string) => string = (key) => key,
): Diagnostic[] {
  if (!state) return [];
  const content = state.content;
  switch (content.kind) {
    case 'too-large':
      return [
        {
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          severity: DiagnosticSeverity.Information,
          source: SOURCE,
          code: 'too-large',
          message: `${basename(state.key)} is ${megabytes(content.bytes)} MB, over the emergenceLens.maxFileSizeMB limit of ${megabytes(content.limitBytes)} MB: it is not analysed. Raise the setting to include it.`,
        },
      ];
    case 'overrides':
      return overridesProblems.filter((p) => p.range.file === state.key).map(problemDiagnostic);
    case 'results': {
      // Ordinary JSON/CSV files (no known format) stay untouched.
      if (content.result.format === null) return [];
      const out = content.result.problems.map(problemDiagnostic);
      const analysis = snapshot.forFile(state.key);
      if (!analysis) return out;
      for (const p of analysis.problems) out.push(problemDiagnostic(p));
      const severity = severityOf(settings);
      for (const { series, point } of analysis.points) {
        const t = series.technique;
        if (t?.helpsFrom?.model === point.model.name) {
          // The crossover, marked where the technique starts to help.
          const texts = textsOf(messages, series);
          const message = (texts.technique ??= plainText(`${seriesTitle(series)}: ${techniqueSummary(t)}`));
          out.push({ range: toRange(point.range), severity: DiagnosticSeverity.Hint, source: SOURCE, code: 'technique', message, data: { seriesId: series.id } });
        }
        if ((series.verdict !== 'emergent' && series.verdict !== 'possibly-emergent') || series.emergence?.firstAbove !== point) continue;
        const texts = textsOf(messages, series);
        out.push({
          range: toRange(point.range),
          severity,
          source: SOURCE,
          code: EMERGENT_CODE,
          codeDescription: { href: docsUrl() },
          message: (texts.emergent ??= plainText(emergentMessage(series))),
          relatedInformation: series.points
            .filter((p) => p !== point)
            .slice(0, MAX_RELATED)
            .map((p) => ({ location: { uri: toUri(p.range.file), range: toRange(p.range) }, message: plainText(`${p.model.name}: ${formatNumber(p.score, 4)}`) })),
          data: { seriesId: series.id },
        });
      }
      return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    }
  }
}

function emergentMessage(s: SeriesResult): string {
  const doubt = s.verdict === 'possibly-emergent';
  const claim = s.checkpointSweep ? (doubt ? 'may emerge during training of' : 'emerges during training of') : doubt ? 'is possibly emergent in' : 'is emergent in';
  const c = s.significance;
  const chance = doubt && c?.q != null ? `; may be chance: not significant after the multiple-comparison check over ${c.tested} series (q ${formatProbability(c.q)})` : '';
  return `${seriesTitle(s)} ${claim} ${s.family}: ${emergenceSummary(s)}${chance}`;
}

function textsOf(messages: SeriesMessages, series: SeriesResult): { emergent?: string; technique?: string } {
  let texts = messages.get(series);
  if (!texts) messages.set(series, (texts = {}));
  return texts;
}

function megabytes(bytes: number): string {
  return formatNumber(bytes / (1024 * 1024));
}

/** Remembers what each file last got, so unchanged files are not republished on every analysis. */
export class DiagnosticsPublisher {
  private readonly published = new Map<string, string>();

  constructor(private readonly send: (key: string, diagnostics: Diagnostic[]) => void) {}

  /**
   * Publishes the given files whose diagnostics changed. With `sweep`, also every file that had diagnostics
   * before, since it may have left the index and need clearing.
   */
  update(keys: Iterable<string>, compute: (key: string) => Diagnostic[], sweep: boolean): number {
    const all = new Set(keys);
    if (sweep) for (const key of this.published.keys()) all.add(key);
    let sent = 0;
    for (const key of all) {
      const diagnostics = compute(key);
      const text = JSON.stringify(diagnostics);
      const before = this.published.get(key);
      if (text === (before ?? '[]')) continue;
      if (diagnostics.length) this.published.set(key, text);
      else this.published.delete(key);
      this.send(key, diagnostics);
      sent++;
    }
    return sent;
  }

  /** Sends again what a file has (a client that just opened it may have dropped earlier diagnostics). */
  resend(key: string, diagnostics: Diagnostic[]): void {
    const text = JSON.stringify(diagnostics);
    if (diagnostics.length) this.published.set(key, text);
    else this.published.delete(key);
    this.send(key, diagnostics);
  }
}
