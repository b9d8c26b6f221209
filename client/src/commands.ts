// The palette, hover-link, code-lens and code-action commands. Arguments are the protocol's JSON
// ({ seriesId } or { task, suggested? }), checked before use: a link is only as good as its arguments.
import { commands, env, languages, Range, Uri, window, workspace, type Disposable, type LogOutputChannel, type WorkspaceFolder } from 'vscode';
import { GET_SERIES, LIST_SERIES, SERIES_AT, type GetSeriesResult, type ListSeriesResult, type SeriesAtResult } from '../../server/src/protocol';
import { sourceUri } from './archiveView';
import { COMMAND_IDS, pointOf, seriesIdOf, taskArgumentOf } from './commandIds';
import { registerExplanations } from './explanation';
import { DOCUMENT_SELECTOR, errorText, ServerNotRunning, type LensClient } from './lensClient';
import { setTaskField } from './overridesFile';
import { inputError, OVERRIDES_FILE, parseNumber, type TaskField } from './overridesEdit';
import { seriesCsv } from './seriesCsv';
import { seriesPicks } from './seriesList';
import type { ChartCommands } from './chart';
import { forMessage, noIcons } from './text';
import type { SeriesNode } from './seriesView';

export function registerCommands(lens: LensClient, log: LogOutputChannel, charts: ChartCommands): Disposable[] {
  const explanations = registerExplanations();
  const register = (id: string, run: (arg?: unknown) => Promise<unknown>) =>
    commands.registerCommand(id, async (arg?: unknown) => {
      try {
        return await run(arg);
      } catch (e) {
        await explain(e, lens, log);
        return undefined;
      }
    });

  return [
    explanations.provider,
    register(COMMAND_IDS.plotSeries, (arg) => charts.plotSeries(seriesIdOf(arg))),
    register(COMMAND_IDS.explainSeries, async (arg) => {
      const id = seriesIdOf(arg) ?? (await pickSeries(lens, 'Explain which series?'));
      return id ? explanations.show(lens, id, pointOf(arg)) : undefined;
    }),
    register(COMMAND_IDS.plotAllEmergent, () => charts.plotAllEmergent()),
    register(COMMAND_IDS.compareMetrics, (arg) => charts.compareMetrics(seriesIdOf(arg))),
    register(COMMAND_IDS.showReport, () => charts.showReport()),
    register(COMMAND_IDS.showThresholds, () => charts.showThresholds()),
    register(COMMAND_IDS.exportChart, () => charts.exportChart()),

    register(COMMAND_IDS.copySeriesCsv, async (arg) => {
      const id = seriesIdOf(arg) ?? (await pickSeries(lens, 'Copy which series as CSV?'));
      if (!id) return undefined;
      const series = await lens.request<GetSeriesResult>(GET_SERIES, { id });
      if (!series) return void window.showWarningMessage('That series is no longer in the workspace index.');
      const csv = seriesCsv(series, (file) => workspace.asRelativePath(file));
      await env.clipboard.writeText(csv);
      window.setStatusBarMessage(`Copied ${series.points.length} results of ${noIcons(series.task, 60)} as CSV`, 4000);
      return csv;
    }),

    register(COMMAND_IDS.setBaseline, (arg) => askAndSet(arg, 'baseline')),
    register(COMMAND_IDS.setSteps, (arg) => askAndSet(arg, 'steps')),
    register(COMMAND_IDS.ignoreTask, async (arg) => {
      const target = await taskTarget(arg);
      if (!target) return undefined;
      return confirmWritten(await setTaskField(target.folder, target.task, 'ignore', true), `Task ${target.task} is now left out of the analysis`);
    }),

    register(COMMAND_IDS.reindex, () => lens.restart()),
    register(COMMAND_IDS.showLog, async () => log.show()),
    register(COMMAND_IDS.openSeriesSource, async (arg) => {
      const node = arg as Partial<SeriesNode> | undefined;
      const summary = node?.kind === 'series' ? node.summary : undefined;
      if (!summary) return undefined;
      const at = new Range(summary.line, 0, summary.line, 0);
      return window.showTextDocument(sourceUri(Uri.parse(summary.uri)), { selection: at });
    }),
  ];
}

