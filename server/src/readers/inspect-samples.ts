// Where an Inspect log keeps its per-sample data: an `.eval` archive's reductions.json and summaries.json (journal
// chunks in archives older than summaries.json), a `.json` log's `samples` and `reductions`. Read for the log itself
// and, in an eval set, for each log that logs.json lists beside it (harness-formats.ts).
import type { InspectSamples } from './inspect';
import { lenientJson } from './json-tree';
import { readZipEntries } from './zip';

export const INSPECT_HEADER = 'header.json';
const REDUCTIONS = 'reductions.json';
const SUMMARIES = 'summaries.json';
const JOURNAL_SUMMARIES = '_journal/summaries/';

export interface ArchiveParts {
  /** Every entry name, in central-directory order. */
  names: string[];
  /** header.json's text, when asked for and present. */
  header?: string;
  samples: InspectSamples;
}

/** An archive's per-sample data, and its header text when `withHeader`. Throws on a damaged archive. */
export function readArchiveParts(bytes: Uint8Array, withHeader: boolean): ArchiveParts {
  const { names, entries } = readZipEntries(bytes, (name) => (withHeader && name === INSPECT_HEADER) || name === REDUCTIONS || name === SUMMARIES);
  return {
    names,
    header: text(entries.get(INSPECT_HEADER)),
    samples: { reductions: lenientJson(text(entries.get(REDUCTIONS))), records: lenientJson(text(entries.get(SUMMARIES))) ?? journalSummaries(bytes, names) },
  };
}

/** A `.json` log's samples and reductions (older logs keep them under `results.sample_reductions`). */
export function jsonLogSamples(logText: string): InspectSamples {
  const doc = lenientJson(logText) as { samples?: unknown; reductions?: unknown; results?: { sample_reductions?: unknown } } | undefined;
  return { records: doc?.samples, reductions: doc?.reductions ?? doc?.results?.sample_reductions };
}

/** The per-sample data of the log file `name` holds, by its extension. Throws on a damaged archive. */
export function logFileSamples(name: string, bytes: Uint8Array): InspectSamples {
  // Inspect writes its logs in UTF-8.
  return /\.eval$/i.test(name) ? readArchiveParts(bytes, false).samples : jsonLogSamples(decoder.decode(bytes));
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

export function text(bytes: Uint8Array | undefined): string | undefined {
  return bytes && decoder.decode(bytes);
}
