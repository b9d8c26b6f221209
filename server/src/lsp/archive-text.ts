// The emergenceLens/archiveText request: an Inspect archive's header.json, read from disk, for the client's view.
import { readFile } from 'node:fs/promises';
import type { ArchiveTextResult } from '../protocol';
import { archiveHeaderText } from '../readers/inspect-archive';

export async function archiveText(path: unknown): Promise<ArchiveTextResult> {
  if (typeof path !== 'string' || !/\.eval$/i.test(path)) return null;
  try {
    return archiveHeaderText(await readFile(path)) ?? null;
  } catch {
    return null;
  }
}
