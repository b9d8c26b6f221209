// Wide results tables (CSV / TSV): one row per model and one column per benchmark (leaderboard exports, a paper's
// table), or the transpose, one row per benchmark and one column per model (OpenCompass's
// `dataset,version,metric,mode,<model…>`). Read when the header is no tidy table (table.ts); each score goes through
// the same row logic as a tidy row, with percent or fraction decided per column.
import { familyFromModelName, lookupRegistry, sizeFromModelName } from '../core/scale';
import type { FormatId, ReadResult, Severity, SourceRange } from '../core/types';
import { mapColumns, parseHeader, parseQuantity, parseScore, textOf, type CellValue, type ColumnMap, type Field } from './columns';
import { ReadContext } from './read-context';
import { readDelimitedRecords, TableCollector, type Cell, type Row, type TableLayout } from './table';

export function readWideText(file: string, text: string, format: FormatId, defaultDelimiter: string): ReadResult {
  return readDelimitedRecords(file, text, defaultDelimiter, (header, ctx, headerRange) => modelRows(header, ctx, headerRange, format) ?? modelColumns(header, ctx, format));
}

/** Fields that describe the model of a row rather than score it. */
const MODEL_FIELDS: Field[] = ['model', 'family', 'params', 'nonEmbeddingParams', 'flops', 'tokens', 'revision', 'step'];
/** Fields that describe the benchmark of a row in the transposed layout. */
const TASK_FIELDS: Field[] = ['task', 'subtask', 'metric', 'filter', 'shots', 'prompting', 'n', 'baseline', 'ceiling'];

/** Header words of columns that hold numbers about a model or a row, not scores: the average over benchmarks, likes, costs. */
const NOT_SCORES = new Set(['average', 'avg', 'mean', 'rank', 'hearts', 'likes', 'downloads', 'co2', 'cost', 'generation', 'date', 'year', 'id', 'index', 'sha', 'version', 'mode', 'seed', 'precision']);
/** Column groups some exports prefix their headers with. */
const GROUP_PREFIX = /^(?:metadata|meta|model)[_ ]/i;

/** `evaluations_gpqa_value` (a raw score) beside `evaluations_gpqa_normalized_score`. */
const RAW_VALUE = /^(?:evaluations?[_ ])?(.+?)[_ ]value$/i;
const NORMALIZED = /^(?:evaluations?[_ ])?(.+?)[_ ]normali[sz]ed(?:[_ ]score)?$/i;
/** `word_unscrambling_2_exact_match`: task, shots, metric. */
const TASK_SHOTS_METRIC = /^(.+?)_(\d+)_([a-z][a-z0-9_@]*)$/i;

interface ScoreColumnInfo {
  index: number;
  task: string;
  metric: string;
  shots?: number;
  percent?: boolean;
}

/** Models as rows. Undefined unless the header names a model column, and no task or score column (a tidy table missing one). */
function modelRows(header: string[], ctx: ReadContext, headerRange: (index: number) => SourceRange, format: FormatId): TableLayout | undefined {
  const columns = wideColumns(header);
  if (!columns.model || columns.task || columns.score) return undefined;
  const taken = new Set(MODEL_FIELDS.map((f) => columns[f]?.index));
  const precision = header.findIndex((h) => /^(?:model[_ ])?precision$/i.test(h.trim()));
  const raw = new Set(header.map((h) => RAW_VALUE.exec(h.trim())?.[1].toLowerCase()).filter((t) => t !== undefined));
  const candidates: ScoreColumnInfo[] = [];
  header.forEach((h, index) => {
    const name = h.trim();
    if (taken.has(index) || index === precision || !name || isNotScore(name) || /[_ ]name$/i.test(name)) return;
    const normalized = NORMALIZED.exec(name);
    if (normalized && raw.has(normalized[1].toLowerCase())) return; // the raw value is read instead
    if (normalized) {
      ctx.report('warning', headerRange(index), `${name} is rescaled above chance and floored at 0, which makes flat-then-rising curves: read as it is, since the table has no raw value beside it`);
    }
    candidates.push(scoreColumn(name, index, normalized?.[1] ?? RAW_VALUE.exec(name)?.[1]));
  });
  if (candidates.length === 0) return undefined;

  const rows: { cell: (index: number) => Cell | undefined; range: SourceRange }[] = [];
  return {
    format,
    record: (cell, range) => rows.push({ cell, range }),
    finish() {
      if (!columns.params && !columns.flops && !namesModels(rows.map((r) => textOf(r.cell(columns.model!.index)?.value)))) return false;
      const scores = candidates.filter((c) => isNumericColumn(rows.map((r) => r.cell(c.index)?.value)));
      const kept = onePerModel(ctx, rows, columns.model!.index, precision);
      const nameWins = roundedSizes(ctx, rows, columns, headerRange);
      const families = organisationFamilies(kept.map((r) => textOf(r.cell(columns.model!.index)?.value)));
      // Every score of a row repeats the row's model cells, and so would their warnings.
      const once = new OncePerPlace(ctx.locator);
      const collector = new TableCollector(once, columns, false);
      for (const { cell, range } of kept) {
        const row: Row = {};
        for (const field of MODEL_FIELDS) {
          const c = columns[field] && cell(columns[field]!.index);
          if (c) row[field] = c;
        }
        const family = !row.family && row.model && families.get(String(row.model.value));
        if (family) row.family = { value: family, range: row.model!.range };
        // A rounded 0 says "under half a billion", not a size: no size then, said once on the column.
        if (nameWins && (sizeFromModelName(String(row.model?.value ?? '')) || parseQuantity(row.params?.value, 1) === 0)) delete row.params;
        for (const s of scores) {
          const score = cell(s.index);
          if (!score) continue;
          const at = { range: score.range };
          row.task = { value: s.task, ...at };
          row.metric = { value: s.metric, ...at };
          row.shots = s.shots === undefined ? undefined : { value: s.shots, ...at };
          row.score = score;
          // Empty cells are models not run on that benchmark, not errors.
          if (parseScore(score.value).value !== 'missing') collector.addRow({ ...row }, range, { key: String(s.index), percent: s.percent });
        }
      }
      collector.finish();
      once.into(ctx);
      return true;
    },
  };
}

