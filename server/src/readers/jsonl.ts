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

/** Malformed lines tolerated before the first good one; past that the file is not JSONL results. */
const MAX_UNDECIDED_BAD_LINES = 20;
const SAMPLE_KEY_LINE = /^\s*\{?\s*"doc_id"\s*:/;

export class JsonlResultsReader implements JsonlReader {
  private mode: Mode = 'undecided';
  private readonly ctx: ReadContext;
  private collector: TableCollector | undefined;
  private readonly columnCache = new Map<string, ColumnMap>();
  private badLines = 0;
  private document: string[] = [];
  private samples: SamplesReader | undefined;
  /** Set for a sample array (v0.4.0–0.4.2), whose records span lines. */
  private sampleArray: SampleArrayScanner | undefined;

  constructor(
    private readonly file: string,
    private readonly readDocument: JsonDocumentReader,
  ) {
    // Every line gets its own LineLocator; the context only collects (its locator stays unused).
    this.ctx = new ReadContext(new LineLocator(file, 0, 0));
  }

  line(raw: string, lineIndex: number): void {
    if (this.mode === 'none') return;
    const text = lineIndex === 0 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    if (this.mode === 'samples') return this.sampleArray ? this.sampleArray.line(text) : this.samples!.line(text, lineIndex);
    if (this.mode === 'document') return this.bufferDocumentLine(text, lineIndex);
    if (isBlank(text)) return;
    if (this.mode === 'undecided' && /^\s*[[{]\s*$/.test(text)) {
      // A pretty-printed JSON document starts with a lone bracket.
      this.mode = 'document';
      return this.bufferDocumentLine(text, lineIndex);
    }
    const locator = new LineLocator(this.file, lineIndex, text.length);
    const tree = parseJsonTree(text);
    if (tree.errors.length > 0 || !tree.root) {
      const e = tree.errors[0];
      this.ctx.report('error', locator.range(e?.offset ?? 0, e?.length ?? 0), e?.message ?? 'unreadable line');
      if (this.mode === 'undecided' && ++this.badLines > MAX_UNDECIDED_BAD_LINES) this.mode = 'none';
      return;
    }
    if (this.mode === 'undecided') this.decide(tree.root, text, lineIndex);
    if (this.mode === 'table') this.readRow(tree.root, locator);
  }

  finish(): ReadResult {
    switch (this.mode) {
      case 'table':
        this.collector!.finish();
        return this.ctx.result('table-jsonl');
      case 'samples':
        return this.samples!.finish();
      case 'document':
        return this.readDocument(this.file, this.document.join('\n'));
      default:
        return emptyResult();
    }
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

  private decide(root: JsonNode, text: string, lineIndex: number): void {
    if (root.type !== 'object') {
      this.mode = 'none';
      return;
    }
    if (isSampleRecord(root)) {
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
      this.mode = 'none';
      return;
    }
    this.mode = 'table';
    this.collector = new TableCollector(this.ctx, columns);
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
    while (this.document.length < lineIndex) this.document.push('');
    this.document[lineIndex] = text;
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
