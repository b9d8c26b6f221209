// Finding and reading results files on disk, shared by the CLI and the server's workspace index.
// Nothing found on the way is dropped without a word: a folder that cannot be listed, a broken link or a FIFO is
// reported as skipped, and the walk goes on.
import { createReadStream } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { OVERRIDES_FILE_NAME } from '../core/overrides';
import type { ReadResult } from '../core/types';
import { createJsonlReader, isBinaryResultsFile, isCandidateFile, JsonlLineSplitter, readResultsBytes, readResultsText } from '../readers';
import { createDecoder, decodeText, detectEncoding, type ChunkDecoder } from './decode';
import { readSampleLog } from '../sweeps/sample-logs';
import { neighboursOf, type NeighbourStamps } from './neighbour-files';

export const OVERRIDES_FILE = OVERRIDES_FILE_NAME;

const SKIPPED_DIRS = new Set(['node_modules']);

/** A path the walk could not read, and why (one line, for a message). */
export interface SkippedPath {
  path: string;
  reason: string;
  /** A folder that could not be listed (anything under it may be missing). */
  folder?: true;
}

export interface CollectedFiles {
  files: string[];
  /** Paths given that do not exist. */
  missing: string[];
  skipped: SkippedPath[];
}

// Intl.Collator orders as localeCompare does, several times faster on large folders.
const byName = new Intl.Collator().compare;

/**
 * Candidate results files under the given paths; folders are walked, skipping node_modules and hidden folders.
 * Symbolic links are followed, each real folder and file taken once (so a link loop ends).
 */
export async function collectFiles(paths: readonly string[]): Promise<CollectedFiles> {
  const out: CollectedFiles = { files: [], missing: [], skipped: [] };
  const seen = new Set<string>();
  const take = (path: string, real: string) => {
    if (seen.has(real)) return;
    seen.add(real);
    out.files.push(path);
  };
  const walk = async (dir: string, real: string): Promise<void> => {
    if (seen.has(real)) return;
    seen.add(real);
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      out.skipped.push({ path: dir, reason: `folder not read: ${errorText(e)}`, folder: true });
      return;
    }
    entries.sort((a, b) => byName(a.name, b.name));
    for (const entry of entries) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (isWalked(entry.name)) await walk(full, join(real, entry.name));
      } else if (entry.isFile()) {
        if (isCandidateName(entry.name)) take(full, join(real, entry.name));
      } else if (entry.isSymbolicLink()) {
        await followLink(full, entry.name);
      } else if (isCandidateName(entry.name)) {
        out.skipped.push({ path: full, reason: `not a regular file (${kindOf(entry)})` });
      }
    }
  };
  const followLink = async (link: string, name: string): Promise<void> => {
    let target: string;
    let info;
    try {
      target = await realpath(link);
      info = await stat(target);
    } catch (e) {
      if (isCandidateName(name) || isWalked(name)) out.skipped.push({ path: link, reason: `broken symbolic link: ${errorText(e)}` });
      return;
    }
    if (info.isDirectory()) {
      if (isWalked(name)) await walk(link, target);
    } else if (info.isFile()) {
      if (isCandidateName(name)) take(link, target);
    } else if (isCandidateName(name)) {
      out.skipped.push({ path: link, reason: `links to something that is not a regular file (${kindOf(info)})` });
    }
  };

  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') out.missing.push(path);
      else out.skipped.push({ path, reason: errorText(e) });
      continue;
    }
    const real = await realpath(path).catch(() => path);
    if (info.isDirectory()) await walk(path, real);
    // A path named on purpose is read whatever its extension; a FIFO or a device would block the read forever.
    else if (info.isFile()) take(path, real);
    else out.skipped.push({ path, reason: `not a regular file (${kindOf(info)})` });
  }
  return out;
}

function isWalked(folderName: string): boolean {
  return !folderName.startsWith('.') && !SKIPPED_DIRS.has(folderName);
}

function isCandidateName(name: string): boolean {
  return isCandidateFile(name) && name !== OVERRIDES_FILE;
}

interface Kind {
  isFIFO(): boolean;
  isSocket(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
}

function kindOf(k: Kind): string {
  if (k.isFIFO()) return 'a FIFO';
  if (k.isSocket()) return 'a socket';
  if (k.isCharacterDevice() || k.isBlockDevice()) return 'a device';
  return 'not a file';
}

/** "permission denied (EACCES)" rather than Node's "EACCES: permission denied, scandir '/long/path'". */
export function errorText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (!err?.code) return err instanceof Error ? err.message : String(e);
  const what = /^[A-Z]+: ([^,]+)/.exec(err.message)?.[1] ?? err.message;
  return `${what} (${err.code})`;
}

/** A whole text file, decoded as its byte-order mark (or its first bytes) say. */
export async function readTextFile(file: string): Promise<string> {
  return decodeText(await readFile(file));
}

/**
 * Reads one file; large per-sample logs through DuckDB and the aggregate cache when they can (sweeps/). `seen` gets
 * the stamps of the files beside it that the reading consulted.
 */
export async function readResultsFile(file: string, seen?: NeighbourStamps): Promise<ReadResult> {
  const stream = (f: string) => streamResultsFile(f, seen);
  return (await readSampleLog(file, stream)) ?? stream(file);
}

/** Reads one file in-process; JSON Lines are streamed line by line so logs of hundreds of megabytes never sit in memory whole. */
async function streamResultsFile(file: string, seen: NeighbourStamps | undefined): Promise<ReadResult> {
  if (isBinaryResultsFile(file)) return readResultsBytes(file, await readFile(file), neighboursOf(file, seen));
  if (!basename(file).toLowerCase().endsWith('.jsonl')) return readResultsText(file, await readTextFile(file), neighboursOf(file, seen));
  const reader = createJsonlReader(file);
  const lines = new JsonlLineSplitter((text, line) => reader.line(text, line));
  let decoder: ChunkDecoder | undefined;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    decoder ??= createDecoder(detectEncoding(chunk));
    lines.push(decoder.decode(chunk, { stream: true }));
  }
  if (decoder) lines.push(decoder.decode());
  lines.end();
  return reader.finish();
}