/** Models as columns (OpenCompass): a task column, no model and no score column; every other column is a model. */
function modelColumns(header: string[], ctx: ReadContext, format: FormatId): TableLayout | undefined {
  const columns = wideColumns(header);
  if (!columns.task || columns.model || columns.score) return undefined;
  const taken = new Set(TASK_FIELDS.map((f) => columns[f]?.index));
  const models = header.map((h, index) => ({ name: h.trim(), index })).filter(({ name, index }) => name && !taken.has(index) && !isNotScore(name));
  if (models.length === 0) return undefined;
  const collector = new TableCollector(ctx, columns, false);
  return {
    format,
    record(cell, range) {
      const row: Row = {};
      for (const field of TASK_FIELDS) {
        const c = columns[field] && cell(columns[field]!.index);
        if (c) row[field] = c;
      }
      for (const { name, index } of models) {
        const score = cell(index);
        if (!score || parseScore(score.value).value === 'missing') continue;
        collector.addRow(Object.assign({}, row, { model: { value: name, range: score.range }, score }), range);
      }
    },
    finish: () => collector.finish(),
  };
}

/** Column map with group prefixes taken off the headers ("metadata_params_billions", "model_name"). */
function wideColumns(header: string[]): ColumnMap {
  const direct = mapColumns(header);
  const stripped = mapColumns(header.map((h) => h.trim().replace(GROUP_PREFIX, '')));
  return Object.assign({}, stripped, direct);
}

/**
 * Whether a column of names holds models: more than half carry a size in the name ("pythia-1.4b") or an organisation
 * ("EleutherAI/…"). Without a size column that is all that tells a leaderboard export from any other table with a
 * name column and numbers ("name,age,city"); the registry is no help there, since it knows "ada" and "curie".
 */
function namesModels(names: (string | undefined)[]): boolean {
  const known = names.filter((n) => n && (n.includes('/') || sizeFromModelName(n)?.source === 'name')).length;
  return known * 2 > names.length;
}

function isNotScore(header: string): boolean {
  return header.toLowerCase().split(/[^a-z0-9]+/).some((word) => NOT_SCORES.has(word));
}

function scoreColumn(header: string, index: number, stem: string | undefined): ScoreColumnInfo {
  const { percent } = parseHeader(header);
  const name = (stem ?? header).replace(/\s*[([][^)\]]*[)\]]\s*$/, '');
  const pattern = stem ? undefined : TASK_SHOTS_METRIC.exec(name);
  if (pattern) return { index, task: pattern[1], shots: Number(pattern[2]), metric: pattern[3], percent };
  return { index, task: name, metric: 'score', percent };
}

/** Most cells that hold anything hold a number (a stray "-" or "N/A" is a missing value, parsed as such). */
function isNumericColumn(values: CellValue[]): boolean {
  let numbers = 0;
  let others = 0;
  for (const v of values) {
    const parsed = parseScore(v).value;
    if (typeof parsed === 'number') numbers++;
    else if (parsed === 'invalid') others++;
  }
  return numbers > 0 && numbers >= 9 * others;
}

