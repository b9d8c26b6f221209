// Finding and reading results files on disk, shared by the CLI and the server's workspace index.
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, basename } from 'node:path';
import { createInterface } from 'node:readline';
import type { ReadResult } from '../core/types';
import { createJsonlReader, isBinaryResultsFile, isCandidateFile, readResultsBytes, readResultsText } from '../readers';
import { neighboursOf } from './neighbour-files';

export const OVERRIDES_FILE = 'emergence-lens.json';

const SKIPPED_DIRS = new Set(['node_modules']);

/** Candidate results files under the given paths; folders are walked, skipping node_modules and hidden folders. */
export async function collectFiles(paths: string[]): Promise<{ files: string[]; missing: string[] }> {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && !SKIPPED_DIRS.has(entry.name)) await walk(full);
      } else if (entry.isFile() && isCandidateFile(full) && entry.name !== OVERRIDES_FILE) {
        files.push(full);
      }
    }
  };
  for (const path of paths) {
    try {
      const info = await stat(path);
      if (info.isDirectory()) await walk(path);
      else files.push(path);
    } catch {
      missing.push(path);
    }
  }
  return { files, missing };
}

/** Reads one file; JSON Lines are streamed line by line so logs of hundreds of megabytes never sit in memory whole. */
export async function readResultsFile(file: string): Promise<ReadResult> {
  if (isBinaryResultsFile(file)) return readResultsBytes(file, await readFile(file), neighboursOf(file));
  if (!basename(file).toLowerCase().endsWith('.jsonl')) {
    return readResultsText(file, await readFile(file, 'utf8'), neighboursOf(file));
  }
  const reader = createJsonlReader(file);
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let index = 0;
  for await (const line of lines) reader.line(line, index++);
  return reader.finish();
}
