// Tidy results tables, one score per row: CSV / TSV files, and JSONL objects (see jsonl.ts), which
// share the row logic below.
import { parse } from 'csv-parse/sync';
import type { CsvError, Options } from 'csv-parse/sync';
import { metricInfo } from '../core/metrics';
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
import { TextLocator } from './locate';
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
  /** Score may still be a percentage: decided per metric once every row is in. */
  undecided: boolean;
}

/** Turns rows into observations; percent-vs-fraction is decided at the end, per metric, over the whole file. */
export class TableCollector {
  private readonly pending: Pending[] = [];

  constructor(
    private readonly ctx: ReadContext,
    private readonly columns: ColumnMap,
  ) {}

  addRow(row: Row, rowRange: SourceRange): void {
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
    const percentColumn = this.columns.score?.percent === true;
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
    this.pending.push({ observation, undecided: !parsed.percent && !percentColumn });
  }

  /** Decides percentages and hands the observations to the context. */
  finish(): void {
    const byMetric = new Map<string, Pending[]>();
    for (const p of this.pending) {
      if (!p.undecided) continue;
      const group = byMetric.get(p.observation.metric);
      if (group) group.push(p);
      else byMetric.set(p.observation.metric, [p]);
    }
    for (const [metric, group] of byMetric) {
      // Per metric name, so a BLEU or perplexity column next to accuracies keeps its own units.
      if (!isFractionMetric(metric)) continue;
      const scores = group.map((p) => p.observation.score);
      if (!scores.some((s) => s > 1.5) || !scores.every((s) => s <= 100)) continue;
      for (const { observation: o } of group) {
        o.score /= 100;
        if (o.stderr !== undefined) o.stderr /= 100;
        if (o.baseline !== undefined) o.baseline /= 100;
        if (o.ceiling !== undefined) o.ceiling /= 100;
      }
    }
    for (const p of this.pending) this.ctx.observations.push(p.observation);
    this.pending.length = 0;
  }
}

/** A score-like cell as a fraction when the cell ("61%") or its header ("Accuracy (%)") says percent. */
function scaledScore(parsed: { value: Parsed; percent: boolean }, percentColumn: boolean | undefined): Parsed {
  return typeof parsed.value === 'number' && (parsed.percent || percentColumn) ? parsed.value / 100 : parsed.value;
}

/** Metrics whose natural range tops out at 1 (accuracies…) or is unknown: the ones a table may give in percent. */
function isFractionMetric(metric: string): boolean {
  const info = metricInfo(metric);
  if (info.range) return info.range[1] === 1;
  return info.metricClass === 'unknown';
}

// ---- CSV / TSV ----

const LINE_BREAK = /\r\n?|\n/g;

/** Reads a delimited table; null format when the header names no model, task and score columns. */
export function readDelimitedText(file: string, text: string, format: FormatId, defaultDelimiter: string): ReadResult {
  const found = findHeader(text, defaultDelimiter);
  if (!found) return emptyResult();
  const { header, columns, options, start: headerStart } = found;
  const delimiter = options.delimiter;

  const locator = new TextLocator(file, text);
  const ctx = new ReadContext(locator);
  const headerLineIndex = locator.lines.lineOf(headerStart);
  if (found.preamble) ctx.report('info', locator.range(found.preamble.start, found.preamble.length), `not read: the table's header is on line ${headerLineIndex + 1}`);
  const collector = new TableCollector(ctx, columns);
  const errorLine = (err: CsvError) => locator.lineRange(headerLineIndex + Math.max(0, (err.lines ?? 1) - 1));
  let records: { record: string[]; raw: string }[] = [];
  // on_skip exists in csv-parse 5.6 but not in its type declarations.
  const fullOptions: Options & { on_skip: (err: CsvError | undefined) => void } = {
    ...options,
    raw: true,
    skip_records_with_error: true,
    on_skip: (err) => {
      if (err) ctx.report('error', errorLine(err), `CSV error: ${err.message}`);
    },
  };
  try {
    records = parse(headerStart > 0 ? text.slice(headerStart) : text, fullOptions) as { record: string[]; raw: string }[];
  } catch (e) {
    const err = e as CsvError;
    ctx.report('error', errorLine(err), `CSV error: ${err.message}`);
  }

  const fieldIndexes = Object.entries(columns) as [Field, { index: number }][];
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
    const row: Row = {};
    for (const [field, { index }] of fieldIndexes) {
      if (index >= record.length) continue;
      const span = exact ? spans[index] : undefined;
      row[field] = { value: record[index], range: span ? locator.range(rowStart + span[0], span[1] - span[0]) : rowRange };
    }
    collector.addRow(row, rowRange);
  }
  collector.finish();
  return ctx.result(format);
}

/** Lines above the header tolerated (a title, a comment, a generator's note); a table's header is within them. */
const MAX_PREAMBLE_LINES = 10;

interface FoundHeader {
  header: string[];
  columns: ColumnMap;
  /** Offset of the header line. */
  start: number;
  /** What stands above the header, not blank. */
  preamble?: { start: number; length: number };
  options: { delimiter: string; record_delimiter: string; relax_column_count: true; relax_quotes: true; skip_empty_lines: true };
}

/** The first line among the first few that names a model, a task and a score column: it alone decides, before the whole file is parsed. */
function findHeader(text: string, defaultDelimiter: string): FoundHeader | undefined {
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
    const columns = header ? mapColumns(header) : {};
    if (header && isResultsTable(columns)) {
      const preamble = start > first ? { start: first, length: text.slice(first, start).trimEnd().length } : undefined;
      return { header, columns, start, preamble, options };
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
