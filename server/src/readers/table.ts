// Tidy results tables, one score per row: CSV / TSV files, and JSONL objects (see jsonl.ts), which
// share the row logic below.
import { parse } from 'csv-parse/sync';
import type { CsvError, Options } from 'csv-parse/sync';
import type { FormatId, ModelInfo, Observation, ReadResult, SourceRange } from '../core/types';
import {
  isResultsTable,
  mapColumns,
  parseCount,
  parseQuantity,
  parseScore,
  textOf,
  type CellValue,
  type ColumnMap,
  type Field,
  type Parsed,
} from './columns';
import { groupFamilylessModels } from './file-family';
import { TextLocator } from './locate';
import { percentToFractions } from './percent';
import { normalizePrompting, splitPrompting, stepFromRevision } from './model-identity';
import { ReadContext, emptyResult } from './read-context';

export interface Cell {
  value: CellValue;
  range: SourceRange;
}

/** A row's cells by field (only the fields the table has). */
export type Row = Partial<Record<Field, Cell>>;

interface Pending {
  observation: Observation;
  /** Score may still be a percentage: decided per metric (or per column of a wide table) once every row is in. */
  undecided: boolean;
  unitGroup: string;
}

/** A wide table's score column: percent or fraction is decided per column, not per metric name. */
interface ScoreColumn {
  key: string;
  percent?: boolean;
}

/** Turns rows into observations; percent-vs-fraction is decided at the end, per metric, over the whole file. */
export class TableCollector {
  private readonly pending: Pending[] = [];

  /** @param fileFamily models without a family and a stem in common are read as one family (file-family.ts) */
  constructor(
    private readonly ctx: ReadContext,
    private readonly columns: ColumnMap,
    private readonly fileFamily = true,
  ) {}

  addRow(row: Row, rowRange: SourceRange, column?: ScoreColumn): void {
    const ctx = this.ctx;
    const warn = (cell: Cell | undefined, message: string): undefined => {
      ctx.report('warning', cell?.range ?? rowRange, message);
      return undefined;
    };

    const model = textOf(row.model?.value);
    const rawTask = textOf(row.task?.value);
    if (!model || !rawTask) {
      warn(model ? row.task : row.model, `row has no ${model ? 'task' : 'model'}: skipped`);
      return;
    }
    const scoreCell = row.score;
    const parsed = parseScore(scoreCell?.value);
    const percentColumn = (column ?? this.columns.score)?.percent === true;
    const score = scaledScore(parsed, percentColumn);
    if (typeof score !== 'number') {
      const what = score === 'missing' ? 'no score' : `score "${String(scoreCell?.value)}" is not a number`;
      warn(scoreCell, `${rawTask} / ${model}: ${what}: row skipped`);
      return;
    }

    const number = (field: Field, parse: (v: CellValue) => Parsed, label: string, min = 0): number | undefined => {
      const cell = row[field];
      if (!cell) return undefined;
      const value = parse(cell.value);
      if (value === 'missing') return undefined;
      if (value === 'invalid') return warn(cell, `${label} "${String(cell.value)}" is not a number: ignored`);
      if (value < min) return warn(cell, `${label} ${value} is ${min > 0 ? 'not positive' : 'negative'}: ignored`);
      return value;
    };
    // Sizes must be positive; a zero or negative size is a typo, not a model.
    const quantity = (field: Field, label: string) =>
      number(field, (v) => parseQuantity(v, this.columns[field]?.scale), label, Number.MIN_VALUE);
    const fraction = (field: Field, label: string, min: number) =>
      number(field, (v) => scaledScore(parseScore(v), this.columns[field]?.percent), label, min);

    const params = quantity('params', 'parameter count');
    const revision = textOf(row.revision?.value);
    const modelInfo: ModelInfo = {
      name: model,
      family: textOf(row.family?.value),
      params,
      nonEmbeddingParams:
        this.columns.nonEmbeddingParams?.index === this.columns.params?.index ? params : quantity('nonEmbeddingParams', 'non-embedding parameter count'),
      flops: quantity('flops', 'FLOPs'),
      tokens: quantity('tokens', 'token count'),
      revision,
      step: number('step', parseCount, 'step') ?? stepFromRevision(revision),
      range: row.model?.range,
    };
    // Without a prompting column the task name's `cot` token says it (as in lm-eval).
    const prompting = row.prompting ? { task: rawTask, prompting: normalizePrompting(textOf(row.prompting.value)) } : splitPrompting(rawTask);
    const observation: Observation = {
      task: prompting.task,
      subtask: textOf(row.subtask?.value),
      metric: textOf(row.metric?.value) ?? 'score',
      filter: textOf(row.filter?.value),
      model: modelInfo,
      score,
      stderr: fraction('stderr', 'stderr', 0),
      n: number('n', parseCount, 'n'),
      baseline: fraction('baseline', 'baseline', -Infinity),
      ceiling: fraction('ceiling', 'ceiling', -Infinity),
      shots: number('shots', parseCount, 'shots'),
      prompting: prompting.prompting,
      range: scoreCell!.range,
    };
    this.pending.push({ observation, undecided: !parsed.percent && !percentColumn, unitGroup: column?.key ?? observation.metric });
  }

