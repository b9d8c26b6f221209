// A cache of what large per-sample logs read to (observations with their per-item scores, and problems), so a
// reopened workspace never reads the raw logs again. One file per log, keyed by its path, size and modification
// time: any change to the log misses. Written with v8.serialize, which keeps the per-item typed arrays as bytes.
// The cache lives in the workspace's cache folder (io/cache-folder.ts); nothing in it is needed, so any failure is a
// miss.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { ReadResult } from '../core/types';
import { cacheDir, digest, replaceFile } from '../io/cache-folder';

/** Bump when readers produce different observations from the same log, so older entries miss. */
const FORMAT = 1;

export interface SourceKey {
  path: string;
  size: number;
  mtimeMs: number;
}

interface Entry {
  format: number;
  key: SourceKey;
  result: ReadResult;
}

/** The aggregate cache's folder within the workspace's cache folder. */
export function aggregatesDir(dir: string): string {
  return join(dir, 'aggregates');
}

function entryFile(dir: string, path: string): string {
  return join(aggregatesDir(dir), `${digest(path)}.v8`);
}

export async function cachedResult(key: SourceKey): Promise<ReadResult | undefined> {
  const dir = cacheDir();
  if (!dir) return undefined;
  try {
    const entry = deserialize(await readFile(entryFile(dir, key.path))) as Entry;
    const same = entry.format === FORMAT && entry.key.path === key.path && entry.key.size === key.size && entry.key.mtimeMs === key.mtimeMs;
    return same ? entry.result : undefined;
  } catch {
    return undefined;
  }
}

/** Stores a result; a cache that cannot be written is only slower. */
export async function storeResult(key: SourceKey, result: ReadResult): Promise<void> {
  const dir = cacheDir();
  if (!dir) return;
  try {
    await replaceFile(entryFile(dir, key.path), serialize({ format: FORMAT, key, result } satisfies Entry));
  } catch {
    // Read-only home, full disk: the next open reads the log again.
  }
}
