// JSON Lines, streamed one line at a time (per-sample logs reach hundreds of megabytes):
// - lm-eval per-sample logs (`doc_id` on the first record): re-scored record by record (samples.ts);
// - tidy rows, one score per object, read with the table column logic;
// - a whole JSON document in a .jsonl file (lm-eval v0.4.0–0.4.2 writes results and sample arrays
//   under that extension): buffered and read as JSON at the end; a sample array is cut into records instead.
import type { ReadResult, SourceRange } from '../core/types';
import { isResultsTable, mapColumns, type CellValue, type ColumnMap } from './columns';
import { forEachProperty, parseJsonTree, type JsonNode } from './json-tree';
import { LineLocator } from './locate';
import { ReadContext, emptyResult, fileStart } from './read-context';
import { SampleArrayScanner, SamplesReader } from './samples';
import { isSampleRecord, sniffJsonDocument } from './sniff';
import { TableCollector, type Row } from './table';

export interface JsonlReader {
  line(text: string, lineIndex: number): void;
  finish(): ReadResult;
}

/** Reads a whole JSON document's text (provided by index.ts to avoid an import cycle). */
export type JsonDocumentReader = (file: string, text: string) => ReadResult;

type Mode = 'undecided' | 'table' | 'samples' | 'document' | 'none';

/**
 * Lines read before the first result row or sample record: a metadata line or a few broken lines may come first.
 * Past this many without one, the file is not JSONL results (a data set, a log) and the rest goes unread.
 */
const MAX_LEADING_LINES = 100;
const SAMPLE_KEY_LINE = /^\s*\{?\s*"doc_id"\s*:/;
const KEY = /"((?:[^"\\]|\\.){1,64})"\s*:/g;

/**
 * Cuts text, whole or in chunks, into JSON Lines. A record ends at `\n` (a `\r` before it is dropped); a lone `\r`
 * is whitespace inside a record to JSON, but editors count it as a line break, so it moves the line number on.
 */
export class JsonlLineSplitter {
  private parts: string[] = [];
  private line = 0;

  constructor(private readonly emit: (text: string, line: number) => void) {}

  push(chunk: string): void {
    let start = 0;
    for (let end = chunk.indexOf('\n'); end >= 0; end = chunk.indexOf('\n', start)) {
      this.parts.push(chunk.slice(start, end));
      this.flush();
      start = end + 1;
    }
    if (start < chunk.length) this.parts.push(chunk.slice(start));
  }

  end(): void {
    if (this.parts.length) this.flush();
  }

  private flush(): void {
    let text = this.parts.length === 1 ? this.parts[0] : this.parts.join('');
    this.parts = [];
    if (text.endsWith('\r')) text = text.slice(0, -1);
    this.emit(text, this.line);
    this.line += 1 + countOf(text, '\r');
  }
}

export class JsonlResultsReader implements JsonlReader {
  private mode: Mode = 'undecided';
  private readonly ctx: ReadContext;
  private collector: TableCollector | undefined;
  private readonly columnCache = new Map<string, ColumnMap>();
  private leadingLines = 0;
  /** Objects before the first result row or record, reported once the file turns out to hold results. */
  private leadingObjects: SourceRange[] = [];
  /** A line that did not parse but has a result row's or a sample record's keys. */
  private brokenResultLine = false;
  private document: string[] = [];
  /** Editor lines the buffered document spans (a lone CR makes a line two). */
  private documentLines = 0;
  /** The document began with a lone bracket: if it does not read as one document, its lines are read as JSONL. */
  private documentFromBracket = false;
  private samples: SamplesReader | undefined;
  /** Set for a sample array (v0.4.0–0.4.2), whose records span lines. */
  private sampleArray: SampleArrayScanner | undefined;

  constructor(
    private readonly file: string,
    private readonly readDocument: JsonDocumentReader,
    /** Lines of a document that did not read as one: a lone bracket is then a broken line, not a document. */
    private readonly linesOnly = false,
  ) {
    // Every line gets its own LineLocator; the context only collects (its locator stays unused).
    this.ctx = new ReadContext(new LineLocator(file, 0, ''));
  }

