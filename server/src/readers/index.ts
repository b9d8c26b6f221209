// Entry points of the format readers: which reader a file needs, and a guard so a reader bug becomes
// a Problem instead of a crash. Readers know nothing about editors: plain text in, plain data out.
// The rule every entry point keeps: a file that looks like results yields observations or a problem, never
// silence; a file that does not look like results yields nothing at all.
import type { FormatId, ReadResult } from '../core/types';
import { readBigBench } from './big-bench';
import { harnessResemblance, mayBeHarnessJson, readHarnessJson, sniffHarnessJson } from './harness-formats';
import { parseJsonTree, plainValue, type JsonNode } from './json-tree';
import { JsonlLineSplitter, JsonlResultsReader, type JsonlReader } from './jsonl';
import { readLmEval } from './lm-eval';
import { TextLocator } from './locate';
import { settleNames } from './names';
import { NO_NEIGHBOURS, type Neighbours } from './neighbours';
import { ReadContext, emptyResult, fileStart } from './read-context';
import { UNREAD_TOP_LEVEL_KEYS, firstNonSpace, isSamplesArrayText, mayBeResultsJson, resemblance, sniffJsonDocument } from './sniff';
import { SampleArrayScanner, SamplesReader } from './samples';
import { readDelimitedText } from './table';
import { readWideText } from './wide-table';

export type { JsonlReader } from './jsonl';
export type { Neighbours } from './neighbours';
export { isBinaryResultsFile, readResultsBytes } from './binary';
export { JsonlLineSplitter } from './jsonl';

// Parquet files are data sets as often as results: only lighteval's details files and per-sample logs are read.
const CANDIDATE = /\.(jsonl?|csv|tsv|eval)$|(^|[\\/])((details|samples)_[^\\/]*|emergence-lens-aggregates[^\\/]*([\\/][^\\/]*)?)\.parquet$/i;

/** Files worth reading: .json .jsonl .csv .tsv, Inspect's .eval and lighteval's details_….parquet, per-sample samples_….parquet and emergence-lens-aggregates….parquet (any case). */
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
    return finished(file, readByExtension(file, body, neighbours));
  });
}

function readByExtension(file: string, body: string, neighbours: Neighbours): ReadResult {
  {
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
  }
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
          return finished(file, reader.finish());
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
  const document = readJsonDocument(file, text, neighbours);
  // Rows saved as .json behind a stray or damaged first line: no document reads, but whole-object lines follow.
  if (document.observations.length === 0 && rowsFollow(text)) return readJsonlText(file, text);
  return document;
}

/** One JSON document, however its lines look: the JSONL reader's fallback, so the two never call each other in a loop. */
function readJsonDocument(file: string, text: string, neighbours: Neighbours = NO_NEIGHBOURS): ReadResult {
  // Text checks first, so that JSON of any other kind is not parsed. Each scans the whole text when its keys are
  // absent, so each runs once at most, and the harness keys are looked for only where the tree cannot tell: an
  // object's keys are in its tree (an lm-eval file has none of them, and its "results" come first), while an array
  // (HELM's statistics) and a damaged file are told by them.
  let harnessKeys: boolean | undefined;
  const hasHarnessKeys = () => (harnessKeys ??= mayBeHarnessJson(text));
  const keys = firstNonSpace(text) === '[' ? hasHarnessKeys() || mayBeResultsJson(text) : mayBeResultsJson(text) || hasHarnessKeys();
  if (!keys) return emptyResult();
  const tree = parseJsonTree(text, UNREAD_TOP_LEVEL_KEYS);
  const damaged = tree.errors.length > 0;
  const sniffed = tree.root?.type === 'object' || hasHarnessKeys() ? sniffHarnessJson(tree.root) : null;
  const harnessFormat = sniffed ?? (damaged && hasHarnessKeys() ? harnessResemblance(text) : null);
  // A damaged or oddly shaped file that still has a results file's keys is read as far as it goes, and told.
  const format = harnessFormat ?? sniffJsonDocument(tree.root, damaged) ?? resemblance(tree.root, text, damaged);
  if (!format) return emptyResult();

  const ctx = new ReadContext(new TextLocator(file, text, tree.lineStarts));
  for (const e of tree.errors) ctx.error(e.offset, e.length, e.message);
  if (tree.root?.type === 'object') warnRepeatedKeys(ctx, tree.root, text);
  if (!tree.root) return ctx.result(format);
  if (format === 'lm-eval-samples') return readSampleNodes(file, tree.root);
  if (harnessFormat) readHarnessJson(ctx, tree.root, harnessFormat, text, neighbours);
  else if (format === 'big-bench') readBigBench(ctx, tree.root);
  else readLmEval(ctx, tree.root, format === 'lm-eval-v0.4' ? 'v0.4' : 'v0.3');
  return ctx.result(format);
}

