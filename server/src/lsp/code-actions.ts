// Actions on a result line. They only run client commands: the client asks the user and writes
// emergence-lens.json, the server never edits files.
import type { CodeAction, CodeActionParams } from 'vscode-languageserver/node';
import { COMMANDS } from '../protocol';
import type { AnalysisSnapshot } from './analysis-snapshot';
import { plainText } from './markdown';
import { seriesTitle, taskName } from './series-text';

export function codeActions(key: string, params: CodeActionParams, snapshot: AnalysisSnapshot): CodeAction[] {
  // Our actions have no kind; a client asking only for specific kinds (source actions on save) gets none.
  if (params.context.only?.length) return [];
  const { start, end } = params.range;
  const refs = [];
  for (let line = start.line; line <= end.line; line++) for (const ref of snapshot.at(key, line)) refs.push(ref);

  const actions: CodeAction[] = [];
  const seenSeries = new Set<string>();
  const seenTasks = new Set<string>();
  for (const { series } of refs) {
    if (seenSeries.has(series.id)) continue;
    seenSeries.add(series.id);
    const title = plainText(`${seriesTitle(series)} in ${series.family}`);
    actions.push(action(`Plot scaling curve of ${title}`, COMMANDS.plotSeries, { seriesId: series.id }));
    actions.push(action(`Copy ${title} as CSV`, COMMANDS.copySeriesCsv, { seriesId: series.id }));
    if (seenTasks.has(series.task)) continue;
    seenTasks.add(series.task);
    const task = plainText(taskName(series));
    const b = series.baseline;
    actions.push(
      action(
        b ? `Set random baseline of ${task} (now ${+b.value.toFixed(4)}${b.assumed ? ', assumed' : ''})` : `Set random baseline of ${task}`,
        COMMANDS.setBaseline,
        b ? { task: series.task, suggested: b.value } : { task: series.task },
      ),
    );
    const k = series.multiStep?.knownSteps?.k;
    actions.push(action(k ? `Set step count of ${task} (now ${k})` : `Set step count of ${task}`, COMMANDS.setSteps, k ? { task: series.task, suggested: k } : { task: series.task }));
    actions.push(action(`Ignore task ${task}`, COMMANDS.ignoreTask, { task: series.task }));
  }
  return actions;
}

function action(title: string, command: string, arg: Record<string, unknown>): CodeAction {
  return { title, command: { title, command, arguments: [arg] } };
}
