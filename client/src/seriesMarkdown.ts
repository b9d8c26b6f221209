// The series as a markdown table: what "Show Series" displays until the chart view exists. Every name
// from a results file goes into a code span or is escaped, so it shows as text in the markdown preview.
import { formatScale } from '../../server/src/core/format';
import type { SeriesResult } from '../../server/src/core/results';
import { VERDICTS } from './seriesList';
import { codeSpan, escapeMarkdown } from './text';

export function seriesMarkdown(series: SeriesResult, where: (file: string) => string = (f) => f): string {
  const name = series.subtask ? `${series.task} / ${series.subtask}` : series.task;
  const setup = [
    `metric ${codeSpan(series.filter ? `${series.metric},${series.filter}` : series.metric)}`,
    `family ${codeSpan(series.family)}`,
    series.shots !== undefined ? `${series.shots}-shot` : '',
    series.prompting ? `prompting ${codeSpan(series.prompting)}` : '',
    series.checkpointSweep ? 'checkpoint sweep' : '',
  ].filter(Boolean);
  const b = series.baseline;
  const facts = [
    `**Verdict: ${VERDICTS[series.verdict]?.mark ?? ''} ${series.verdict}** — ${escapeMarkdown(series.reason)}`,
    '',
    `- ${setup.join(' · ')}`,
    `- Random baseline: ${b ? `${num(b.value)}${b.assumed ? ' (assumed)' : ''}${b.note ? ` — ${escapeMarkdown(b.note)}` : ''}` : 'unknown'}`,
    series.emergence ? `- Emergence scale: ${formatScale(series.emergence.firstAbove.x, series.xAxis)}` : '',
    `- Breakthroughness: ${series.breakthroughness === null ? 'n/a' : num(series.breakthroughness)} · linearity: ${series.linearity === null ? 'n/a' : num(series.linearity)}`,
  ].filter((line, i) => i === 1 || line !== '');

  const header = ['| Model | Scale | Score ± stderr | Above chance | Source |', '| --- | ---: | ---: | :---: | --- |'];
  const rows = series.points.map((p) => {
    const err = `${num(p.stderr)}${p.stderrSource === 'file' ? '' : ` (${p.stderrSource})`}`;
    const at = `${where(p.range.file)}:${p.range.line + 1}`;
    return `| ${codeSpan(p.model.name)} | ${formatScale(p.x, series.xAxis)} | ${num(p.score)} ± ${err} | ${p.aboveChance ? '✓' : ''} | ${codeSpan(at)} |`;
  });
  return [`# ${codeSpan(name)}`, '', ...facts, '', ...header, ...rows, ''].join('\n');
}

function num(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  return abs !== 0 && (abs < 1e-4 || abs >= 1e6) ? value.toExponential(2) : String(+value.toFixed(4));
}
