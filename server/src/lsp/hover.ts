// The hover on any line of a task's results: on a score (or its stderr) the first screen of its series — the
// verdict once with its evidence in one sentence, this model against chance, a sparkline, and the two hypotheses
// only where there is a jump to explain; on the task's own line one summary line per metric. Everything else is
// one link away (the chart, Compare metrics, the full explanation in explanation.ts).
// Every name from a results file goes through escapeMarkdown; links are built by commandLink (our commands only).
import { DEFAULT_THRESHOLDS, type Thresholds } from '../core/config';
import { formatScale } from '../core/format';
import { metricInfo } from '../core/metrics';
import type { MultiStepStep, ResolvedModel, SeriesAxis, SeriesPoint, SeriesResult, SiblingMetric } from '../core/results';
import type { Observation, SourceRange } from '../core/types';
import { VERDICT_TEXT, verdictBadge, verdictLabel, verdictName } from '../core/verdict-text';
import { COMMANDS } from '../protocol';
import type { PointRef } from '../core/analysis-host';
import type { AnalysisSnapshot } from './analysis-snapshot';
import { forecastLine } from './forecast-text';
import { commandLink, escapeMarkdown as md, escapeText as text } from './markdown';
import { chanceStatus, formatNumber, lossKind, modelScaleText, points, seriesQualifiers, seriesTitle, sparkline, sourceText, stepManner, stepsSourceText, taskName, techniqueSummary } from './series-text';

const SEPARATOR = '\n\n---\n\n';

export interface HoverInput {
  snapshot: AnalysisSnapshot;
  /** The file's observations, as read. */
  observations: readonly Observation[];
  /** The hovered line's text, to tell a metric's stderr line from the task's own lines. */
  lineText?: string;
  /** Tasks the override file leaves out. */
  isIgnored?: (task: string) => boolean;
  /** The thresholds in force, for the forecast line (the defaults when not given). */
  thresholds?: Thresholds;
}

export function hoverMarkdown(key: string, line: number, input: HoverInput): string | null {
  const { snapshot, observations } = input;
  const refs = snapshot.at(key, line);
  if (refs.length) return withOthers(refs, input);
  const unplaced = observations.filter((o) => o.range.line === line);
  if (unplaced.length) return unplaced.map((o) => unplacedHover(o, input.isIgnored?.(o.task) ?? false)).join(SEPARATOR);
  const block = observations.filter((o) => o.block && within(o.block, line));
  if (block.length) return blockHover(block, line, input);
  const models = observations.filter((o) => o.model.range?.line === line);
  if (models.length) return modelHover(models, snapshot);
  return null;
}

function withOthers([first, ...others]: PointRef[], input: HoverInput): string {
  const parts = [firstScreen(first, input)];
  if (others.length) parts.push(`Also on this line: ${others.map((r) => `${md(seriesTitle(r.series))} in ${md(r.series.family)} — ${md(verdictBadge(r.series))}`).join('; ')}`);
  return parts.join(SEPARATOR);
}

function within(r: SourceRange, line: number): boolean {
  return line >= r.line && line <= r.endLine;
}

