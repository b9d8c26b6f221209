// Turns an analysis into what the CLI prints: a readable table or the documented JSON document.
import { formatCount, formatExponent, formatScale, seriesLabel } from '../../server/src/core/format';
import { attentionRank, type AnalysisResult, type SeriesResult } from '../../server/src/core/results';
import { verdictBadge, verdictLabel } from '../../server/src/core/verdict-text';
import type { Thresholds } from '../../server/src/core/config';
import { driverIndex } from '../../server/src/core/forecast/drivers';
import { forecastSeries, stillAtChance } from '../../server/src/core/forecast/forecast';
import type { Problem } from '../../server/src/core/types';

/** Emergent series first, then by breakthroughness, so the interesting curves lead. */
export function sortSeries(series: SeriesResult[]): SeriesResult[] {
  return [...series].sort((a, b) => attentionRank(a.verdict) - attentionRank(b.verdict) || (b.breakthroughness ?? -Infinity) - (a.breakthroughness ?? -Infinity) || a.id.localeCompare(b.id));
}

export function toJson(result: AnalysisResult, t: Thresholds): unknown {
  // Forecasts of the series still at chance, by every method, with the whole workspace to draw on (as the hover).
  const drivers = driverIndex(result.series);
  const forecast = (s: SeriesResult) => {
    if (!stillAtChance(s)) return null;
    const { level, forecasts, none } = forecastSeries(s, drivers, t);
    return { level, forecasts: forecasts.map((f) => ({ method: f.method, driver: f.driver, scale: f.scale, threshold: f.threshold, link: f.link, models: f.models })), none };
  };
  return {
    series: sortSeries(result.series).map((s) => ({
      task: s.task,
      subtask: s.subtask ?? null,
      metric: s.metric,
      filter: s.filter ?? null,
      family: s.family,
      shots: s.shots ?? null,
      prompting: s.prompting ?? null,
      checkpointSweep: s.checkpointSweep,
      xAxis: s.xAxis,
      verdict: s.verdict,
      verdictLabel: verdictLabel(s),
      chanceLevel: s.chanceLevel ?? null,
      reason: s.reason,
      significance: s.significance ? { claim: s.significance.claim, p: s.significance.p, q: s.significance.q, significantAfterCorrection: s.significance.significantAfterCorrection } : null,
      emergenceScale: s.emergence
        ? { params: s.emergence.firstAbove.model.params ?? null, flops: s.emergence.firstAbove.model.flops ?? null, tokens: s.emergence.firstAbove.model.tokens ?? null, lastNearChance: s.emergence.lastNearChance.model.name, firstAbove: s.emergence.firstAbove.model.name, interval: s.emergence.interval }
        : null,
      jump: s.emergence ? { size: s.emergence.jump, z: s.emergence.jumpZ, discontinuity: s.emergence.discontinuity, floor: s.emergence.floor, pairedItems: s.emergence.pairedItems ?? null } : null,
      baseline: s.baseline ? { value: s.baseline.value, source: s.baseline.source, assumed: s.baseline.assumed, note: s.baseline.note } : null,
      ceiling: s.ceiling,
      breakthroughness: s.breakthroughness,
      linearity: s.linearity,
      slopePerDecade: s.slopePerDecade,
      slopeZ: s.slopeZ,
      fit: s.fit,
      multiStep: s.multiStep,
      metricFlaw: s.metricFlaw,
      fromSamples: s.fromSamples ?? false,
      lossSeries: s.lossSeries ?? [],
      forecast: forecast(s),
      points: s.points.map((p) => ({
        model: p.model.name,
        params: p.model.params ?? null,
        paramsSource: p.model.paramsSource ?? null,
        paramsEstimated: p.model.paramsDetail?.estimated ?? false,
        flops: p.model.flops ?? null,
        tokens: p.model.tokens ?? null,
        step: p.model.step ?? null,
        x: p.x,
        score: p.score,
        stderr: p.stderr,
        stderrSource: p.stderrSource,
        n: p.n ?? null,
        normalized: p.normalized,
        aboveChance: p.aboveChance,
        file: p.range.file,
        line: p.range.line + 1,
        column: p.range.character + 1,
      })),
    })),
    techniques: result.techniques ?? [],
    falseDiscoveries: result.falseDiscoveries ?? null,
    problems: result.problems.map(problemJson),
  };
}

