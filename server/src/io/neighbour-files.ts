// The files beside a results file, for readers that need them (readers/neighbours.ts). Read synchronously: they are
// small (a run spec, an eval set's list of headers) and read by many files of one folder, so the last few are kept
// while their size and modification time stay the same; an eval set's logs are read as bytes and not kept.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Neighbours } from '../readers';
import { decodeText } from './decode';

/** Larger neighbours are not read: these files hold a run's settings or headers, never its samples. */
const MAX_BYTES = 64 * 1024 * 1024;
const KEPT = 8;

const cache = new Map<string, { stamp: string; text: string }>();

export function neighboursOf(file: string): Neighbours {
  const folder = dirname(file);
  return { text: (name) => readNeighbour(join(folder, name)), bytes: (name) => readNeighbourBytes(join(folder, name)) };
}

/** Not kept: an eval set's logs are large and each is read once, for its log's entry in logs.json. */
function readNeighbourBytes(path: string): Uint8Array | undefined {
  try {
    return statSync(path).isFile() ? readFileSync(path) : undefined;
  } catch {
    return undefined;
  }
}

function readNeighbour(path: string): string | undefined {
  try {
    const info = statSync(path);
    if (!info.isFile() || info.size > MAX_BYTES) return undefined;
    const stamp = `${info.size}:${info.mtimeMs}`;
    const kept = cache.get(path);
    if (kept?.stamp === stamp) return kept.text;
    // In whatever encoding it was written (a run spec saved from PowerShell is UTF-16), as results files are read.
    const text = decodeText(readFileSync(path));
    cache.delete(path);
    cache.set(path, { stamp, text });
    if (cache.size > KEPT) cache.delete(cache.keys().next().value!);
    return text;
  } catch {
    return undefined;
  }
}
