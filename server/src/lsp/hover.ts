// The hover on a result line: the model and its scale, the score against chance, the whole series as a table and a
// sparkline, the verdict with its evidence, and the multi-step and metric-flaw hypotheses with numbers.
// Every name from a results file goes through escapeMarkdown; links are built by commandLink (our commands only).
import { formatCount, formatScale } from '../core/format';
import { isGraded, metricInfo } from '../core/metrics';
import type { MultiStepStep, ResolvedModel, SeriesAxis, SeriesResult, SiblingMetric } from '../core/results';
import type { Observation } from '../core/types';
import { COMMANDS } from '../protocol';
import type { AnalysisSnapshot, PointRef } from './analysis-snapshot';
import { commandLink, escapeMarkdown as md } from './markdown';
import { VERDICT_TEXT, verdictBadge, verdictLabel, verdictName } from '../core/verdict-text';
import { correctionLine, formatNumber, modelScaleText, points, sparkline, stepsSourceText, techniqueSummary, seriesTitle } from './series-text';

const MAX_ROWS = 12;

export function hoverMarkdown(key: string, line: number, snapshot: AnalysisSnapshot, observations: readonly Observation[]): string | null {
  const refs = snapshot.at(key, line);
  if (refs.length) {
    const [first, ...others] = refs;
    const parts = [seriesHover(first)];
    if (others.length) parts.push(`Also on this line: ${others.map((r) => `${md(seriesTitle(r.series))} in ${md(r.series.family)} — ${md(verdictBadge(r.series))}`).join('; ')}`);
    return parts.join('\n\n---\n\n');
  }
  const unplaced = observations.filter((o) => o.range.line === line);
  if (unplaced.length) return unplaced.map(unplacedHover).join('\n\n---\n\n');
  const models = observations.filter((o) => o.model.range?.line === line);
  if (models.length) return modelHover(models, snapshot);
  return null;
}

function seriesHover(ref: PointRef): string {
  const { series: s, point: p, index } = ref;
  const out: string[] = [];
  out.push(`**${VERDICT_TEXT[s.verdict].mark} ${md(seriesTitle(s))}** — ${md(verdictLabel(s))} in **${md(s.family)}**`);
  out.push(`**Model** ${md(p.model.name)}: ${md(modelScaleText(p.model))}`);
  out.push(scoreLine(s, ref));
  out.push(seriesTable(s, index));
  out.push(verdictSection(s));
  out.push(multiStepSection(s, index));
  out.push(metricFlawSection(s));
  const extra = [techniqueLine(s), lossLine(s)].filter((x): x is string => x !== null);
  if (extra.length) out.push(extra.join('\n\n'));
  out.push(
    [
      commandLink(s.technique ? `Plot with and without ${s.technique.technique}` : 'Plot scaling curve', COMMANDS.plotSeries, [{ seriesId: s.id }]),
      ...(s.metricFlaw.siblings.length || s.lossSeries?.length || s.multiStep ? [commandLink('Compare metrics', COMMANDS.compareMetrics, [{ seriesId: s.id }])] : []),
      commandLink('Copy series as CSV', COMMANDS.copySeriesCsv, [{ seriesId: s.id }]),
    ].join(' · '),
  );
  return out.join('\n\n');
}

function scoreLine(s: SeriesResult, { point: p }: PointRef): string {
  const stderr = p.stderrSource === 'file' ? 'standard error from the file' : p.stderrSource === 'binomial' ? `binomial standard error, n = ${p.n}` : 'standard error assumed';
  const score = `**Score** ${formatNumber(p.score, 4)} ± ${formatNumber(p.stderr, 2)} (${stderr})`;
  const b = s.baseline;
  if (!b) {
    const info = metricInfo(s.metric);
    return info.metricClass === 'continuous'
      ? `${score}; ${md(s.metric)} is a continuous metric (${md(info.label)}), so there is no random baseline to compare with.`
      : `${score}; no random baseline is known for this task: set one with the *Set random baseline* code action.`;
  }
  const diff = (s.higherIsBetter ? 1 : -1) * (p.score - b.value);
  const z = p.stderr > 0 ? diff / p.stderr : 0;
  // File and override baselines explain themselves; guessed ones say what the guess is.
  const origin =
    b.source === 'file' ? 'stated in the file' : b.source === 'override' ? 'set in emergence-lens.json' : `${b.source === 'registry' ? 'registry' : 'default'}${b.assumed ? ', **assumed**' : ''}: ${md(b.note)}`;
  const by = `${signed(points(p.normalized))} pts of the range, ${z.toFixed(1)} SE`;
  const status = p.aboveChance
    ? `clearly above chance (${by})`
    : p.significantlyAbove
      ? `above chance, but not clearly: under the effect-size floor (${by})`
      : p.belowChance
        ? `below chance (${by})`
        : `within noise of chance (${by})`;
  return `${score} vs random baseline ${formatNumber(b.value, 4)} (${origin}): ${status}`;
}

