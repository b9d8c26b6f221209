// Lenient column names for hand-made results tables (CSV, TSV, JSONL rows) and the values in them.
// Names compare case-, space-, underscore- and dash-insensitively; a unit in the header such as
// "Model Size (B)" or "FLOPs (1E21)" scales the column.

export type Field =
  | 'model'
  | 'family'
  | 'params'
  | 'nonEmbeddingParams'
  | 'flops'
  | 'tokens'
  | 'task'
  | 'subtask'
  | 'metric'
  | 'filter'
  | 'score'
  | 'stderr'
  | 'n'
  | 'baseline'
  | 'ceiling'
  | 'shots'
  | 'prompting'
  | 'step'
  | 'revision';

// Per field, in order of preference when a table has several matching columns.
const SYNONYMS: Record<Field, string[]> = {
  model: ['model', 'modelname', 'name', 'modelid'],
  family: ['family', 'modelfamily'],
  // Non-embedding before total: BIG-bench-derived tables carry both and BIG-bench plots use non-embedding.
  params: ['params', 'nparams', 'numparams', 'parameters', 'numparameters', 'size', 'modelsize', 'nonembeddingparams', 'totalparams'],
  nonEmbeddingParams: ['nonembeddingparams'],
  flops: ['flops', 'trainingflops', 'compute', 'trainingcompute'],
  tokens: ['tokens', 'trainingtokens', 'ntokens', 'datasize', 'pretrainingdatasize'],
  task: ['task', 'benchmark', 'dataset', 'taskname'],
  subtask: ['subtask', 'subtaskname'],
  metric: ['metric', 'metricname'],
  filter: ['filter'],
  score: ['score', 'value', 'result', 'accuracy', 'acc'],
  stderr: ['stderr', 'se', 'stderror', 'standarderror', 'accstderr'],
  n: ['n', 'nsamples', 'numsamples', 'count', 'numberofdata', 'numexamples'],
  baseline: ['baseline', 'random', 'chance', 'randombaseline', 'randomchance'],
  ceiling: ['ceiling', 'maxscore'],
  shots: ['shots', 'nshot', 'nshots', 'numfewshot', 'numberofshots', 'kshot', 'fewshot'],
  prompting: ['prompting', 'prompt', 'technique', 'method', 'prompttype'],
  step: ['step', 'trainingstep'],
  revision: ['revision', 'checkpoint'],
};

export interface Column {
  index: number;
  /** Multiplier from the header's unit, e.g. 1e9 for "(B)". */
  scale?: number;
  /** The header says the values are percentages, e.g. "Accuracy (%)". */
  percent?: boolean;
}

export type ColumnMap = Partial<Record<Field, Column>>;

interface Header {
  key: string;
  scale?: number;
  percent?: boolean;
}

const UNIT_WORDS: Record<string, number> = {
  k: 1e3, thousand: 1e3, m: 1e6, mn: 1e6, million: 1e6, b: 1e9, bn: 1e9, billion: 1e9, t: 1e12, trillion: 1e12,
};

/** Fields whose header may end in a unit word instead of a bracketed unit: `params_b`, `params_billions`. */
const QUANTITY_FIELDS: Field[] = ['params', 'nonEmbeddingParams', 'flops', 'tokens'];
const UNIT_SUFFIX = /[_\s-]+(k|thousands?|m|mn|millions?|b|bn|billions?|t|trillions?)$/i;

export function parseHeader(header: string): Header {
  const unit = /[([]\s*([^)\]]*?)\s*[)\]]\s*$/.exec(header);
  const key = (unit ? header.slice(0, unit.index) : header).toLowerCase().replace(/[^a-z0-9]/g, '');
  if (!unit) return unitSuffix(header) ?? { key };
  const text = unit[1].toLowerCase();
  if (text === '%') return { key, percent: true };
  if (text in UNIT_WORDS) return { key, scale: UNIT_WORDS[text] };
  const power = /^10\^(\d+)$/.exec(text);
  if (power) return { key, scale: 10 ** Number(power[1]) };
  const number = Number(text);
  return Number.isFinite(number) && number > 0 ? { key, scale: number } : { key };
}

