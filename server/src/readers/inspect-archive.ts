// Inspect `.eval` logs: ZIP archives holding header.json (the log without its samples), reductions.json (each
// sample's epoch-reduced score), summaries.json (one light record per sample and epoch, with answer and target) and
// the full samples, which are never opened. The header's text is read with positions, so the archive view
// (client/src/archiveView.ts), which shows that text, is where the editor points for these scores.
import type { ReadResult } from '../core/types';
import { parseJsonTree } from './json-tree';
import { readInspectLog, type InspectSamples } from './inspect';
import { INSPECT_HEADER, readArchiveParts, text } from './inspect-samples';
import { TextLocator } from './locate';
import { baseName, NO_NEIGHBOURS, type Neighbours } from './neighbours';
import { ReadContext, fileStart } from './read-context';
import { readZipEntries } from './zip';

const JOURNAL_START = '_journal/start.json';
/** An eval set's file of every log header: its scores are read there, not from each archive. */
export const EVAL_SET_LOGS = 'logs.json';

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];

export function readInspectArchive(file: string, bytes: Uint8Array, neighbours: Neighbours = NO_NEIGHBOURS): ReadResult {
  const ctx = new ReadContext(new TextLocator(file, ''));
  // Another tool's .eval file is none of our business; a damaged ZIP is.
  if (!ZIP_SIGNATURE.every((b, i) => bytes[i] === b)) return { format: null, observations: [], problems: [] };
  if (inEvalSet(file, neighbours)) {
    ctx.report('info', fileStart(file), `the scores of this log are read from the ${EVAL_SET_LOGS} of its eval set, with its per-sample scores`);
    return ctx.result('inspect-eval');
  }
  let parts;
  try {
    parts = readArchiveParts(bytes, true);
  } catch (e) {
    ctx.report('error', fileStart(file), `cannot read this Inspect log archive: ${e instanceof Error ? e.message : String(e)}`);
    return ctx.result('inspect-eval');
  }
  if (parts.header === undefined) {
    const started = parts.names.includes(JOURNAL_START);
    ctx.report('warning', fileStart(file), started ? 'this Inspect log has no header.json yet: it is still running, or stopped before writing its results' : 'this archive holds no header.json: it is not an Inspect log');
    return ctx.result(started ? 'inspect-eval' : null);
  }
  return readInspectText(file, parts.header, parts.samples);
}

/** True when the eval set beside a log lists it: that set's logs.json reads it. */
export function inEvalSet(file: string, neighbours: Neighbours): boolean {
  return neighbours.text(EVAL_SET_LOGS)?.includes(JSON.stringify(baseName(file))) ?? false;
}

/** The text of an archive's header.json; undefined when it has none. Throws on a damaged archive. */
export function archiveHeaderText(bytes: Uint8Array): string | undefined {
  return text(readZipEntries(bytes, (name) => name === INSPECT_HEADER).entries.get(INSPECT_HEADER));
}

/** A log's header text with its per-sample data. */
function readInspectText(file: string, header: string, samples: InspectSamples): ReadResult {
  const tree = parseJsonTree(header);
  const ctx = new ReadContext(new TextLocator(file, header, tree.lineStarts));
  for (const e of tree.errors) ctx.error(e.offset, e.length, e.message);
  if (tree.root) readInspectLog(ctx, tree.root, samples);
  return ctx.result('inspect-eval');
}