/** A line of a task's block that holds no score: a metric's stderr gets that metric's series, any other the task summary. */
function blockHover(block: Observation[], line: number, input: HoverInput): string {
  const { snapshot, lineText = '', isIgnored } = input;
  const stderr = /"([^"]+?)_stderr(?:,([^"]*))?"\s*:/.exec(lineText);
  if (stderr && line !== block[0].block!.line) {
    const [, metric, filter] = stderr;
    const o = block.find((x) => x.metric === metric && (x.filter ?? '') === (filter ?? ''));
    const ref = o && snapshot.seriesOf(o);
    if (ref) return withOthers([ref], input);
  }
  return taskSummary(block, snapshot, isIgnored?.(block[0].task) ?? false);
}

/** One line per series of the task's block: mark, metric, verdict with its scale, one short reason. */
function taskSummary(block: Observation[], snapshot: AnalysisSnapshot, ignored: boolean): string {
  const o = block[0];
  const title = `**${md(taskName(o))}** — ${md(o.model.name)}`;
  if (ignored) return `${title}\n\nLeft out of the analysis: emergence\\-lens.json ignores this task.`;
  const seen = new Set<string>();
  const rows: string[] = [];
  for (const x of block) {
    const ref = snapshot.seriesOf(x);
    if (!ref || seen.has(ref.series.id)) continue;
    seen.add(ref.series.id);
    const s = ref.series;
    rows.push(`- ${VERDICT_TEXT[s.verdict].mark} ${md(seriesQualifiers(s))}: ${md(verdictLabel(s))} — ${md(shortReason(s))} · ${commandLink('plot', COMMANDS.plotSeries, [{ seriesId: s.id }])}`);
  }
  if (!rows.length) return `${title}\n\nNot part of a scaling series: the model has no known scale (parameters, FLOPs or a checkpoint step). Set its size under "models" in emergence\\-lens.json.`;
  const family = snapshot.seriesOf(block.find((x) => snapshot.seriesOf(x))!)!.series;
  return `${title} in **${md(family.family)}** (${family.points.length} models)\n\n${rows.join('\n')}`;
}

/** The evidence in a few words, for one line of a task summary. */
function shortReason(s: SeriesResult): string {
  const e = s.emergence;
  if (e) return `jump of ${points(e.jump)} pts (${e.jumpZ.toFixed(1)} SE) into ${formatScale(e.firstAbove.x, s.xAxis)}`;
  if (s.verdict === 'smooth') return `${points(s.slopePerDecade)} pts of the range per decade`;
  const first = s.reason.split(/[;:]/)[0];
  return first.length > 110 ? `${first.slice(0, 109)}…` : first;
}

function firstScreen(ref: PointRef, input: HoverInput): string {
  const { series: s, point: p } = ref;
  const out: string[] = [`**${VERDICT_TEXT[s.verdict].mark} ${md(seriesTitle(s))}** in **${md(s.family)}** — ${md(verdictLabel(s))}`];
  out.push(evidence(s));
  out.push(thisModel(s, p));
  const first = s.points[0];
  const last = s.points[s.points.length - 1];
  const direction = s.higherIsBetter ? '' : ` (${md(s.metric)} is lower-is-better: drawn so that up is better)`;
  out.push(`\`${sparkline(s.points)}\` ${formatScale(first.x, s.xAxis)} → ${formatScale(last.x, s.xAxis)}, ${s.points.length} models${direction}`);
  if (s.emergence) {
    for (const line of [multiStepLine(s), metricFlawLine(s), lossLine(s)]) if (line !== null) out.push(line);
  }
  if (s.technique) out.push(`**Prompting**: ${md(techniqueSummary(s.technique))}.`);
  const forecast = forecastLine(s, input.snapshot, input.thresholds ?? DEFAULT_THRESHOLDS);
  if (forecast !== null) out.push(forecast);
  out.push(links(s, ref.index));
  return out.join('\n\n');
}

/** The verdict's evidence in one sentence, with its significance after the correction and, for a jump, where it lies. */
function evidence(s: SeriesResult): string {
  const e = s.emergence;
  if (!e) return capitalised(md(s.reason));
  const paired = e.pairedItems ? `, paired over ${e.pairedItems} items` : '';
  const c = s.significance;
  const check =
    c?.q != null
      ? c.significantAfterCorrection
        ? `, significant over the ${c.tested} series tested (q ${probability(c.q)})`
        : ` that **may be chance**: not significant over the ${c.tested} series tested (q ${probability(c.q)})`
      : '';
  const where = `Onset between ${formatScale(e.interval.low, s.xAxis)} and ${formatScale(e.interval.high, s.xAxis)}; the jump recurs in ${formatNumber(100 * e.interval.share, 2)} % of ${e.interval.resamples} redraws of the scores`;
  const sweep = s.checkpointSweep ? ' These are checkpoints of one model: a sharp gain during training, not emergence with model size.' : '';
  return `Near chance up to ${formatScale(e.lastNearChance.x, s.xAxis)}, clearly above from ${formatScale(e.firstAbove.x, s.xAxis)}: a jump of ${points(e.jump)} pts (${e.jumpZ.toFixed(1)} SE${paired})${check}. ${where}.${sweep}`;
}

function probability(q: number): string {
  return q < 1e-15 ? '< 1e-15' : `= ${formatNumber(q, 3)}`;
}

function capitalised(t: string): string {
  return t.charAt(0).toUpperCase() + t.slice(1);
}

/** "**pythia-2.8b** (2.8B, parameters from the file): 0.205 ± 0.009 vs chance 0 (assumed): clearly above chance (…)". */
function thisModel(s: SeriesResult, p: SeriesPoint): string {
  const score = `${formatNumber(p.score, 4)} ± ${formatNumber(p.stderr, 2)}${p.stderrSource === 'default' ? ' (error assumed)' : ''}`;
  const b = s.baseline;
  const against = b
    ? ` vs chance ${formatNumber(b.value, 4)}${b.assumed ? ' (assumed)' : ''}: ${chanceStatus(s, p)}`
    : metricInfo(s.metric).metricClass === 'continuous'
      ? ''
      : ': no random baseline is known for this task (set one with the *Set random baseline* code action)';
  return `**${md(p.model.name)}** (${text(scaleBrief(p.model, s.xAxis, p.x))}): ${score}${against}`;
}

/** The model's scale on the series' axis and where it came from: "2.8B parameters, from the file". */
function scaleBrief(m: ResolvedModel, axis: SeriesAxis, x: number): string {
  const source = axis === 'params' ? m.paramsSource : axis === 'flops' ? m.flopsSource : axis === 'tokens' ? m.tokensSource : 'checkpoint';
  return `${formatScale(x, axis)}${axis === 'params' ? ' parameters' : ''}, ${sourceText(source)}`;
}

/** Multi-step, in a sentence, where it can apply: a known step count, or a generated answer (chance 0). */
function multiStepLine(s: SeriesResult): string | null {
  const ms = s.multiStep;
  if (!ms || ms.steps.length === 0) return null;
  if (ms.knownSteps) {
    const [step] = ms.steps;
    return `**Multi-step** (k = ${step.k}, ${stepsSourceText(ms.knownSteps.source)}): per-step accuracy p = s^(1/${step.k}) goes ${range(step)} and ${stepManner(step)}: ${stepMeaning(step)}.`;
  }
  if (s.baseline?.value !== 0) return null; // a k-way choice is not a chain of steps unless its step count is known
  const smooth = ms.steps.filter((st) => st.verdict === 'smooth').map((st) => st.k);
  const meaning = smooth.length
    ? `rises without a jump for k = ${smooth.join(', ')}, so composing that many steps can produce this jump`
    : ms.steps.every((st) => st.verdict === 'emergent')
      ? 'still jumps for every k: composing steps alone does not explain it'
      : 'rises steadily for no k: the per-step view does not settle it';
  return `**Multi-step**: the step count is not known (*Set step count*); for k = 2…5 the per-step accuracy ${meaning}.`;
}

/** What a per-step curve says of the jump: only a steady per-step rise supports composition as its cause. */
function stepMeaning(step: MultiStepStep): string {
  if (step.verdict === 'emergent') return 'composing steps alone does not explain this jump';
  if (step.verdict === 'smooth') return `composing ${step.k} steps turns steady per-step gains into a jump`;
  return 'the per-step view does not settle it';
}

function range(step: MultiStepStep): string {
  return `${formatNumber(step.perStep[0], 2)} → ${formatNumber(step.perStep[step.perStep.length - 1], 2)}`;
}


/** Metric flaw, in a sentence: what the graded metrics of the same runs say. */
function metricFlawLine(s: SeriesResult): string {
  const f = s.metricFlaw;
  if (!f.discontinuous) return `**Metric flaw**: ${md(s.metric)} (${md(f.metricClass)}) is not all-or-nothing, so this jump is not a threshold of the metric.`;
  const graded = f.siblings.filter((x) => x.continuous);
  // Re-scored from the very outputs beat metrics the harness wrote.
  const best = graded.some((g) => g.fromSamples) ? graded.filter((g) => g.fromSamples) : graded;
  if (!best.length) {
    return `**Metric flaw**: ${md(s.metric)} is all-or-nothing and no graded metric of these runs is in the data; lm-eval's \\-\\-log\\_samples keeps the outputs to re-score them.`;
  }
  const origin = best[0].fromSamples ? 're-scored from the same outputs' : 'on the same runs';
  const jumping = best.filter((g) => g.verdict === 'emergent' || g.verdict === 'possibly-emergent');
  const smooth = best.filter((g) => g.verdict === 'smooth');
  if (jumping.length) return `**Metric flaw**: ${md(s.metric)} is all-or-nothing, but ${origin} ${names(jumping)} ${jumping.length === 1 ? 'jumps' : 'jump'} too: the jump is not only the metric's.`;
  if (smooth.length) return `**Metric flaw**: ${md(s.metric)} is all-or-nothing; ${origin}, ${names(smooth)} ${smooth.length === 1 ? 'improves' : 'improve'} smoothly (${numbers(smooth[0])}): the jump is likely the metric's threshold (Schaeffer et al. 2023).`;
  return `**Metric flaw**: ${md(s.metric)} is all-or-nothing; ${origin}, ${names(best)}: ${best.map((g) => verdictName(g.verdict)).join(', ')}.`;
}

function names(list: SiblingMetric[]): string {
  return list.map((g) => md(g.metric)).join(', ');
}

function numbers(g: SiblingMetric): string {
  return `${formatNumber(g.first, 3)} → ${formatNumber(g.last, 3)}`;
}

/** The loss view in a sentence: a loss of the same task, or of language modelling, over the same models. */
function lossLine(s: SeriesResult): string | null {
  const l = s.lossSeries?.find((x) => x.kind === 'same-task') ?? s.lossSeries?.[0];
  if (!l) return null;
  const steady = l.verdict === 'smooth';
  return `**Loss view**: ${md(l.task)} ${md(l.metric)} (${lossKind(l)}) ${steady ? 'falls smoothly over the same models: the model improves steadily while this score jumps' : `is ${verdictName(l.verdict)} over the same models`}.`;
}

function links(s: SeriesResult, index: number): string {
  return [
    commandLink(s.technique ? `Plot with and without ${s.technique.technique}` : 'Plot scaling curve', COMMANDS.plotSeries, [{ seriesId: s.id }]),
    ...(s.metricFlaw.siblings.length || s.lossSeries?.length || s.multiStep ? [commandLink('Compare metrics', COMMANDS.compareMetrics, [{ seriesId: s.id }])] : []),
    commandLink('Explain in full', COMMANDS.explainSeries, [{ seriesId: s.id, point: index }]),
    commandLink('Copy as CSV', COMMANDS.copySeriesCsv, [{ seriesId: s.id }]),
  ].join(' · ');
}

function unplacedHover(o: Observation, ignored: boolean): string {
  const title = seriesTitle({ task: o.task, subtask: o.subtask, metric: o.metric, filter: o.filter, shots: o.shots, prompting: o.prompting });
  const why = ignored
    ? 'Left out of the analysis: emergence\\-lens.json ignores this task.'
    : 'Not part of a scaling series: the model has no known scale (parameters, FLOPs or a checkpoint step). Set its size under "models" in emergence\\-lens.json.';
  return [`**${md(title)}** — ${md(o.model.name)}: ${formatNumber(o.score, 4)}${o.stderr !== undefined ? ` ± ${formatNumber(o.stderr, 2)}` : ''}`, why].join('\n\n');
}

function modelHover(observations: Observation[], snapshot: AnalysisSnapshot): string {
  const o = observations[0];
  const placed = observations.map((x) => snapshot.seriesOf(x)).find(Boolean);
  const scale = placed ? modelScaleText(placed.point.model) : o.model.params !== undefined ? `${formatScale(o.model.params, 'params')} parameters (from the file)` : 'scale unknown';
  const tasks = new Set(observations.map((x) => x.task)).size;
  return `**Model** ${md(o.model.name)}: ${text(scale)}\n\n${observations.length} result${observations.length === 1 ? '' : 's'} on ${tasks} task${tasks === 1 ? '' : 's'} in this file.`;
}