function unitSuffix(header: string): Header | undefined {
  const match = UNIT_SUFFIX.exec(header.trim());
  if (!match) return undefined;
  const key = header.trim().slice(0, match.index).toLowerCase().replace(/[^a-z0-9]/g, '');
  const word = match[1].toLowerCase().replace(/s$/, '');
  const scale = UNIT_WORDS[word];
  return scale && QUANTITY_FIELDS.some((f) => SYNONYMS[f].includes(key)) ? { key, scale } : undefined;
}

/** Which column holds which field (first synonym present wins). */
export function mapColumns(headers: readonly string[]): ColumnMap {
  const parsed = headers.map(parseHeader);
  const byKey = new Map<string, number>();
  parsed.forEach((h, i) => {
    if (h.key && !byKey.has(h.key)) byKey.set(h.key, i);
  });
  const map: ColumnMap = {};
  for (const field of Object.keys(SYNONYMS) as Field[]) {
    for (const synonym of SYNONYMS[field]) {
      const index = byKey.get(synonym);
      if (index === undefined) continue;
      map[field] = { index, scale: parsed[index].scale, percent: parsed[index].percent };
      break;
    }
  }
  return map;
}

/** A table is a results table only when it names models, tasks and scores. */
export function isResultsTable(map: ColumnMap): boolean {
  return map.model !== undefined && map.task !== undefined && map.score !== undefined;
}

// ---- Cell values ----

export type CellValue = string | number | boolean | null | undefined;

/** Parsed number, or why there is none: 'missing' (a sentinel) or 'invalid' (unreadable). */
export type Parsed = number | 'missing' | 'invalid';

const MISSING = new Set(['', 'n/a', 'na', '-', '--', 'nan', 'null', 'none', '?']);

/** Empty cells and the sentinels tables use for "no value" (-100 is BIG-bench's). */
export function isMissing(value: CellValue): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'number') return Number.isNaN(value) || value === -100;
  if (typeof value === 'string') {
    const v = value.trim().toLowerCase();
    return MISSING.has(v) || v === '-100';
  }
  return false;
}

/** Text of a cell for name-like fields. */
export function textOf(value: CellValue): string | undefined {
  if (isMissing(value)) return undefined;
  const text = String(value).trim();
  return text || undefined;
}

const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const THOUSANDS = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

/** A score-like number: "0.61", "61.2%", 0.61. Percent signs are reported so the caller can divide. */
export function parseScore(value: CellValue): { value: Parsed; percent: boolean } {
  if (isMissing(value)) return { value: 'missing', percent: false };
  if (typeof value === 'number') return { value: Number.isFinite(value) ? value : 'invalid', percent: false };
  if (typeof value !== 'string') return { value: 'invalid', percent: false };
  let text = value.trim();
  const percent = text.endsWith('%');
  if (percent) text = text.slice(0, -1).trim();
  // "1e400" is written like a number but is none (Infinity).
  const number = PLAIN_NUMBER.test(text) ? Number(text) : NaN;
  return { value: Number.isFinite(number) ? number : 'invalid', percent };
}

/** A quantity such as a parameter count: 1.4e9, "1.4B", "70m", "6.7e9", "1,234,567"; `scale` from the header unit. */
export function parseQuantity(value: CellValue, scale = 1): Parsed {
  if (isMissing(value)) return 'missing';
  if (typeof value === 'number') return Number.isFinite(value) ? value * scale : 'invalid';
  if (typeof value !== 'string') return 'invalid';
  const text = value.trim().replace(/_/g, '');
  if (THOUSANDS.test(text)) return Number(text.replace(/,/g, '')) * scale;
  const match = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*([a-z]*)$/i.exec(text);
  if (!match) return 'invalid';
  const suffix = match[2].toLowerCase();
  if (!suffix) return Number(match[1]) * scale;
  // A suffix in the cell states its own unit and replaces the header's.
  return suffix in UNIT_WORDS ? Number(match[1]) * UNIT_WORDS[suffix] : 'invalid';
}

/** A non-negative whole number (shots, n, step); "step1000" style is accepted for steps. */
export function parseCount(value: CellValue): Parsed {
  if (isMissing(value)) return 'missing';
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  const match = /^(?:step[-_]?)?(\d+)(?:\.0*)?$/i.exec(text);
  return match ? Number(match[1]) : 'invalid';
}