const FIELD_INPUT: Record<'baseline' | 'steps', { title: (task: string) => string; prompt: string }> = {
  baseline: {
    title: (task) => `Random baseline of ${task}`,
    prompt: `Score of random guessing in the metric's units (0.25 for 4-way multiple choice). Saved in ${OVERRIDES_FILE}.`,
  },
  steps: {
    title: (task) => `Step count of ${task}`,
    prompt: `Reasoning steps the task needs, for the multi-step explanation. Saved in ${OVERRIDES_FILE}.`,
  },
};

async function askAndSet(arg: unknown, field: 'baseline' | 'steps'): Promise<Uri | undefined> {
  const target = await taskTarget(arg);
  if (!target) return undefined;
  const input = await window.showInputBox({
    title: FIELD_INPUT[field].title(noIcons(target.task, 80)),
    prompt: FIELD_INPUT[field].prompt,
    value: target.suggested === undefined ? '' : String(target.suggested),
    validateInput: (text) => inputError(field, text),
  });
  const value = input === undefined ? undefined : parseNumber(input);
  if (value === undefined) return undefined;
  const what = field === 'baseline' ? 'Random baseline' : 'Step count';
  return confirmWritten(await setTaskField(target.folder, target.task, field satisfies TaskField, value), `${what} of ${target.task} set to ${value}`);
}

async function confirmWritten(uri: Uri | undefined, message: string): Promise<Uri | undefined> {
  if (!uri) return undefined;
  void window.showInformationMessage(`${forMessage(message, 200)} in ${OVERRIDES_FILE}.`, 'Open File').then(async (open) => {
    if (open) await window.showTextDocument(uri);
  });
  return uri;
}

/** The task of a command argument and the folder whose override file gets it. */
async function taskTarget(arg: unknown): Promise<{ task: string; suggested?: number; folder: WorkspaceFolder } | undefined> {
  const parsed = taskArgumentOf(arg);
  if (!parsed) {
    void window.showErrorMessage('This command needs a task: run it from a code action on a result line.');
    return undefined;
  }
  const folders = workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void window.showErrorMessage(`Open a folder first: task settings are saved in ${OVERRIDES_FILE} at the folder's root.`);
    return undefined;
  }
  const editor = window.activeTextEditor;
  const folder =
    folders.length === 1
      ? folders[0]
      : ((editor && workspace.getWorkspaceFolder(editor.document.uri)) ?? (await window.showWorkspaceFolderPick({ placeHolder: `Save in the ${OVERRIDES_FILE} of which folder?` })));
  return folder ? { ...parsed, folder } : undefined;
}

/** The series under the cursor when there is exactly one, else a pick (of those under the cursor, or all). */
export async function pickSeries(lens: LensClient, placeHolder: string): Promise<string | undefined> {
  const editor = window.activeTextEditor;
  let here: SeriesAtResult = [];
  if (editor && languages.match(DOCUMENT_SELECTOR, editor.document)) {
    here = await lens.request<SeriesAtResult>(SERIES_AT, { uri: editor.document.uri.toString(), line: editor.selection.active.line });
  }
  if (here.length === 1) return here[0];
  const all = await lens.request<ListSeriesResult>(LIST_SERIES, {});
  const candidates = here.length ? all.filter((s) => here.includes(s.id)) : all;
  if (candidates.length === 0) {
    void window.showInformationMessage('No scaling series in this workspace yet.');
    return undefined;
  }
  const picked = await window.showQuickPick(seriesPicks(candidates), { placeHolder, matchOnDescription: true });
  return picked?.seriesId;
}

async function explain(e: unknown, lens: LensClient, log: LogOutputChannel): Promise<void> {
  if (e instanceof ServerNotRunning) {
    const restart = await window.showErrorMessage(e.message, 'Restart Server');
    if (restart) await lens.restart();
    return;
  }
  log.error(`Command failed: ${errorText(e)}`);
  void window.showErrorMessage(`Emergence Lens: ${forMessage(errorText(e), 300)}`);
}
