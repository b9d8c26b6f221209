// The full explanation of a series, opened from a hover's "Explain in full" link as a read-only markdown document:
// every number behind the verdict (the whole series as a table, the verdict's evidence, the multiple-comparison
// check, the logistic fit) and both hypotheses in full (per-step tables, every sibling metric, the loss view, a
// prompting technique). The hover shows only its first screen (hover.ts).
// Every name from a results file goes through escapeMarkdown.
import { formatCount, formatScale } from '../core/format';
import { isGraded, metricInfo } from '../core/metrics';
import type { MultiStepStep, ResolvedModel, SeriesAxis, SeriesResult, SiblingMetric } from '../core/results';
import { verdictLabel, verdictName, VERDICT_TEXT } from '../core/verdict-text';
import { escapeMarkdown as md, escapeText as text } from './markdown';
import { chanceStatus, correctionLine, formatNumber, lossKind, modelScaleText, points, sparkline, stepManner, stepsSourceText, stepVerdict, techniqueSummary, seriesTitle } from './series-text';

const MAX_ROWS = 40;

/** The whole explanation, for the series and (when given) the point the user came from. */
export function explanationMarkdown(s: SeriesResult, current = -1): string {
  const out: string[] = [];
  out.push(`# ${VERDICT_TEXT[s.verdict].mark} ${md(seriesTitle(s))} in ${md(s.family)}: ${md(verdictLabel(s))}`);
  if (current >= 0) {
    const p = s.points[current];
    out.push(`**Model** ${md(p.model.name)}: ${text(modelScaleText(p.model))}`);
    out.push(scoreLine(s, current));
  }
  out.push(seriesTable(s, current));
  out.push(verdictSection(s));
  out.push(multiStepSection(s, current));
  out.push(metricFlawSection(s));
  const extra = [techniqueLine(s), lossLine(s)].filter((x): x is string => x !== null);
  if (extra.length) out.push(extra.join('\n\n'));
  return out.join('\n\n');
}