function signed(v: string): string {
  return v.startsWith('-') ? v.replace('-', '−') : `+${v}`;
}

function axisHeader(axis: SeriesAxis): string {
  return axis === 'params' ? 'params' : axis === 'flops' ? 'FLOPs' : axis === 'tokens' ? 'tokens' : 'step';
}

function scaleCell(x: number, axis: SeriesAxis): string {
  return formatScale(x, axis).replace(/ (FLOPs|tokens)$/, '').replace(/^step /, '');
}

function seriesTable(s: SeriesResult, current: number): string {
  const rows = s.points.map((p, i) => {
    const mark = i === current ? '▶' : p.aboveChance ? '✓' : '';
    const cells = [mark, md(shortName(p.model)), scaleCell(p.x, s.xAxis), `${formatNumber(p.score, 4)} ± ${formatNumber(p.stderr, 2)}`];
    return `| ${cells.join(' | ')} |`;
  });
  const shown = elide(rows, current);
  const table = ['| | model | ' + axisHeader(s.xAxis) + ' | score ± SE |', '|---|---|--:|---|', ...shown].join('\n');
  const first = s.points[0];
  const last = s.points[s.points.length - 1];
  const direction = s.higherIsBetter ? '' : `; ${md(s.metric)} is lower-is-better, drawn so that up is better`;
  const legend = `\`${sparkline(s.points)}\` ${formatScale(first.x, s.xAxis)} → ${formatScale(last.x, s.xAxis)} (${s.points.length} models; ✓ clearly above chance${direction})`;
  return `${table}\n\n${legend}`;
}

/** Long series keep their ends and the current row. */
function elide(rows: string[], current: number): string[] {
  if (rows.length <= MAX_ROWS) return rows;
  const keep = new Set<number>([0, 1, 2, 3, 4, rows.length - 5, rows.length - 4, rows.length - 3, rows.length - 2, rows.length - 1, current]);
  const out: string[] = [];
  let skipped = 0;
  rows.forEach((row, i) => {
    if (keep.has(i)) {
      if (skipped) out.push(`| | … ${skipped} more | | |`);
      skipped = 0;
      out.push(row);
    } else skipped++;
  });
  return out;
}

function shortName(m: ResolvedModel): string {
  return m.step !== undefined && !m.name.includes(String(m.step)) ? `${m.name} @ step ${m.step}` : m.name;
}

function verdictSection(s: SeriesResult): string {
  const lines: string[] = [`**Verdict: ${VERDICT_TEXT[s.verdict].name}** — ${md(s.reason)}`];
  const e = s.emergence;
  if (e) {
    const paired = e.pairedItems ? `, paired over the ${e.pairedItems} items both models answered` : '';
    lines.push(`- Jump: ${points(e.jump)} pts of the range (${e.jumpZ.toFixed(1)} SE${paired}) from ${formatScale(e.lastNearChance.x, s.xAxis)} to ${formatScale(e.firstAbove.x, s.xAxis)}, ${points(e.discontinuity)} pts above the trend of the smaller models`);
    const m = e.firstAbove.model;
    const extra = [m.params !== undefined && s.xAxis !== 'params' ? `${formatCount(m.params)} parameters` : '', m.flops !== undefined && s.xAxis !== 'flops' ? `${formatScale(m.flops, 'flops')}` : ''].filter(Boolean);
    lines.push(`- Emergence scale: ≥ ${formatScale(e.firstAbove.x, s.xAxis)}${extra.length ? ` (${extra.join(', ')})` : ''}, the first model clearly above chance (${md(m.name)})`);
    if (s.checkpointSweep) {
      lines.push('- Over training, not scale: these are checkpoints of one model, so this is a sharp gain during training, not emergence with model size');
    }
  }
  const correction = correctionLine(s);
  if (correction) lines.push(`- ${correction}`);
  if (s.fit) {
    lines.push(`- Logistic midpoint: ${formatScale(s.fit.midpoint, s.xAxis)}${s.fit.extrapolated ? ' (beyond the data: an extrapolation)' : ''}, 10 % → 90 % of the rise over ${s.fit.widthDecades.toFixed(2)} decades (fit RMSE ${formatNumber(s.fit.rmse, 2)})`);
  }
  const trend = [
    s.breakthroughness !== null ? `breakthroughness ${s.breakthroughness.toFixed(1)}${Math.abs(s.breakthroughness) >= 100 ? ' (the cap: one jump over flat steps)' : ''}` : '',
    s.linearity !== null ? `linearity ${s.linearity.toFixed(1)}` : '',
    `slope ${points(s.slopePerDecade)} pts per decade (${s.slopeZ.toFixed(1)} SE)`,
  ].filter(Boolean);
  lines.push(`- ${trend.join(' · ')}`);
  return lines.join('\n');
}