/** Preference among the precisions one model was run at: full-precision weights first, quantised ones last. */
function precisionRank(value: CellValue): number {
  const p = String(value ?? '').toLowerCase();
  if (/^(b?float16|bf16|fp16|half|float32|fp32|float)$/.test(p)) return 0;
  if (/8bit|int8/.test(p)) return 2;
  if (/4bit|int4|gptq|awq/.test(p)) return 3;
  return 1;
}

/** Leaderboard exports list a model once per precision (or chat-template setting): one row is read, and the others say which. */
function onePerModel<R extends { cell: (index: number) => Cell | undefined; range: SourceRange }>(ctx: ReadContext, rows: R[], modelIndex: number, precision: number): R[] {
  const best = new Map<string, R>();
  const rank = (r: R) => (precision >= 0 ? precisionRank(r.cell(precision)?.value) : 0);
  for (const r of rows) {
    const name = textOf(r.cell(modelIndex)?.value);
    if (name === undefined) continue;
    const seen = best.get(name);
    if (!seen || rank(r) < rank(seen)) best.set(name, r);
  }
  return rows.filter((r) => {
    const name = textOf(r.cell(modelIndex)?.value);
    const kept = name === undefined ? r : best.get(name)!;
    if (kept === r) return true;
    const what = (x: R) => (precision >= 0 ? `${textOf(x.cell(precision)?.value) ?? 'no precision'} ` : '');
    ctx.report('info', r.cell(precision)?.range ?? r.range, `${name} is listed more than once: the ${what(kept)}row on line ${kept.range.line + 1} is read, this ${what(r)}row is skipped`);
    return false;
  });
}

/**
 * A leaderboard lists the models of every organisation, and fine-tunes share their base's name stem ("llama-160m" of
 * JackFram, "llama-39m" of Cheng98): where a stem spans organisations in the table, a model joins that family only
 * within its organisation ("llama (JackFram)"), so unrelated small models cannot make a near-chance plateau for
 * another's, unless the registry knows it or another model of its organisation by that stem (EleutherAI's renamed
 * `pythia-6.7b` stays with its `pythia-6.9b`). A stem of one organisation keeps its plain family, which other files
 * share. Returns the family of each model that gets one so.
 */
function organisationFamilies(names: readonly (string | undefined)[]): Map<string, string> {
  const models = new Map<string, { stem: string; org: string; known: boolean }>();
  const orgs = new Map<string, Set<string>>();
  const home = new Map<string, Set<string>>();
  const add = (byStem: Map<string, Set<string>>, stem: string, org: string) => {
    const set = byStem.get(stem);
    if (set) set.add(org);
    else byStem.set(stem, new Set([org]));
  };
  for (const name of names) {
    const slash = name?.lastIndexOf('/') ?? -1;
    if (!name || slash <= 0 || models.has(name)) continue;
    const model = { stem: familyFromModelName(name), org: name.slice(0, slash), known: lookupRegistry(name).params !== undefined };
    models.set(name, model);
    add(orgs, model.stem, model.org.toLowerCase());
    if (model.known) add(home, model.stem, model.org.toLowerCase());
  }
  const out = new Map<string, string>();
  for (const [name, { stem, org, known }] of models) {
    if (orgs.get(stem)!.size > 1 && !known && !home.get(stem)?.has(org.toLowerCase())) out.set(name, `${stem} (${org})`);
  }
  return out;
}

/**
 * A size column of whole numbers in billions (the Open LLM Leaderboard's `params_b`: pythia-70m is 0, Llama-2-70b 68)
 * is rounded: where a model's name states its size, the name wins.
 */
function roundedSizes(ctx: ReadContext, rows: { cell: (index: number) => Cell | undefined }[], columns: ColumnMap, headerRange: (index: number) => SourceRange): boolean {
  const params = columns.params;
  if (!params || (params.scale ?? 1) < 1e9) return false;
  const values = rows.map((r) => r.cell(params.index)?.value).map((v) => parseQuantity(v, 1)).filter((v): v is number => typeof v === 'number');
  if (values.length === 0 || !values.every(Number.isInteger)) return false;
  ctx.report('info', headerRange(params.index), 'this size column holds whole billions (rounded): sizes are taken from the model names where they state one, and a 0 gives none');
  return true;
}

/** A context that keeps each problem once per place and message; `into` hands what it collected to the file's. */
class OncePerPlace extends ReadContext {
  private readonly seen = new Set<string>();

  override report(severity: Severity, range: SourceRange, message: string): void {
    const key = `${range.line}:${range.character}:${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    super.report(severity, range, message);
  }

  into(ctx: ReadContext): void {
    for (const o of this.observations) ctx.observations.push(o);
    for (const p of this.problems) ctx.problems.push(p);
  }
}