function scoreLine(s: SeriesResult, index: number): string {
  const p = s.points[index];
  const stderr = p.stderrSource === 'file' ? 'standard error from the file' : p.stderrSource === 'binomial' ? `binomial standard error, n = ${p.n}` : 'standard error assumed';
  const score = `**Score** ${formatNumber(p.score, 4)} ± ${formatNumber(p.stderr, 2)} (${stderr})`;
  const b = s.baseline;
  if (!b) {
    const info = metricInfo(s.metric);
    return info.metricClass === 'continuous'
      ? `${score}; ${md(s.metric)} is a continuous metric (${md(info.label)}), so there is no random baseline to compare with.`
      : `${score}; no random baseline is known for this task: set one with the *Set random baseline* code action.`;
  }
  // File and override baselines explain themselves; guessed ones say what the guess is.
  const origin =
    b.source === 'file' ? 'stated in the file' : b.source === 'override' ? 'set in emergence-lens.json' : `${b.source === 'registry' ? 'registry' : 'default'}${b.assumed ? ', **assumed**' : ''}: ${md(b.note)}`;
  return `${score} vs random baseline ${formatNumber(b.value, 4)} (${origin}): ${chanceStatus(s, p)}`;
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
  const shown = elide(rows, Math.max(current, 0));
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
  const lines: string[] = [`## Verdict: ${VERDICT_TEXT[s.verdict].name}`, md(s.reason)];
  const e = s.emergence;
  if (e) {
    const paired = e.pairedItems ? `, paired over the ${e.pairedItems} items both models answered` : '';
    lines.push(`- Jump: ${points(e.jump)} pts of the range (${e.jumpZ.toFixed(1)} SE${paired}) from ${formatScale(e.lastNearChance.x, s.xAxis)} to ${formatScale(e.firstAbove.x, s.xAxis)}, ${points(e.discontinuity)} pts above the trend of the smaller models`);
    const m = e.firstAbove.model;
    const extra = [m.params !== undefined && s.xAxis !== 'params' ? `${formatCount(m.params)} parameters` : '', m.flops !== undefined && s.xAxis !== 'flops' ? `${formatScale(m.flops, 'flops')}` : ''].filter(Boolean);
    lines.push(`- Emergence scale: ≥ ${formatScale(e.firstAbove.x, s.xAxis)}${extra.length ? ` (${extra.join(', ')})` : ''}, the first model clearly above chance (${md(m.name)})`);
    lines.push(`- Emergence interval: between ${formatScale(e.interval.low, s.xAxis)} and ${formatScale(e.interval.high, s.xAxis)}; still emergent in ${formatNumber(100 * e.interval.share, 2)} % of ${e.interval.resamples} redraws of the scores within their errors`);
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
  const head = '## Multi-step hypothesis\n\n';
  const ms = s.multiStep;
  if (!ms || ms.steps.length === 0) {
    const info = metricInfo(s.metric);
    const why =
      info.metricClass === 'discontinuous'
        ? 'needs a random baseline for this task (set one with the *Set random baseline* code action) to put scores on the 0–1 scale p^k lives on.'
        : `not computed: ${md(s.metric)} (${md(info.label)}) already gives partial credit, so it is not a product of all-or-nothing steps.`;
    return `${head}${why}`;
  }
  const lines = [
    `${head}If the task takes k steps, each right with probability p, it scores p^k above chance, so the implied per-step accuracy is p = s^(1/k) (s = score on the 0–1 scale from chance to the best score).`,
  ];
  if (ms.knownSteps) {
    const step = ms.steps[0];
    const k = step.k;
    const p = step.perStep;
    const ends = `${formatNumber(p[0] ** k, 2)} → ${formatNumber(p[p.length - 1] ** k, 2)}`;
    lines.push(
      `The task takes k = ${k} steps (${stepsSourceText(ms.knownSteps.source)}): each step ${stepManner(step)} from ${formatNumber(p[0], 2)} to ${formatNumber(p[p.length - 1], 2)} \`${sparkline(p.map((v) => ({ normalized: v })))}\`; with ${k} steps that is ${ends} end to end. ${current >= 0 ? ` At this model: p ≈ ${formatNumber(p[current], 2)}.` : ''}`,
    );
    lines.push(`Per-step verdict: ${stepVerdict(step)}. ${interpretSteps(s, [step])}`);
  } else {
    lines.push('The step count of this task is not known, so k = 2…5 are shown (set it with the *Set step count* code action):');
    lines.push(['| k | per-step p along the series | | per-step verdict |', '|--:|---|---|---|', ...ms.steps.map((st) => `| ${st.k} | ${perStepRange(st)} | \`${sparkline(st.perStep.map((v) => ({ normalized: v })))}\` | ${stepVerdict(st)} |`)].join('\n'));
    lines.push(interpretSteps(s, ms.steps));
  }
  return lines.join('\n\n');
}

function interpretSteps(s: SeriesResult, steps: MultiStepStep[]): string {
  if (!s.emergence) return '';
  const smooth = steps.filter((st) => st.verdict !== 'emergent');
  if (smooth.length === steps.length) return 'Per-step skill rises without a jump while the task score jumps: composing steps can explain the jump.';
  if (smooth.length) return `Per-step skill rises without a jump for k = ${smooth.map((st) => st.k).join(', ')}: with that many steps, composition can explain the jump.`;
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
  const head = '## Metric-flaw hypothesis\n\n';
  const f = s.metricFlaw;
  const lines: string[] = [];
  if (f.discontinuous) {
    lines.push(`${head}${md(s.metric)} is all-or-nothing per item (${md(f.metricClass)}), with no partial credit, so steady progress per item can look like a sudden jump (Schaeffer et al. 2023: over 92 % of claimed emergent abilities in BIG-bench are under multiple-choice grade or exact string match).`);
  } else {
    const info = metricInfo(s.metric);
    const kind = info.metricClass === 'unknown' ? 'of unknown kind' : isGraded(s.metric) ? 'graded (it gives partial credit or is continuous)' : 'not all-or-nothing';
    lines.push(`${head}${md(s.metric)} (${md(f.metricClass)}) is ${kind}, so a jump here is not a threshold effect of the metric.`);
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
  return `## Prompting technique\n\n${md(techniqueSummary(t))} (difference with − without, smallest to largest model: ${deltas}).`;
}

/** Wei et al. 2022: cross-entropy can fall smoothly while accuracy jumps. */
function lossLine(s: SeriesResult): string | null {
  if (!s.lossSeries?.length) return null;
  const list = s.lossSeries.map((l) => `- ${md(l.task)} ${md(l.metric)} (${lossKind(l)}): ${verdictName(l.verdict)}`).join('\n');
  return `## Loss view\n\nLosses of the same models:\n${list}\n\nA loss that falls smoothly while this score jumps says the model improved steadily and the jump is in how the score counts.`;
}
