// Binary results files, read from disk as bytes (an editor cannot open them as text): Inspect `.eval` archives and
// lighteval's per-item details and the cluster path's aggregates in Parquet. Never throws: a reader bug becomes a problem at the start of the file.
import type { ReadResult } from '../core/types';
import { isAggregatesFile, readAggregates } from '../sweeps/aggregates-reader';
import { readInspectArchive } from './inspect-archive';
import { readLightevalDetails } from './lighteval';
import { settleNames } from './names';
import { NO_NEIGHBOURS, type Neighbours } from './neighbours';
import { fileStart } from './read-context';

const BINARY = /\.(eval|parquet)$/i;

export function isBinaryResultsFile(file: string): boolean {
  return BINARY.test(file);
}

export async function readResultsBytes(file: string, bytes: Uint8Array, neighbours: Neighbours = NO_NEIGHBOURS): Promise<ReadResult> {
  try {
    const result = /\.eval$/i.test(file) ? readInspectArchive(file, bytes, neighbours) : isAggregatesFile(file) ? await readAggregates(file, bytes) : await readLightevalDetails(file, bytes);
    // Names as from a text file: bounded, and copies of their own (names.ts).
    settleNames(result.observations, result.problems);
    return result;
  } catch (e) {
    const message = `internal error reading ${file.split(/[\\/]/).pop()}: ${e instanceof Error ? e.message : String(e)}`;
    return { format: null, observations: [], problems: [{ range: fileStart(file), severity: 'error', message }] };
  }
}
