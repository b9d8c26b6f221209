// Analysis results → the flat data the charts draw (protocol.ts), for both hosts of the analysis: the language
// server's chartView and the CLI's report. Never in the page.
import { seriesLabel } from '../core/format';
import type { SeriesPoint, SeriesResult } from '../core/results';
import { metricInfo } from '../core/metrics';
import { zeroResolution } from '../core/stats';
import { verdictBadge } from '../core/verdict-text';
import type { Problem } from '../core/types';
import type { ChartPoint, ChartSeries, PointScore, ProblemRow, SeriesKey } from '../protocol';
import { INTERVAL_COVERAGE, METHOD_LABEL } from '../core/forecast/types';

/** What makes a series, as the protocol names it: the one copy of these fields for every transfer type. */
export function seriesKey(s: SeriesResult): SeriesKey {
  return { task: s.task, subtask: s.subtask, metric: s.metric, filter: s.filter, family: s.family, shots: s.shots, prompting: s.prompting, checkpointSweep: s.checkpointSweep };
}

/** A point's score fields as the protocol carries them (PointScore), for getSeries and the chart data alike. */
export function pointScore(p: SeriesPoint): PointScore {
  return { score: p.score, stderr: p.stderr, stderrSource: p.stderrSource, n: p.n, normalized: p.normalized, aboveChance: p.aboveChance };
}

/** Perplexity-like scores span decades (from 1000s down to 10s) and only fall: a linear axis squashes the large models. */
function logScale(s: SeriesResult): boolean {
  return !s.higherIsBetter && metricInfo(s.metric).range === undefined && s.points.length > 0 && s.points.every((p) => p.score > 0);
}

export function toChartSeries(s: SeriesResult): ChartSeries {
  // By value: a result that came over JSON (the LSP request) no longer shares point objects.
  const index = (q: SeriesResult['points'][number]) => s.points.findIndex((p) => p.x === q.x && p.model.name === q.model.name);
  return {
    id: s.id,
    label: seriesLabel(s),
    ...seriesKey(s),
    xAxis: s.xAxis,
    verdict: s.verdict,
    verdictLabel: verdictBadge(s),
    reason: s.reason,
    baseline: s.baseline && { value: s.baseline.value, source: s.baseline.source, assumed: s.baseline.assumed, note: s.baseline.note },
    ceiling: s.ceiling,
    range: metricInfo(s.metric).range ?? null,
    logScale: logScale(s),
    points: s.points.map((p) => ({
      model: p.model.name,
      params: p.model.params,
      flops: p.model.flops,
      tokens: p.model.tokens,
      step: p.model.step,
      loss: p.loss,
      ...pointScore(p),
      ...resolution(p, s),
      file: p.range.file,
      line: p.range.line,
    })),
    emergence: s.emergence && {
      lastNearChance: index(s.emergence.lastNearChance),
      firstAbove: index(s.emergence.firstAbove),
      jump: s.emergence.jump,
      jumpZ: s.emergence.jumpZ,
    },
    significance: s.significance?.q != null ? { q: s.significance.q, significant: s.significance.significantAfterCorrection === true } : null,
    fit: s.fit && { midpoint: s.fit.midpoint, slope: s.fit.slope, extrapolated: s.fit.extrapolated },
    breakthroughness: s.breakthroughness,
    linearity: s.linearity,
    multiStep: s.multiStep && { knownK: s.multiStep.knownSteps?.k, steps: s.multiStep.steps.map((st) => ({ k: st.k, perStep: st.perStep, verdict: st.verdict })) },
    discontinuous: s.metricFlaw.discontinuous,
    fromSamples: s.fromSamples ?? false,
    siblings: s.metricFlaw.siblings.map((sib) => ({ metric: sib.metric, filter: sib.filter, continuous: sib.continuous, fromSamples: sib.fromSamples, verdict: sib.verdict, seriesId: sib.seriesId })),
    loss: (s.lossSeries ?? []).map((l) => ({ seriesId: l.seriesId, task: l.task, metric: l.metric, verdict: l.verdict })),
    technique: s.technique
      ? { name: s.technique.technique, withoutSeries: s.technique.withoutSeries, helpsFrom: s.technique.helpsFrom?.model ?? null, harmfulBelow: s.technique.harmfulBelow }
      : null,
    forecast: forecastMark(s),
    lossAxis: s.lossAxis ? `${s.lossAxis.task} ${s.lossAxis.metric}` : null,
  };
}

/** The forecast level in score units: chance plus that share of the baseline-to-ceiling range. */
function forecastMark(s: SeriesResult): ChartSeries['forecast'] {
  const f = s.forecast;
  if (!f || !s.baseline || s.ceiling === null) return null;
  return { scale: f.scale, low: f.low, high: f.high, coverage: INTERVAL_COVERAGE, score: s.baseline.value + f.level * (s.ceiling - s.baseline.value), method: METHOD_LABEL[f.method] };
}

export function toProblemRow(p: Problem): ProblemRow {
  return { file: p.range.file, line: p.range.line, severity: p.severity, message: p.message };
}

/** A 0 against chance 0 is drawn up to what its items (or their tries) cannot tell from 0. */
function resolution(p: SeriesPoint, s: SeriesResult): Pick<ChartPoint, 'resolution' | 'tries'> {
  const zero = zeroResolution(p, s.baseline?.value);
  if (!zero) return {};
  return { resolution: zero.bound, ...(zero.tries !== p.n && { tries: zero.tries }) };
}
