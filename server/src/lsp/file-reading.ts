// Reading one file into the index, from the editor's text or from disk. A reader that throws is a bug,
// not the user's fault: it is logged and the file counts as "not results", so the server keeps going.
import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { parseOverrides } from '../core/overrides';
import type { ReadResult } from '../core/types';
import { errorText, readResultsFile, readTextFile } from '../io/files';
import { neighboursOf, type NeighbourStamps } from '../io/neighbour-files';
import type { WorkspaceCache } from '../io/workspace-cache';
import { readResultsText } from '../readers';
import type { FileContent } from './workspace-index';

export type Logger = (message: string) => void;

/** A disk read: the file's content, or that it is gone (deleted between the event and the read), or why it could not be read. */
export type DiskRead = FileContent | { kind: 'gone' } | { kind: 'unreadable'; reason: string };

const NOT_RESULTS: ReadResult = { format: null, observations: [], problems: [] };

export function readEditorText(key: string, text: string, isOverrides: boolean, limitBytes: number, log: Logger): FileContent {
  // UTF-16 length is within 2x of the byte size; close enough for a size guard without encoding the text.
  if (text.length > limitBytes) return { kind: 'too-large', bytes: Buffer.byteLength(text), limitBytes };
  if (isOverrides) return { kind: 'overrides', parsed: safeOverrides(key, text, log) };
  try {
    return { kind: 'results', result: logUnrecognised(readResultsText(key, text, neighboursOf(key)), log) };
  } catch (e) {
    log(`Emergence Lens could not read ${key}: ${describe(e)}`);
    return { kind: 'results', result: NOT_RESULTS };
  }
}

/** Reads a file from disk; results files through `cache` when given (what an earlier session read, unchanged since). */
export async function readDiskFile(key: string, isOverrides: boolean, limitBytes: number, log: Logger, cache?: WorkspaceCache): Promise<DiskRead> {
  let info: Stats;
  try {
    info = await stat(key);
    // Only regular files: reading a FIFO would wait forever.
    if (!info.isFile()) return { kind: 'gone' };
  } catch {
    return { kind: 'gone' };
  }
  if (info.size > limitBytes) return { kind: 'too-large', bytes: info.size, limitBytes };
  try {
    if (isOverrides) return { kind: 'overrides', parsed: safeOverrides(key, await readTextFile(key), log) };
    const kept = cache?.recallRead(key, info);
    if (kept) return { kind: 'results', result: kept };
    const neighbours: NeighbourStamps = new Map();
    const result = logUnrecognised(await readResultsFile(key, neighbours), log);
    cache?.keepRead(key, info, neighbours, result);
    return { kind: 'results', result };
  } catch (e) {
    if ((e as NodeJS.ErrnoException)?.code === 'ENOENT') return { kind: 'gone' };
    log(`Emergence Lens could not read ${key}: ${describe(e)}`);
    return { kind: 'unreadable', reason: errorText(e) };
  }
}

/** Files of no known format get no diagnostics; whatever a reader still had to say goes to the log. */
function logUnrecognised(result: ReadResult, log: Logger): ReadResult {
  if (result.format === null) for (const p of result.problems) log(`Emergence Lens: ${p.range.file}:${p.range.line + 1}: ${p.message}`);
  return result;
}

function safeOverrides(key: string, text: string, log: Logger) {
  try {
    return parseOverrides(text, key);
  } catch (e) {
    log(`Emergence Lens could not read ${key}: ${describe(e)}`);
    return { overrides: {}, problems: [] };
  }
}

function describe(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}
