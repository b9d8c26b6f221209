// Entry points of the format readers: which reader a file needs, and a guard so a reader bug becomes
// a Problem instead of a crash. Readers know nothing about editors: plain text in, plain data out.
import type { ReadResult } from '../core/types';
import { readBigBench } from './big-bench';
import { mayBeHarnessJson, readHarnessJson, sniffHarnessJson } from './harness-formats';
import { parseJsonTree } from './json-tree';
import { JsonlResultsReader, type JsonlReader } from './jsonl';
import { readLmEval } from './lm-eval';
import { TextLocator } from './locate';
import { NO_NEIGHBOURS, type Neighbours } from './neighbours';
import { ReadContext, emptyResult, fileStart } from './read-context';
import { UNREAD_TOP_LEVEL_KEYS, firstNonSpace, isSamplesArrayText, mayBeResultsJson, sniffJsonDocument } from './sniff';
import { SampleArrayScanner, SamplesReader } from './samples';
import { readDelimitedText } from './table';
import { readWideText } from './wide-table';

export type { JsonlReader } from './jsonl';
export type { Neighbours } from './neighbours';
export { isBinaryResultsFile, readResultsBytes } from './binary';

// Parquet files are data sets as often as results: only lighteval's details files are read.
const CANDIDATE = /\.(jsonl?|csv|tsv|eval)$|(^|[\\/])details_[^\\/]*\.parquet$/i;

/** Files worth reading: .json .jsonl .csv .tsv, Inspect's .eval and lighteval's details_….parquet (any case). */
export function isCandidateFile(file: string): boolean {
  return CANDIDATE.test(file);
}

/**
 * Reads one file's text; the extension picks the reader, the content confirms it. Never throws.
 * @param neighbours files beside it, for formats that spread a run over several (HELM's run_spec.json)
 */
export function readResultsText(file: string, text: string, neighbours: Neighbours = NO_NEIGHBOURS): ReadResult {
  return guarded(file, () => {
    // Editors do not count a byte-order mark as a character, so positions are taken without it.
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    const ext = /\.([^./\\]+)$/.exec(file)?.[1].toLowerCase();
    switch (ext) {
      case 'jsonl':
        return readJsonlText(file, body);
      case 'csv':
        return orElse(readDelimitedText(file, body, 'table-csv', ','), () => readWideText(file, body, 'wide-csv', ','));
      case 'tsv':
        return orElse(readDelimitedText(file, body, 'table-tsv', '\t'), () => readWideText(file, body, 'wide-tsv', '\t'));
      default: {
        // .json, or no known extension: only something that starts like JSON is worth a look.
        const first = firstNonSpace(body);
        return ext === 'json' || first === '{' || first === '[' ? readJsonText(file, body, neighbours) : emptyResult();
      }
    }
  });
}

/** Incremental JSONL reading for large files fed line by line (line breaks removed). Never throws. */
export function createJsonlReader(file: string): JsonlReader {
  const reader = new JsonlResultsReader(file, readJsonDocument);
  let failed = false;
  const fail = (e: unknown) => {
    failed = true;
    reader.fail(internalErrorMessage(file, e));
  };
  return {
    line(text: string, lineIndex: number): void {
      if (failed) return;
      try {
        reader.line(text, lineIndex);
      } catch (e) {
        fail(e);
      }
    },
    finish(): ReadResult {
      if (!failed) {
        try {
          return reader.finish();
        } catch (e) {
          fail(e);
        }
      }
      return reader.failedResult;
    },
  };
}

function readJsonText(file: string, text: string, neighbours: Neighbours): ReadResult {
  // lm-eval v0.4.0–0.4.2 wrote per-sample logs as one array; HELM's statistics are arrays too.
  if (firstNonSpace(text) === '[' && isSamplesArrayText(text)) return readSamplesArray(file, text);
  if (looksLikeJsonLines(text)) return readJsonlText(file, text);
  return readJsonDocument(file, text, neighbours);
}

/** One JSON document, however its lines look: the JSONL reader's fallback, so the two never call each other in a loop. */
function readJsonDocument(file: string, text: string, neighbours: Neighbours = NO_NEIGHBOURS): ReadResult {
  const harness = mayBeHarnessJson(text);
  if (!harness && !mayBeResultsJson(text)) return emptyResult();
  const tree = parseJsonTree(text, UNREAD_TOP_LEVEL_KEYS);
  const harnessFormat = harness ? sniffHarnessJson(tree.root) : null;
  const format = harnessFormat ?? (firstNonSpace(text) === '[' ? null : sniffJsonDocument(tree.root, tree.errors.length > 0));
  if (!format || !tree.root) return emptyResult();
  if (format === 'lm-eval-samples') return { format, observations: [], problems: [] };

  const ctx = new ReadContext(new TextLocator(file, text, tree.lineStarts));
  for (const e of tree.errors) ctx.error(e.offset, e.length, e.message);
  if (harnessFormat) readHarnessJson(ctx, tree.root, harnessFormat, text, neighbours);
  else if (format === 'big-bench') readBigBench(ctx, tree.root);
  else readLmEval(ctx, tree.root, format === 'lm-eval-v0.4' ? 'v0.4' : 'v0.3');
  return ctx.result(format);
}

function readSamplesArray(file: string, text: string): ReadResult {
  const reader = new SamplesReader(file);
  const scanner = new SampleArrayScanner(reader);
  for (const line of text.split('\n')) scanner.line(line);
  return reader.finish();
}

function readJsonlText(file: string, text: string): ReadResult {
  const reader = createJsonlReader(file);
  let line = 0;
  let start = 0;
  while (start <= text.length) {
    let end = start;
    while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    reader.line(text.slice(start, end), line++);
    if (end >= text.length) break;
    start = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
  }
  return reader.finish();
}

/** One JSON object per line saved as .json: the first two non-blank lines are each a whole object. */
function looksLikeJsonLines(text: string): boolean {
  let start = 0;
  let objects = 0;
  while (objects < 2 && start < text.length) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end < 0 ? text.length : end).trim();
    start = end < 0 ? text.length : end + 1;
    if (!line) continue;
    // A pretty-printed document fails here on its first line ("{").
    if (line.length < 2 || line[0] !== '{' || line[line.length - 1] !== '}') return false;
    objects++;
  }
  return objects === 2;
}

/** The first reading that recognised the file, else the second. */
function orElse(first: ReadResult, second: () => ReadResult): ReadResult {
  return first.format ? first : second();
}

function guarded(file: string, read: () => ReadResult): ReadResult {
  try {
    return read();
  } catch (e) {
    return { format: null, observations: [], problems: [{ range: fileStart(file), severity: 'error', message: internalErrorMessage(file, e) }] };
  }
}

function internalErrorMessage(file: string, e: unknown): string {
  const name = file.split(/[\\/]/).pop() ?? file;
  return `internal error reading ${name}: ${e instanceof Error ? e.message : String(e)}`;
}

