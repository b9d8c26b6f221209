// Inspect `.eval` logs: ZIP archives holding header.json (the log without its samples), reductions.json (each
// sample's epoch-reduced score), summaries.json (one light record per sample and epoch, with answer and target) and
// the full samples, which are never opened. The header's text is read with positions, so the archive view
// (client/src/archiveView.ts), which shows that text, is where the editor points for these scores.
import type { ReadResult } from '../core/types';
import { parseJsonTree, plainValue } from './json-tree';
import { readInspectLog } from './inspect';
import { TextLocator } from './locate';
import { baseName, NO_NEIGHBOURS, type Neighbours } from './neighbours';
import { ReadContext, fileStart } from './read-context';
import { readZipEntries } from './zip';

const INSPECT_HEADER = 'header.json';
const REDUCTIONS = 'reductions.json';
const SUMMARIES = 'summaries.json';
const JOURNAL_START = '_journal/start.json';
const JOURNAL_SUMMARIES = '_journal/summaries/';
/** An eval set's file of every log header: its scores are read there, not from each archive. */
const EVAL_SET_LOGS = 'logs.json';

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];

export function readInspectArchive(file: string, bytes: Uint8Array, neighbours: Neighbours = NO_NEIGHBOURS): ReadResult {
  const ctx = new ReadContext(new TextLocator(file, ''));
  // Another tool's .eval file is none of our business; a damaged ZIP is.
  if (!ZIP_SIGNATURE.every((b, i) => bytes[i] === b)) return { format: null, observations: [], problems: [] };
  if (neighbours.text(EVAL_SET_LOGS)?.includes(JSON.stringify(baseName(file)))) {
    ctx.report('info', fileStart(file), `the scores of this log are read from the ${EVAL_SET_LOGS} of its eval set`);
    return ctx.result('inspect-eval');
  }
  let header: string | undefined;
  let reductions: unknown;
  let records: unknown;
  try {
    const { names, entries } = readZipEntries(bytes, (name) => name === INSPECT_HEADER || name === REDUCTIONS || name === SUMMARIES);
    header = text(entries.get(INSPECT_HEADER));
    if (header === undefined) {
      const started = names.includes(JOURNAL_START);
      ctx.report('warning', fileStart(file), started ? 'this Inspect log has no header.json yet: it is still running, or stopped before writing its results' : 'this archive holds no header.json: it is not an Inspect log');
      return ctx.result(started ? 'inspect-eval' : null);
    }
    reductions = lenientJson(text(entries.get(REDUCTIONS)));
    records = lenientJson(text(entries.get(SUMMARIES))) ?? journalSummaries(bytes, names);
  } catch (e) {
    ctx.report('error', fileStart(file), `cannot read this Inspect log archive: ${e instanceof Error ? e.message : String(e)}`);
    return ctx.result('inspect-eval');
  }
  return readInspectText(file, header, { reductions, records });
}

/** The text of an archive's header.json; undefined when it has none. Throws on a damaged archive. */
export function archiveHeaderText(bytes: Uint8Array): string | undefined {
  return text(readZipEntries(bytes, (name) => name === INSPECT_HEADER).entries.get(INSPECT_HEADER));
}

/** A log's header text with its per-sample data. */
function readInspectText(file: string, header: string, samples: { reductions?: unknown; records?: unknown }, skip?: ReadonlySet<string>): ReadResult {
  const tree = parseJsonTree(header, skip);
  const ctx = new ReadContext(new TextLocator(file, header, tree.lineStarts));
  for (const e of tree.errors) ctx.error(e.offset, e.length, e.message);
  if (tree.root) readInspectLog(ctx, tree.root, samples);
  return ctx.result(file.toLowerCase().endsWith('.eval') ? 'inspect-eval' : 'inspect-json');
}

/** Archives written before summaries.json existed keep the summaries in journal chunks. */
function journalSummaries(bytes: Uint8Array, names: string[]): unknown[] | undefined {
  const chunks = names.filter((n) => n.startsWith(JOURNAL_SUMMARIES));
  if (chunks.length === 0) return undefined;
  const { entries } = readZipEntries(bytes, (name) => chunks.includes(name));
  return chunks.flatMap((name) => {
    const records = lenientJson(text(entries.get(name)));
    return Array.isArray(records) ? records : [];
  });
}

const decoder = new TextDecoder();

function text(bytes: Uint8Array | undefined): string | undefined {
  return bytes && decoder.decode(bytes);
}

/** JSON.parse, or the tolerant reader for what Python writes beyond JSON (NaN) and for damaged text. */
export function lenientJson(source: string | undefined): unknown {
  if (source === undefined) return undefined;
  try {
    return JSON.parse(source);
  } catch {
    return plainValue(parseJsonTree(source).root);
  }
}