  line(raw: string, lineIndex: number): void {
    if (this.mode === 'none') return;
    const text = lineIndex === 0 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    if (this.mode === 'samples') return this.sampleArray ? this.sampleArray.line(text) : this.samples!.line(text, lineIndex);
    if (this.mode === 'document') return this.bufferDocumentLine(text, lineIndex);
    if (isBlank(text)) return;
    if (this.mode === 'undecided' && !this.linesOnly && /^\s*[[{]\s*$/.test(text)) {
      // A pretty-printed JSON document starts with a lone bracket.
      this.mode = 'document';
      this.documentFromBracket = true;
      return this.bufferDocumentLine(text, lineIndex);
    }
    const locator = new LineLocator(this.file, lineIndex, text);
    const tree = parseJsonTree(text);
    for (const e of tree.errors) if (e.tooDeep) this.ctx.report('error', locator.range(e.offset, e.length), e.message);
    const broken = tree.errors.find((e) => !e.tooDeep);
    if (broken || !tree.root) {
      this.ctx.report('error', locator.range(broken?.offset ?? 0, broken?.length ?? 0), broken?.message ?? 'unreadable line');
      if (this.mode === 'undecided') {
        this.brokenResultLine ||= this.looksLikeResultLine(text);
        this.countLeadingLine();
      }
      return;
    }
    if (this.mode === 'undecided') this.decide(tree.root, text, lineIndex, locator);
    if (this.mode === 'table') this.readRow(tree.root, locator);
  }

  finish(): ReadResult {
    switch (this.mode) {
      case 'table':
        this.collector!.finish();
        return this.ctx.result('table-jsonl');
      case 'samples': {
        const result = this.samples!.finish();
        // Lines that broke before the first record are problems of the log too.
        for (const p of this.ctx.problems) result.problems.push(p);
        return result;
      }
      case 'document':
        return this.finishDocument();
      default:
        // Broken lines with a result's keys and nothing readable: the file says why it gave nothing.
        return this.brokenResultLine ? this.ctx.result('table-jsonl') : emptyResult();
    }
  }

  private finishDocument(): ReadResult {
    const result = this.readDocument(this.file, this.document.join('\n'));
    if (result.format !== null || !this.documentFromBracket) return result;
    // A stray bracket on a line of its own above JSON Lines.
    const lines = new JsonlResultsReader(this.file, this.readDocument, true);
    let line = 0;
    for (const text of this.document) {
      lines.line(text, line);
      line += 1 + countOf(text, '\r');
    }
    const rows = lines.finish();
    // Object lines above the bracket (a metadata line) are the rows' leading lines too.
    if (rows.format !== null) for (const range of this.leadingObjects) rows.problems.push({ range, severity: 'warning', message: 'not a record of this file (a metadata line?): skipped' });
    return rows;
  }

  /** Internal failure: reported once, the rest of the file ignored. */
  fail(message: string): void {
    this.ctx.problems.length = 0;
    this.ctx.report('error', fileStart(this.file), message);
    this.mode = 'none';
  }

  get failedResult(): ReadResult {
    return { format: null, observations: [], problems: this.ctx.problems };
  }

  private decide(root: JsonNode, text: string, lineIndex: number, locator: LineLocator): void {
    if (root.type !== 'object') return this.countLeadingLine();
    if (isSampleRecord(root)) {
      this.reportLeadingObjects('not a per-sample record (no doc_id): skipped');
      this.mode = 'samples';
      this.samples = new SamplesReader(this.file);
      this.samples.line(text, lineIndex);
      return;
    }
    if (sniffJsonDocument(root, false)) {
      // A whole results document written on one line.
      this.mode = 'document';
      this.bufferDocumentLine(text, lineIndex);
      return;
    }
    const columns = this.columnsOf(root);
    if (!isResultsTable(columns)) {
      // A metadata line, or another kind of record: results may still follow.
      if (this.leadingObjects.length < MAX_LEADING_LINES) this.leadingObjects.push(locator.range(0, text.length));
      return this.countLeadingLine();
    }
    this.reportLeadingObjects('not a results row (no model, task and score keys): skipped');
    this.mode = 'table';
    this.collector = new TableCollector(this.ctx, columns);
  }

  private reportLeadingObjects(message: string): void {
    for (const range of this.leadingObjects) this.ctx.report('warning', range, message);
    this.leadingObjects = [];
  }

  private countLeadingLine(): void {
    if (++this.leadingLines >= MAX_LEADING_LINES) this.mode = 'none';
  }

  /** Whether a line that did not parse has the keys of a result row (a cut one may have lost its last) or of a per-sample record. */
  private looksLikeResultLine(text: string): boolean {
    if (SAMPLE_KEY_LINE.test(text)) return true;
    const columns = mapColumns(Array.from(text.slice(0, 4096).matchAll(KEY), (m) => m[1]));
    return columns.model !== undefined && (columns.task !== undefined || columns.score !== undefined);
  }

  private bufferDocumentLine(text: string, lineIndex: number): void {
    // Sample arrays are recognised by their first record and never buffered.
    if (this.document.length < 200 && this.document[0]?.trim() === '[' && SAMPLE_KEY_LINE.test(text)) {
      this.mode = 'samples';
      this.samples = new SamplesReader(this.file);
      this.sampleArray = new SampleArrayScanner(this.samples);
      for (const earlier of [...this.document, text]) this.sampleArray.line(earlier ?? '');
      this.document = [];
      return;
    }
    // Lines skipped before the document began (blank ones) keep their place.
    for (; this.documentLines < lineIndex; this.documentLines++) this.document.push('');
    this.document.push(text);
    this.documentLines += 1 + countOf(text, '\r');
  }

  private columnsOf(root: JsonNode): ColumnMap {
    const keys: string[] = [];
    forEachProperty(root, (key) => keys.push(key));
    const signature = keys.join('\u0000');
    let columns = this.columnCache.get(signature);
    if (!columns) {
      columns = mapColumns(keys);
      this.columnCache.set(signature, columns);
    }
    return columns;
  }

  private readRow(root: JsonNode, locator: LineLocator): void {
    const lineRange: SourceRange = locator.range(0, Number.MAX_SAFE_INTEGER);
    if (root.type !== 'object') {
      this.ctx.report('warning', lineRange, 'line is not a JSON object: skipped');
      return;
    }
    const values = root.children ?? [];
    const columns = this.columnsOf(root);
    const row: Row = {};
    for (const [field, column] of Object.entries(columns)) {
      const node = values[column!.index];
      if (node) row[field as keyof Row] = { value: cellValue(node), range: locator.range(node.offset, node.length) };
    }
    // Rows whose keys differ from the first row's are read with their own columns, against the
    // first row's units; a row without a score column gets a warning from the collector.
    this.collector!.addRow(row, lineRange);
  }
}

function cellValue(node: JsonNode): CellValue {
  switch (node.type) {
    case 'number':
    case 'string':
    case 'boolean':
      return node.value as CellValue;
    case 'null':
      return null;
    default:
      return `${node.type}`; // objects / arrays: reported as "not a number" where a number is needed
  }
}

function isBlank(text: string): boolean {
  return !/\S/.test(text);
}

function countOf(text: string, char: string): number {
  let n = 0;
  for (let i = text.indexOf(char); i >= 0; i = text.indexOf(char, i + 1)) n++;
  return n;
}