export function problemJson(p: Problem) {
  return { file: p.range.file, line: p.range.line + 1, column: p.range.character + 1, severity: p.severity, message: p.message };
}


function emergenceCell(s: SeriesResult): string {
  if (!s.emergence) return '';
  const m = s.emergence.firstAbove.model;
  // A checkpoint sweep has one size: what moves is the training tokens (or steps) on its axis.
  if (s.checkpointSweep) return `≥ ${formatScale(s.emergence.firstAbove.x, s.xAxis)}`;
  const parts = [m.params !== undefined ? formatCount(m.params) : '', m.flops !== undefined ? `${formatExponent(m.flops)} FLOPs` : ''].filter(Boolean);
  return `≥ ${parts.join(' / ') || formatScale(s.emergence.firstAbove.x, s.xAxis)}`;
}

const num = (v: number | null, digits = 1): string => (v === null ? '' : v.toFixed(digits));

/** `file:line:column: severity: message`, 1-based, as compilers print them. */
export function problemLine(p: Problem): string {
  return `${p.range.file}:${p.range.line + 1}:${p.range.character + 1}: ${p.severity}: ${p.message}`;
}

/** A header, a rule under it and the rows, each column as wide as its widest cell. */
export function alignColumns(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => rows.reduce((w, r) => Math.max(w, [...r[i]].length), h.length));
  const line = (cells: string[]) => cells.map((c, i) => c + ' '.repeat(widths[i] - [...c].length)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)];
}

export function toTable(result: AnalysisResult, options: { all: boolean }): string {
  const sorted = sortSeries(result.series);
  const series = sorted.filter((s) => options.all || s.verdict !== 'insufficient');
  const header = ['verdict', 'task', 'metric', 'family', 'models', 'emerges', 'jump', 'B', 'L', 'baseline'];
  const rows = series.map((s) => [
    verdictBadge(s, { onset: false }),
    seriesLabel(s),
    s.metric,
    s.family,
    String(s.points.length),
    emergenceCell(s),
    s.emergence ? `${(100 * s.emergence.jump).toFixed(0)} pts (${s.emergence.jumpZ.toFixed(1)} SE)` : '',
    num(s.breakthroughness),
    num(s.linearity),
    s.baseline ? `${+s.baseline.value.toFixed(3)} ${s.baseline.assumed ? '(assumed)' : `(${s.baseline.source})`}` : '—',
  ]);
  const lines = alignColumns(header, rows);
  const counts = new Map<string, number>();
  // Counted by the label the rows show, so "1 at chance" matches its row's "— at chance", in the rows' order.
  for (const label of sorted.map((s) => verdictLabel(s, { onset: false }))) counts.set(label, (counts.get(label) ?? 0) + 1);
  const summary = [...counts].map(([v, n]) => `${n} ${v}`).join(', ');
  const hidden = result.series.length - series.length;
  const out = [...lines, '', `${result.series.length} series: ${summary || 'none'}${hidden ? ` (${hidden} with too little data hidden; --all shows them)` : ''}`];
  const fd = result.falseDiscoveries;
  if (fd && fd.flagged) {
    out.push(
      `${fd.significant} of ${fd.flagged} claims (emergent, inverse, U-shaped) stay significant at a ${+(100 * fd.fdr).toFixed(2)} % false-discovery rate over the ${fd.tested} series tested (Benjamini–Hochberg)${fd.significant < fd.flagged ? '; the others are reported by what the data still support (a jump as "possibly emergent")' : ''}.`,
    );
  }
  out.push('B = breakthroughness, L = linearity (BIG-bench); jump in points of the baseline-to-ceiling range.');
  if (result.problems.length) {
    out.push('', `${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}:`);
    for (const p of result.problems) out.push(`  ${problemLine(p)}`);
  }
  return out.join('\n');
}