function perStepRange(step: MultiStepStep): string {
  const p = step.perStep;
  return `${formatNumber(p[0], 2)} → ${formatNumber(p[p.length - 1], 2)}`;
}

function multiStepSection(s: SeriesResult, current: number): string {
  const head = '**Multi-step hypothesis**';
  const ms = s.multiStep;
  if (!ms || ms.steps.length === 0) {
    const info = metricInfo(s.metric);
    const why =
      info.metricClass === 'discontinuous'
        ? 'needs a random baseline for this task (set one with the *Set random baseline* code action) to put scores on the 0–1 scale p^k lives on.'
        : `not computed: ${md(s.metric)} (${md(info.label)}) already gives partial credit, so it is not a product of all-or-nothing steps.`;
    return `${head}: ${why}`;
  }
  const lines = [
    `${head}: if the task takes k steps, each right with probability p, it scores p^k above chance, so the implied per-step accuracy is p = s^(1/k) (s = score on the 0–1 scale from chance to the best score).`,
  ];
  if (ms.knownSteps) {
    const step = ms.steps[0];
    const k = step.k;
    const p = step.perStep;
    const ends = `${formatNumber(p[0] ** k, 2)} → ${formatNumber(p[p.length - 1] ** k, 2)}`;
    const manner = step.verdict === 'smooth' ? 'improves smoothly' : step.verdict === 'emergent' ? 'itself jumps' : `is ${step.verdict}`;
    lines.push(
      `The task takes k = ${k} steps (${stepsSourceText(ms.knownSteps.source)}): each step ${manner} from ${formatNumber(p[0], 2)} to ${formatNumber(p[p.length - 1], 2)} \`${sparkline(p.map((v) => ({ normalized: v })))}\`; with ${k} steps that is ${ends} end to end. At this model: p ≈ ${formatNumber(p[current], 2)}.`,
    );
    lines.push(`Per-step verdict: ${verdictName(step.verdict)}. ${interpretSteps(s, [step])}`);
  } else {
    lines.push('The step count of this task is not known, so k = 2…5 are shown (set it with the *Set step count* code action):');
    lines.push(['| k | per-step p along the series | | per-step verdict |', '|--:|---|---|---|', ...ms.steps.map((st) => `| ${st.k} | ${perStepRange(st)} | \`${sparkline(st.perStep.map((v) => ({ normalized: v })))}\` | ${verdictName(st.verdict)} |`)].join('\n'));
    lines.push(interpretSteps(s, ms.steps));
  }
  return lines.join('\n\n');
}

function interpretSteps(s: SeriesResult, steps: MultiStepStep[]): string {
  if (!s.emergence) return '';
  const smooth = steps.filter((st) => st.verdict === 'smooth');
  if (smooth.length === steps.length) return 'Per-step skill rises smoothly while the task score jumps: composing steps is enough to explain the jump.';
  if (smooth.length) return `Per-step skill rises smoothly for k = ${smooth.map((st) => st.k).join(', ')}: with that many steps, composition alone explains the jump.`;
  return 'The per-step accuracy still jumps: composing independent steps alone does not explain this curve.';
}

/** What would test the metric-flaw hypothesis when the data hold no graded metric. */
function suggestedMetric(metric: string): string {
  const label = metricInfo(metric).label;
  if (label === 'exact match') return 'token edit distance or per-token accuracy of the generated answer (Schaeffer et al. 2023, §3), or its log-likelihood';
  return 'the log-likelihood of the correct answer or the Brier score on the same items (Schaeffer et al. 2023, §4)';
}

function siblingLine(s: SeriesResult, sib: SiblingMetric, interpret: boolean): string {
  const name = `${md(sib.metric)}${sib.filter && sib.filter !== 'none' ? ` (${md(sib.filter)})` : ''}`;
  let meaning = '';
  if (interpret && s.emergence) {
    if (sib.verdict === 'smooth') meaning = ': improves smoothly for the same models, so the jump may be the metric’s';
    else if (sib.verdict === 'emergent') meaning = ': jumps too, so the jump is not only the metric’s';
    else if (sib.verdict === 'flat') meaning = ': does not move, so a graded view does not show hidden progress either';
  }
  const origin = sib.fromSamples ? ' re-scored from the per-sample logs' : '';
  const numbers = Number.isFinite(sib.first) && Number.isFinite(sib.last) ? ` (${formatNumber(sib.first, 3)} → ${formatNumber(sib.last, 3)}, ${formatNumber(sib.slopePerDecade * 100, 1)} % of the range per decade)` : '';
  return `- ${name}${origin}: ${verdictName(sib.verdict)}${meaning}${numbers}`;
}