/** Per-sample records that came as one JSON document (a single record, or an array of them). */
function readSampleNodes(file: string, root: JsonNode): ReadResult {
  const reader = new SamplesReader(file);
  for (const node of root.type === 'array' ? (root.children ?? []) : [root]) reader.record(plainValue(node));
  return reader.finish();
}

/** A top-level key written twice: the later value wins, as in every JSON reader, and the user hears of it. */
function warnRepeatedKeys(ctx: ReadContext, root: JsonNode, text: string): void {
  const keys = root.keys ?? [];
  if (new Set(keys).size === keys.length) return;
  const first = new Map<string, JsonNode>();
  keys.forEach((key, i) => {
    const value = root.children![i];
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, value);
      return;
    }
    const quoted = JSON.stringify(key);
    const at = text.lastIndexOf(quoted, value.offset);
    const line = ctx.range(earlier.offset, 0).line + 1;
    ctx.warn(at < 0 ? value.offset : at, at < 0 ? 0 : quoted.length, `${quoted} appears twice at the top level: this one replaces the one on line ${line}`);
  });
}

function readSamplesArray(file: string, text: string): ReadResult {
  const reader = new SamplesReader(file);
  const scanner = new SampleArrayScanner(reader);
  for (const line of text.split('\n')) scanner.line(line);
  return reader.finish();
}

function readJsonlText(file: string, text: string): ReadResult {
  const reader = new JsonlResultsReader(file, readJsonDocument);
  const lines = new JsonlLineSplitter((line, index) => reader.line(line, index));
  lines.push(text);
  lines.end();
  return reader.finish();
}

/** How far past bad leading lines a .json file is searched for rows, as the JSON Lines reader searches. */
const ROWS_SEARCHED = 100;

/** One JSON object per line saved as .json: the first two non-blank lines are each a whole object. */
function looksLikeJsonLines(text: string): boolean {
  const lines = nonBlankLines(text, 2);
  // A pretty-printed document fails here on its first line ("{").
  return lines.length === 2 && lines.every(isWholeObjectLine);
}

/** Whether two whole-object lines are among the first ROWS_SEARCHED non-blank lines (rows below bad ones). */
function rowsFollow(text: string): boolean {
  return nonBlankLines(text, ROWS_SEARCHED).filter(isWholeObjectLine).length >= 2;
}

/** A line that opens and closes an object; a pretty-printed document has none (its lines are keys or brackets). */
function isWholeObjectLine(line: string): boolean {
  return line.length >= 2 && line[0] === '{' && line[line.length - 1] === '}';
}

/** Up to `count` non-blank lines from the top, trimmed. */
function nonBlankLines(text: string, count: number): string[] {
  const out: string[] = [];
  for (let start = 0; out.length < count && start < text.length; ) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end < 0 ? text.length : end).trim();
    start = end < 0 ? text.length : end + 1;
    if (line) out.push(line);
  }
  return out;
}

const FORMAT_LABEL: Record<FormatId, string> = {
  'lm-eval-v0.4': 'lm-evaluation-harness results',
  'lm-eval-v0.3': 'lm-evaluation-harness results',
  'lm-eval-samples': 'an lm-evaluation-harness per-sample log',
  'big-bench': 'BIG-bench results',
  'table-csv': 'a results table',
  'table-tsv': 'a results table',
  'table-jsonl': 'a results table',
  'inspect-json': 'an Inspect log',
  'inspect-eval': 'an Inspect log',
  'inspect-eval-set': 'an Inspect eval set',
  lighteval: 'lighteval results',
  'lighteval-details': 'lighteval details',
  'helm-stats': 'HELM run statistics',
  'helm-per-instance': 'HELM per-instance statistics',
  'helm-group': 'a HELM group table',
  'wide-csv': 'a results table',
  'wide-tsv': 'a results table',
};

/** What every reader's result goes through: settled names (names.ts), and a word for a results file that gave nothing. */
function finished(file: string, result: ReadResult): ReadResult {
  settleNames(result.observations, result.problems);
  if (result.format !== null && result.observations.length === 0 && result.problems.length === 0) {
    result.problems.push({ range: fileStart(file), severity: 'warning', message: `this looks like ${FORMAT_LABEL[result.format]}, but no score could be read from it` });
  }
  return result;
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