  /** Decides percentages and hands the observations to the context. */
  finish(): void {
    const undecided = this.pending.filter((p) => p.undecided);
    const unitOf = new Map(undecided.map((p) => [p.observation, p.unitGroup]));
    // Per column of a wide table, per metric of a tidy one: a BLEU or perplexity next to accuracies keeps its units.
    percentToFractions(
      undecided.map((p) => p.observation),
      { unknownToo: true, groupOf: (o) => unitOf.get(o)! },
    );
    const observations = this.pending.map((p) => p.observation);
    if (this.fileFamily && !this.columns.family) groupFamilylessModels(this.ctx, observations);
    for (const o of observations) this.ctx.observations.push(o);
    this.pending.length = 0;
  }
}

/** A score-like cell as a fraction when the cell ("61%") or its header ("Accuracy (%)") says percent. */
function scaledScore(parsed: { value: Parsed; percent: boolean }, percentColumn: boolean | undefined): Parsed {
  return typeof parsed.value === 'number' && (parsed.percent || percentColumn) ? parsed.value / 100 : parsed.value;
}


// ---- CSV / TSV ----

/** What the records of a delimited table mean: tidy rows (one score each) or a wide table (wide-table.ts). */
export interface TableLayout {
  format: FormatId;
  /** One record: `cell(i)` is its i-th cell (undefined past its end), with the cell's range. */
  record(cell: (index: number) => Cell | undefined, rowRange: SourceRange): void;
  /** False when the rows show the table is not results after all (a wide table whose rows are no models). */
  finish(): boolean | void;
}

/** Reads a delimited table; null format when the header names no model, task and score columns. */
export function readDelimitedText(file: string, text: string, format: FormatId, defaultDelimiter: string): ReadResult {
  return readDelimitedRecords(file, text, defaultDelimiter, (header, ctx) => tidyLayout(header, ctx, format));
}

function tidyLayout(header: string[], ctx: ReadContext, format: FormatId): TableLayout | undefined {
  const columns = mapColumns(header);
  if (!isResultsTable(columns)) return undefined;
  const collector = new TableCollector(ctx, columns);
  const fieldIndexes = Object.entries(columns) as [Field, { index: number }][];
  return {
    format,
    record(cell, rowRange) {
      const row: Row = {};
      for (const [field, { index }] of fieldIndexes) {
        const c = cell(index);
        if (c) row[field] = c;
      }
      collector.addRow(row, rowRange);
    },
    finish: () => collector.finish(),
  };
}

/** Lines above the header tolerated (a title, a comment, a generator's note); a table's header is within them. */
const MAX_PREAMBLE_LINES = 10;
const LINE_BREAK = /\r\n?|\n/g;

/**
 * The header alone decides the layout (before the whole file is parsed); each record then goes to it with the range of
 * every cell. The header is the first of the first few lines that a layout takes. Empty result when none does.
 */
export function readDelimitedRecords(
  file: string,
  text: string,
  defaultDelimiter: string,
  layoutFor: (header: string[], ctx: ReadContext, headerRange: (index: number) => SourceRange) => TableLayout | undefined,
): ReadResult {
  const locator = new TextLocator(file, text);
  const found = findHeader(text, defaultDelimiter, locator, layoutFor);
  if (!found) return emptyResult();
  const { header, ctx, layout, options, start: headerStart } = found;
  const delimiter = options.delimiter;
  const headerLineIndex = locator.lines.lineOf(headerStart);
  if (found.preamble) ctx.report('info', locator.range(found.preamble.start, found.preamble.length), `not read: the table's header is on line ${headerLineIndex + 1}`);
  const errorLine = (err: CsvError) => locator.lineRange(headerLineIndex + Math.max(0, (err.lines ?? 1) - 1));

  let records: { record: string[]; raw: string }[] = [];
  // on_skip exists in csv-parse 5.6 but not in its type declarations.
  const fullOptions: Options & { on_skip: (err: CsvError | undefined) => void } = Object.assign({}, options, {
    raw: true,
    skip_records_with_error: true,
    on_skip: (err: CsvError | undefined) => {
      if (err) ctx.report('error', errorLine(err), `CSV error: ${err.message}`);
    },
  });
  try {
    records = parse(headerStart > 0 ? text.slice(headerStart) : text, fullOptions) as { record: string[]; raw: string }[];
  } catch (e) {
    const err = e as CsvError;
    ctx.report('error', errorLine(err), `CSV error: ${err.message}`);
  }

  let cursor = headerStart;
  for (let r = 0; r < records.length; r++) {
    const { record, raw } = records[r];
    // Records are contiguous in the text; a skipped (erroneous) record makes us search forward.
    let start = text.startsWith(raw, cursor) ? cursor : text.indexOf(raw, cursor);
    if (start < 0) start = cursor;
    cursor = start + raw.length;
    if (r === 0) continue; // header
    const lead = /^[\r\n]*/.exec(raw)![0].length;
    const body = raw.slice(lead).replace(/[\r\n]+$/, '');
    const rowStart = start + lead;
    const rowRange = locator.range(rowStart, body.length);
    if (record.length !== header.length) {
      ctx.report('warning', rowRange, `row has ${record.length} cells but the header has ${header.length}`);
    }
    const spans = cellSpans(body, delimiter);
    const exact = spans.length === record.length;
    layout.record((index) => {
      if (index >= record.length) return undefined;
      const span = exact ? spans[index] : undefined;
      return { value: record[index], range: span ? locator.range(rowStart + span[0], span[1] - span[0]) : rowRange };
    }, rowRange);
  }
  if (layout.finish() === false) return emptyResult();
  return ctx.result(layout.format);
}


