// Every command the extension registers. The first six are the protocol's: the server puts them in hovers,
// code lenses and code actions with JSON arguments, so they are also the only commands hover links may run.
import { COMMANDS } from '../../server/src/protocol';

export const COMMAND_IDS = {
  ...COMMANDS,
  plotAllEmergent: 'emergenceLens.plotAllEmergent',
  showReport: 'emergenceLens.showReport',
  showThresholds: 'emergenceLens.showThresholds',
  exportChart: 'emergenceLens.exportChart',
  reindex: 'emergenceLens.reindex',
  showLog: 'emergenceLens.showLog',
  openSeriesSource: 'emergenceLens.openSeriesSource',
  openArchive: 'emergenceLens.openArchive',
} as const;

/** Commands a hover's `command:` links may run: the server links only to these. */
export const HOVER_LINK_COMMANDS: readonly string[] = Object.values(COMMANDS);

/** Trust for markdown coming from the server: our command links only, never HTML. */
export const SERVER_MARKDOWN = { isTrusted: { enabledCommands: HOVER_LINK_COMMANDS }, supportHtml: false } as const;

interface MarkdownLike {
  isTrusted?: boolean | { readonly enabledCommands: readonly string[] };
  supportHtml?: boolean;
  supportThemeIcons?: boolean;
}

/** Whatever trust a hover came with, it leaves with ours only. */
export function restrictTrust<T extends MarkdownLike>(md: T): T {
  md.isTrusted = { enabledCommands: HOVER_LINK_COMMANDS };
  md.supportHtml = false;
  md.supportThemeIcons = false;
  return md;
}

export interface TaskArgument {
  task: string;
  suggested?: number;
}

/** The point of `{ seriesId, point }` (a hover's "Explain in full"): a non-negative integer, else none. */
export function pointOf(arg: unknown): number | undefined {
  const point = isRecord(arg) ? arg.point : undefined;
  return typeof point === 'number' && Number.isInteger(point) && point >= 0 ? point : undefined;
}

/** `{ seriesId }` from a hover link, code lens, code action or Explorer item; anything else is no argument. */
export function seriesIdOf(arg: unknown): string | undefined {
  const id = isRecord(arg) ? arg.seriesId : undefined;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** `{ task, suggested? }` of the task commands; a suggestion that is not a finite number is dropped. */
export function taskArgumentOf(arg: unknown): TaskArgument | undefined {
  if (!isRecord(arg) || typeof arg.task !== 'string' || arg.task.trim() === '') return undefined;
  const suggested = typeof arg.suggested === 'number' && Number.isFinite(arg.suggested) ? arg.suggested : undefined;
  return suggested === undefined ? { task: arg.task } : { task: arg.task, suggested };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