/** The metric-flaw test in one sentence, when graded metrics re-scored from the same outputs are at hand. */
function survivesLine(s: SeriesResult, graded: SiblingMetric[]): string | null {
  const rescored = graded.filter((g) => g.fromSamples);
  if (!s.emergence || rescored.length === 0) return null;
  const names = (list: SiblingMetric[]) => list.map((g) => md(g.metric)).join(', ');
  const jumping = rescored.filter((g) => g.verdict === 'emergent');
  if (jumping.length) return `**Emergence survives a continuous metric**: re-scored from the per-sample logs, ${names(jumping)} jumps too.`;
  const smooth = rescored.filter((g) => g.verdict === 'smooth');
  if (smooth.length) return `**Emergence does not survive a continuous metric**: re-scored from the per-sample logs, ${names(smooth)} improves smoothly over the same models, so the jump is the metric's all-or-nothing threshold (Schaeffer et al. 2023).`;
  return null;
}

function metricFlawSection(s: SeriesResult): string {
  const head = '**Metric-flaw hypothesis**';
  const f = s.metricFlaw;
  const lines: string[] = [];
  if (f.discontinuous) {
    lines.push(`${head}: ${md(s.metric)} is all-or-nothing per item (${md(f.metricClass)}), with no partial credit, so steady progress per item can look like a sudden jump (Schaeffer et al. 2023: over 92 % of claimed emergent abilities in BIG-bench are under multiple-choice grade or exact string match).`);
  } else {
    const info = metricInfo(s.metric);
    const kind = info.metricClass === 'unknown' ? 'of unknown kind' : isGraded(s.metric) ? 'graded (it gives partial credit or is continuous)' : 'not all-or-nothing';
    lines.push(`${head}: ${md(s.metric)} (${md(f.metricClass)}) is ${kind}, so a jump here is not a threshold effect of the metric.`);
  }
  const graded = f.siblings.filter((x) => x.continuous);
  const others = f.siblings.filter((x) => !x.continuous);
  if (graded.length) {
    lines.push(`Graded metrics for the same task, family and shots:\n${graded.map((g) => siblingLine(s, g, true)).join('\n')}`);
    const survives = survivesLine(s, graded);
    if (survives) lines.push(survives);
  } else if (f.discontinuous) {
    lines.push(`No graded metric for these runs is in the data. It would take ${suggestedMetric(s.metric)}; lm-eval's \\-\\-log\\_samples keeps the per-item outputs needed to re-score them.`);
  }
  if (others.length) lines.push(`Other all-or-nothing metrics of these runs:\n${others.map((o) => siblingLine(s, o, false)).join('\n')}`);
  return lines.join('\n\n');
}

function techniqueLine(s: SeriesResult): string | null {
  const t = s.technique;
  if (!t) return null;
  const deltas = t.deltas.map((d) => `${d.delta >= 0 ? '+' : ''}${formatNumber(d.delta, 2)}`).join(', ');
  return `**Prompting technique**: ${md(techniqueSummary(t))} (difference with − without, smallest to largest model: ${deltas}).`;
}

/** Wei et al. 2022: cross-entropy can fall smoothly while accuracy jumps. */
function lossLine(s: SeriesResult): string | null {
  if (!s.lossSeries?.length) return null;
  const list = s.lossSeries.map((l) => `${md(l.task)} ${md(l.metric)}: ${verdictName(l.verdict)}`).join('; ');
  return `**Loss view** for the same models: ${list}. A loss that falls smoothly while this score jumps points to a threshold in the metric, not in the model.`;
}

function unplacedHover(o: Observation): string {
  const title = seriesTitle({ task: o.task, subtask: o.subtask, metric: o.metric, filter: o.filter, shots: o.shots, prompting: o.prompting });
  return [
    `**${md(title)}** — ${md(o.model.name)}: ${formatNumber(o.score, 4)}${o.stderr !== undefined ? ` ± ${formatNumber(o.stderr, 2)}` : ''}`,
    'Not part of a scaling series: the model has no known scale (parameters, FLOPs or a checkpoint step). Set its size under "models" in emergence\\-lens.json.',
  ].join('\n\n');
}

function modelHover(observations: Observation[], snapshot: AnalysisSnapshot): string {
  const o = observations[0];
  const placed = observations.map((x) => snapshot.seriesOf(x)).find(Boolean);
  const scale = placed ? modelScaleText(placed.point.model) : o.model.params !== undefined ? `${formatCount(o.model.params)} parameters (from the file)` : 'scale unknown';
  const tasks = new Set(observations.map((x) => x.task)).size;
  return `**Model** ${md(o.model.name)}: ${md(scale)}\n\n${observations.length} result${observations.length === 1 ? '' : 's'} on ${tasks} task${tasks === 1 ? '' : 's'} in this file.`;
}