interface FoundHeader {
  header: string[];
  layout: TableLayout;
  ctx: ReadContext;
  /** Offset of the header line. */
  start: number;
  /** What stands above the header, not blank. */
  preamble?: { start: number; length: number };
  options: { delimiter: string; record_delimiter: string; relax_column_count: true; relax_quotes: true; skip_empty_lines: true };
}

/** The first line among the first few that a layout takes (each tried with a context of its own, dropped if not taken). */
function findHeader(
  text: string,
  defaultDelimiter: string,
  locator: TextLocator,
  layoutFor: (header: string[], ctx: ReadContext, headerRange: (index: number) => SourceRange) => TableLayout | undefined,
): FoundHeader | undefined {
  let start = Math.max(0, text.search(/[^\r\n]/));
  const first = start;
  for (let tried = 0; tried < MAX_PREAMBLE_LINES && start < text.length; tried++) {
    LINE_BREAK.lastIndex = start;
    const lineBreak = LINE_BREAK.exec(text);
    const end = lineBreak ? lineBreak.index : text.length;
    const line = text.slice(start, end);
    const options = {
      delimiter: guessDelimiter(line, defaultDelimiter),
      // The header's line break, as csv-parse would discover it; found here because its discovery rescans a long
      // first line for every chunk (10 s for a 10 MB line).
      record_delimiter: lineBreak?.[0] ?? '\n',
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
    } as const;
    let header: string[] | undefined;
    try {
      header = (parse(line, options) as string[][])[0];
    } catch {
      header = undefined;
    }
    if (header) {
      const spans = cellSpans(line, options.delimiter);
      const lineStart = start;
      const headerRange = (index: number) => {
        const span = spans.length === header!.length ? spans[index] : undefined;
        return span ? locator.range(lineStart + span[0], span[1] - span[0]) : locator.range(lineStart, line.length);
      };
      const ctx = new ReadContext(locator);
      const layout = layoutFor(header, ctx, headerRange);
      if (layout) {
        const preamble = start > first ? { start: first, length: text.slice(first, start).trimEnd().length } : undefined;
        return { header, layout, ctx, start, preamble, options };
      }
    }
    if (!lineBreak) return undefined;
    start = lineBreak.index + lineBreak[0].length;
    while (start < text.length && (text.charCodeAt(start) === 10 || text.charCodeAt(start) === 13)) start++;
  }
  return undefined;
}

function guessDelimiter(headerLine: string, fallback: string): string {
  let best = fallback;
  let bestCount = count(headerLine, fallback);
  for (const candidate of [',', '\t', ';']) {
    const n = count(headerLine, candidate);
    if (n > bestCount) {
      best = candidate;
      bestCount = n;
    }
  }
  return best;
}

function count(text: string, char: string): number {
  let n = 0;
  for (let i = text.indexOf(char); i >= 0; i = text.indexOf(char, i + 1)) n++;
  return n;
}

/** [start, end) of each cell's content within a record's text (quotes and padding excluded). */
function cellSpans(body: string, delimiter: string): [number, number][] {
  const spans: [number, number][] = [];
  let i = 0;
  for (;;) {
    while (body[i] === ' ') i++;
    let start = i;
    let end: number;
    if (body[i] === '"') {
      start = i + 1;
      i = start;
      for (;;) {
        const q = body.indexOf('"', i);
        if (q < 0) {
          i = body.length;
          break;
        }
        if (body[q + 1] === '"') i = q + 2;
        else {
          i = q + 1;
          break;
        }
      }
      end = Math.max(start, i - 1);
      const next = body.indexOf(delimiter, i);
      i = next < 0 ? body.length : next;
    } else {
      const next = body.indexOf(delimiter, i);
      i = next < 0 ? body.length : next;
      end = i;
      while (end > start && (body[end - 1] === ' ' || body[end - 1] === '\r')) end--;
    }
    spans.push([start, end]);
    if (i >= body.length) return spans;
    i += delimiter.length;
  }
}
