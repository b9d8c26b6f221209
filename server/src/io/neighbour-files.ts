// The files beside a results file, for readers that need them (readers/neighbours.ts). Read synchronously: they are
// small (a run spec, an eval set's list of headers) and read by many files of one folder, so the last few are kept
// while their size and modification time stay the same; an eval set's logs are read as bytes and not kept.
// A caller that keeps what it read (io/workspace-cache.ts) passes `seen`, which gets the stamp of every neighbour
// asked for, there or not, so a change beside the file can tell that the file reads differently now.
import { readFileSync, statSync, type Stats } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Neighbours } from '../readers';
import { decodeText } from './decode';

/** Larger neighbours are not read: these files hold a run's settings or headers, never its samples. */
const MAX_BYTES = 64 * 1024 * 1024;
const KEPT = 8;

const cache = new Map<string, { stamp: string; text: string }>();

/** Neighbour paths with the stamp each had when read (NO_FILE for none). */
export type NeighbourStamps = Map<string, string>;
export const NO_FILE = '-';

export function neighboursOf(file: string, seen?: NeighbourStamps): Neighbours {
  const folder = dirname(file);
  return { text: (name) => readNeighbour(join(folder, name), seen), bytes: (name) => readNeighbourBytes(join(folder, name), seen) };
}

/** What a neighbour's stamp is now: its size and modification time, NO_FILE when it is not a file. */
export function stampOf(path: string): string {
  try {
    return stampOfStats(statSync(path));
  } catch {
    return NO_FILE;
  }
}

function stampOfStats(info: Stats): string {
  return info.isFile() ? `${info.size}:${info.mtimeMs}` : NO_FILE;
}

/** Not kept: an eval set's logs are large and each is read once, for its log's entry in logs.json. */
function readNeighbourBytes(path: string, seen: NeighbourStamps | undefined): Uint8Array | undefined {
  try {
    const info = statSync(path);
    seen?.set(path, stampOfStats(info));
    return info.isFile() ? readFileSync(path) : undefined;
  } catch {
    seen?.set(path, NO_FILE);
    return undefined;
  }
}

function readNeighbour(path: string, seen: NeighbourStamps | undefined): string | undefined {
  try {
    const info = statSync(path);
    const stamp = stampOfStats(info);
    seen?.set(path, stamp);
    if (!info.isFile() || info.size > MAX_BYTES) return undefined;
    const kept = cache.get(path);
    if (kept?.stamp === stamp) return kept.text;
    // In whatever encoding it was written (a run spec saved from PowerShell is UTF-16), as results files are read.
    const text = decodeText(readFileSync(path));
    cache.delete(path);
    cache.set(path, { stamp, text });
    if (cache.size > KEPT) cache.delete(cache.keys().next().value!);
    return text;
  } catch {
    seen?.set(path, NO_FILE);
    return undefined;
  }
}
