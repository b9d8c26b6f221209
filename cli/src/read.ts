// emergence-lens read <files or folders...> [--json]: what was read from each file — its format, and for every score
// the model with its resolved size (and where that came from), task, shots, metric, score, stderr, n and the place it
// sits. The first thing to run when a number looks wrong.
import type { Overrides } from '../../server/src/core/config';
import { formatCount, seriesLabel } from '../../server/src/core/format';
import { resolveModel } from '../../server/src/core/scale';
import type { Observation, Problem, ReadResult } from '../../server/src/core/types';
import { collectFiles, readResultsFile } from '../../server/src/io/files';
import { alignColumns, problemJson, problemLine } from './report';
import { readSpecialInputs, type Inputs } from './sources';

interface FileReading {
  file: string;
  result: ReadResult;
}

/** Exit status as `analyze`'s: 0 when some input could be read, 1 when none could. */
export async function runRead(inputs: Inputs, options: { json: boolean; overrides: Overrides; problems: Problem[] }): Promise<number> {
  const paths = inputs.paths;
  const { files, missing } = await collectFiles(paths);
  for (const path of missing) process.stderr.write(`emergence-lens: cannot read ${path}\n`);
  const named = new Set(paths);
  const readings: FileReading[] = [];
  for (const file of files) {
    let result: ReadResult;
    try {
      result = await readResultsFile(file);
    } catch (error) {
      result = { format: null, observations: [], problems: [{ range: { file, line: 0, character: 0, endLine: 0, endCharacter: 0 }, severity: 'error', message: `Cannot read file: ${(error as Error).message}` }] };
    }
    // A folder holds files of no results format (package.json…): only the ones asked for by name are listed then.
    if (result.format || result.problems.length || named.has(file)) readings.push({ file, result });
  }
  for (const reading of await readSpecialInputs(inputs.special)) readings.push(reading);
  const out = options.json ? JSON.stringify(toJson(readings, options), null, 2) : toText(readings, options);
  process.stdout.write(out + '\n');
  return readings.some((r) => r.result.format) || (files.length > 0 && missing.length < paths.length) ? 0 : 1;
}

function sizeOf(o: Observation, overrides: Overrides): { params?: number; source?: string; family: string } {
  const m = resolveModel(o.model, overrides);
  return { params: m.params, source: m.paramsDetail?.note ?? m.paramsSource, family: m.family };
}

function toText(readings: FileReading[], { overrides, problems }: { overrides: Overrides; problems: Problem[] }): string {
  const out: string[] = problems.map(problemLine);
  for (const { file, result } of readings) {
    const count = result.observations.length;
    out.push(`${file}: ${result.format ?? 'not a results file'}${result.format ? `, ${count} score${count === 1 ? '' : 's'}` : ''}`);
    const rows = result.observations.map((o) => {
      const size = sizeOf(o, overrides);
      return [
        o.model.revision ? `${o.model.name} @ ${o.model.revision}` : o.model.name,
        size.params !== undefined ? `${formatCount(size.params)} (${size.source})` : '— (no size)',
        size.family,
        seriesLabel({ task: o.task, subtask: o.subtask, filter: o.filter, prompting: o.prompting }),
        o.shots !== undefined ? String(o.shots) : '',
        o.metric,
        scoreText(o),
        o.stderr !== undefined ? String(+o.stderr.toPrecision(4)) : '',
        o.n !== undefined ? `${o.n}${o.attempts !== undefined ? ` × ${o.attempts / o.n} tries` : ''}` : '',
        `${o.range.line + 1}:${o.range.character + 1}`,
      ];
    });
    if (rows.length) for (const l of alignColumns(['model', 'size', 'family', 'task', 'shots', 'metric', 'score', 'stderr', 'n', 'at'], rows)) out.push(`  ${l}`);
    for (const l of percentLines(result.observations)) out.push(`  ${l}`);
    for (const p of result.problems) out.push(`  ${problemLine(p)}`);
    out.push('');
  }
  return out.join('\n').trimEnd();
}

/** Why a score was read as a percentage and divided by 100 (readers/percent.ts). */
const PERCENT_WHY: Record<NonNullable<Observation['percent']>, string> = { name: 'the metric is written in percent', values: "this metric's values in the file run past 1" };

/** The score as read; one the file wrote in percent shows that too: "0.0417 (4.17 %)". */
function scoreText(o: Observation): string {
  const score = String(+o.score.toPrecision(6));
  return o.percent ? `${score} (${+(o.score * 100).toPrecision(6)} %)` : score;
}

/** A line per reason some metrics were read as percentages: "read as percentages: exact, f1 (the metric is …)". */
function percentLines(observations: readonly Observation[]): string[] {
  const byWhy = new Map<string, Set<string>>();
  for (const o of observations) {
    if (!o.percent) continue;
    const why = PERCENT_WHY[o.percent];
    const metrics = byWhy.get(why);
    if (metrics) metrics.add(o.metric);
    else byWhy.set(why, new Set([o.metric]));
  }
  return [...byWhy].map(([why, metrics]) => `read as percentages: ${[...metrics].join(', ')} (${why})`);
}

function toJson(readings: FileReading[], { overrides, problems }: { overrides: Overrides; problems: Problem[] }) {
  return {
    problems: problems.map(problemJson),
    files: readings.map(({ file, result }) => ({
      file,
      format: result.format,
      observations: result.observations.map((o) => {
        const size = sizeOf(o, overrides);
        return {
          model: o.model.name,
          revision: o.model.revision ?? null,
          params: size.params ?? null,
          paramsSource: size.source ?? null,
          family: size.family,
          task: o.task,
          subtask: o.subtask ?? null,
          filter: o.filter ?? null,
          shots: o.shots ?? null,
          prompting: o.prompting ?? null,
          metric: o.metric,
          score: o.score,
          /** Set when the file wrote the score in percent: why it was read so. */
          percent: o.percent ? PERCENT_WHY[o.percent] : null,
          stderr: o.stderr ?? null,
          n: o.n ?? null,
          /** Every try of every item behind the score, when items were tried several times (Inspect's epochs). */
          attempts: o.attempts ?? null,
          perItem: o.items ? o.items.ids.length : null,
          line: o.range.line + 1,
          column: o.range.character + 1,
        };
      }),
      problems: result.problems.map(problemJson),
    })),
  };
}
