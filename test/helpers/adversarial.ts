// The adversarial corpus: seeded, generated results files of every format the readers take, each broken in one of
// the ways real files break (truncation, a flipped byte, wrong types, NaN / Infinity / 1e309, encodings, CRLF,
// huge lines, deep nesting) or that once went wrong here (more than 125,000 rows, repeated rows, long answers to
// re-score, a damaged first BIG-bench entry, a metadata line or a stray bracket above JSON Lines, a CR inside a
// record, a repeated top-level key, absurdly long names), plus files that are not results at all. Each case says
// what a user must get: results (series or a problem), nothing, or either — and carries a valid file of its format
// and size, the yardstick for how long it may take.
import { seededRandom } from './random';

export type Expect = 'results' | 'nothing' | 'any';

export interface Case {
  name: string;
  /** File name; its extension picks the reader. */
  file: string;
  /** The text before encoding (what an editor shows). */
  text: string;
  /** What is on disk. */
  bytes: Buffer;
  expect: Expect;
  /** A valid file of the same format, as large as `bytes`, to time against; undefined when the case is one. */
  twin?: Buffer;
}

interface Format {
  id: string;
  file: string;
  /** Valid text of at least `size` characters. */
  valid(size: number): string;
  /** Whether a (possibly mutated) text still visibly is a results file of this format. */
  looksLikeResults(text: string): boolean;
}

const MODELS = ['70m', '160m', '410m', '1.4b', '2.8b', '6.9b', '12b'];

/** Builds entries until the text reaches `size`; at least `min` of them. */
function grow(size: number, min: number, entry: (i: number) => string, wrap: (entries: string[]) => string): string {
  const entries: string[] = [];
  let length = 0;
  for (let i = 0; i < min || length < size; i++) {
    const e = entry(i);
    entries.push(e);
    length += e.length + 2;
  }
  return wrap(entries);
}

const score = (i: number) => (0.1 + ((i * 7919) % 800) / 1000).toFixed(4);

// lm-eval writes `results` first and its other keys after it: a cut file keeps `results` and loses them, which
// is why one complete task with a number is enough to look like results.
const LM_EVAL_TASK = /"results"\s*:\s*\{\s*"(?:[^"\\]|\\.)*"\s*:\s*\{[^{}]*?"[^"]*"\s*:\s*(-?\d|NaN|-?Infinity)/;
const LM_EVAL_COMPANIONS = /"(versions|n-shot|configs|higher_is_better|group_subtasks|n-samples)"/;

const lmEvalV04: Format = {
  id: 'lm-eval-v0.4',
  file: 'org__toy-lm-1.4b/results_2025-01-01T00-00-00.json',
  valid: (size) =>
    grow(
      size,
      3,
      (i) => `    "task_${i}": {\n      "alias": "task_${i}",\n      "acc,none": ${score(i)},\n      "acc_stderr,none": 0.0123\n    }`,
      (tasks) =>
        `{\n  "results": {\n${tasks.join(',\n')}\n  },\n  "versions": {},\n  "n-shot": {},\n  "config": {"model": "hf", "model_args": "pretrained=org/toy-lm-1.4b"}\n}\n`,
    ),
  looksLikeResults: (text) => LM_EVAL_TASK.test(text) || (text.includes('"results"') && LM_EVAL_COMPANIONS.test(text)),
};

const lmEvalV03: Format = {
  id: 'lm-eval-v0.3',
  file: 'results_toy-lm-410m.json',
  valid: (size) =>
    grow(
      size,
      3,
      (i) => `    "task_${i}": {\n      "acc": ${score(i)},\n      "acc_stderr": 0.0123\n    }`,
      (tasks) => `{\n  "results": {\n${tasks.join(',\n')}\n  },\n  "versions": {},\n  "config": {"model_args": "pretrained=org/toy-lm-410m", "num_fewshot": 0}\n}\n`,
    ),
  looksLikeResults: lmEvalV04.looksLikeResults,
};

const bigBench: Format = {
  id: 'big-bench',
  file: 'toy_task/results/scores_BIG-G_2m_T=0.json',
  valid: (size) =>
    grow(
      size,
      3,
      (i) =>
        `    {\n      "high_score": 1.0,\n      "low_score": 0.0,\n      "number_of_shots": 0,\n      "preferred_score": "exact_str_match",\n      "score_dict": {"exact_str_match": ${score(i)}, "log_likelihood": -${score(i)}},\n      "subtask_description": "toy_task:sub_${i}"\n    }`,
      (scores) =>
        `{\n  "model": {"model_family": "BIG-G T=0", "model_name": "2m", "non_embedding_params": 2000000, "total_params": 3000000},\n  "scores": [\n${scores.join(',\n')}\n  ],\n  "task": {"task_name": "toy_task"}\n}\n`,
    ),
  looksLikeResults: (text) => text.includes('"model_family"') && text.includes('"score_dict"'),
};

const sampleRecord = (i: number, answer = String(1000 + ((i * 37) % 9000)), target = String(1000 + ((i * 41) % 9000))) =>
  JSON.stringify({
    doc_id: i,
    doc: { question: `Problem ${i}` },
    target,
    arguments: { gen_args_0: { arg_0: `Q: Problem ${i}\nA:`, arg_1: { until: ['Q:'] } } },
    resps: [[`The answer is ${answer}.`]],
    filtered_resps: [answer],
    filter: 'strict-match',
    metrics: ['exact_match'],
    exact_match: answer === target ? 1 : 0,
  });

const SAMPLE_LINE = /^\s*\{.*"doc_id"\s*:.*"(resps|filtered_resps|doc)"\s*:/m;

const samplesJsonl: Format = {
  id: 'lm-eval-samples',
  file: 'org__toy-lm-1.4b/samples_gsm8k_2025-01-01T00-00-00.jsonl',
  valid: (size) => grow(size, 3, (i) => sampleRecord(i), (records) => records.join('\n') + '\n'),
  looksLikeResults: (text) => SAMPLE_LINE.test(text),
};

const samplesArray: Format = {
  id: 'lm-eval-samples-array',
  file: 'org__toy-lm-1.4b/samples_gsm8k_2025-01-01T00-00-00.json',
  valid: (size) => grow(size, 3, (i) => JSON.stringify(JSON.parse(sampleRecord(i)), null, 2), (records) => `[\n${records.join(',\n')}\n]\n`),
  looksLikeResults: (text) => /^\s*\[/.test(text) && /"doc_id"\s*:/.test(text.slice(0, 8192)),
};

function table(id: string, file: string, sep: string): Format {
  const header = ['model', 'params', 'task', 'metric', 'score'].join(sep);
  return {
    id,
    file,
    valid: (size) => grow(size, 6, (i) => [`toy-${MODELS[i % MODELS.length]}`, MODELS[i % MODELS.length], `task_${Math.floor(i / MODELS.length)}`, 'acc', score(i)].join(sep), (rows) => `${header}\n${rows.join('\n')}\n`),
    // The header, intact, on one of the first lines.
    looksLikeResults: (text) =>
      text
        .split(/\r\n|\r|\n/, 10)
        .some((line) => line === header),
  };
}

const csv = table('csv', 'scores.csv', ',');
const tsv = table('tsv', 'scores.tsv', '\t');

const jsonlRows: Format = {
  id: 'jsonl-rows',
  file: 'scores.jsonl',
  valid: (size) =>
    grow(size, 6, (i) => JSON.stringify({ model: `toy-${MODELS[i % MODELS.length]}`, params: MODELS[i % MODELS.length], task: `task_${Math.floor(i / MODELS.length)}`, score: Number(score(i)) }), (rows) => rows.join('\n') + '\n'),
  looksLikeResults: (text) => text.split('\n', 100).some(isRowObject),
};

function isRowObject(line: string): boolean {
  try {
    const value = JSON.parse(line) as unknown;
    return !!value && typeof value === 'object' && ['model', 'task', 'score'].every((k) => k in (value as object));
  } catch {
    return false;
  }
}

/** Override files: never results, but read by the same server and CLI, and once crashed the CLI. */
export const overridesFormat: Format = {
  id: 'overrides',
  file: 'emergence-lens.json',
  valid: (size) => grow(size, 2, (i) => `    "org/toy-${i}": { "params": "1.${i % 10}B", "family": "toy" }`, (models) => `{\n  "models": {\n${models.join(',\n')}\n  },\n  "thresholds": { "minJump": 0.15 }\n}\n`),
  looksLikeResults: () => false,
};

// HELM's stats.json: its task and model are in the folder name; a whole scored entry is what makes it results.
const HELM_STAT = /\{\s*"name":\s*\{\s*"name":\s*"exact_match",\s*"split":\s*"test"\s*\},\s*"count":\s*1,\s*"sum":\s*(0|0\.\d+),\s*"sum_squared":\s*0\.1,\s*"mean":\s*(0|0\.\d+)\s*\}/;

const helmStats: Format = {
  id: 'helm-stats',
  file: 'runs/v1/toy_task:subject=all,model=org_toy-lm-1.4b/stats.json',
  valid: (size) =>
    grow(
      size,
      3,
      (i) => `  {\n    "name": {"name": "${i === 0 ? 'exact_match' : `metric_${i}`}", "split": "test"},\n    "count": 1,\n    "sum": ${score(i)},\n    "sum_squared": 0.1,\n    "mean": ${score(i)}\n  }`,
      (stats) => `[\n${stats.join(',\n')},\n  {\n    "name": {"name": "num_instances", "split": "test"},\n    "count": 1,\n    "sum": 50,\n    "sum_squared": 2500,\n    "mean": 50\n  }\n]\n`,
    ),
  looksLikeResults: (text) => HELM_STAT.test(text),
};

// An Inspect eval set's logs.json: one header per log; a whole first header with its score is results.
const INSPECT_HEADER = /"toy-0\.eval":\s*\{\s*"version":\s*2,\s*"status":\s*"success",\s*"eval":\s*\{\s*"task":\s*"toy_task",\s*"model":\s*"hf\/org\/toy-lm-1\.4b"\s*\},\s*"results":\s*\{\s*"scores":\s*\[\s*\{\s*"name":\s*"match",\s*"metrics":\s*\{\s*"accuracy":\s*\{\s*"name":\s*"accuracy",\s*"value":\s*(0|0\.\d+)\s*\}/;

const inspectEvalSet: Format = {
  id: 'inspect-eval-set',
  file: 'logs/logs.json',
  valid: (size) =>
    grow(
      size,
      2,
      (i) =>
        `  "toy-${i}.eval": {\n    "version": 2,\n    "status": "success",\n    "eval": {"task": "toy_task", "model": "hf/org/toy-lm-1.4b"},\n    "results": {"scores": [{"name": "match", "metrics": {"accuracy": {"name": "accuracy", "value": ${score(i)}}}}]}\n  }`,
      (logs) => `{\n${logs.join(',\n')}\n}\n`,
    ),
  looksLikeResults: (text) => INSPECT_HEADER.test(text),
};

// lighteval's results JSON: `config_general` names the model, `results` keys are "suite|task|shots".
const LIGHTEVAL_TASK = /"results":\s*\{\s*"lighteval\|task_0\|0":\s*\{\s*"acc":\s*(0|0\.\d+)\s*[,}]/;

const lighteval: Format = {
  id: 'lighteval',
  file: 'results/org/toy-lm-1.4b/results_2025-01-01T00-00-00.000000.json',
  valid: (size) =>
    grow(
      size,
      3,
      (i) => `    "lighteval|task_${i}|0": {\n      "acc": ${score(i)},\n      "acc_stderr": 0.0123\n    }`,
      (tasks) => `{\n  "config_general": {"model_name": "org/toy-lm-1.4b"},\n  "results": {\n${tasks.join(',\n')}\n  }\n}\n`,
    ),
  looksLikeResults: (text) => text.includes('"config_general": {"model_name": "org/toy-lm-1.4b"}') && LIGHTEVAL_TASK.test(text),
};

// A wide table: a model per row, a benchmark per column (a leaderboard export, a paper's table).
const WIDE_HEADER = 'model,params,mmlu,arc_challenge,hellaswag';

const wideCsv: Format = {
  id: 'wide-csv',
  file: 'leaderboard.csv',
  valid: (size) => grow(size, 7, (i) => [`org/toy-${MODELS[i % MODELS.length]}-v${Math.floor(i / MODELS.length)}`, MODELS[i % MODELS.length], score(i), score(i + 1), score(i + 2)].join(','), (rows) => `${WIDE_HEADER}\n${rows.join('\n')}\n`),
  looksLikeResults: (text) => text.split(/\r\n|\r|\n/, 10).some((line) => line === WIDE_HEADER),
};

// New formats go at the end, so the seeded cases of the others stay as they were.
export const RESULT_FORMATS: readonly Format[] = [lmEvalV04, lmEvalV03, bigBench, samplesJsonl, samplesArray, csv, tsv, jsonlRows, helmStats, inspectEvalSet, lighteval, wideCsv];

/** Files that are not results: they must yield nothing, however they are mangled. */
const CONTROLS: readonly { file: string; text: string }[] = [
  { file: 'package.json', text: JSON.stringify({ name: 'x', version: '1.0.0', scripts: { test: 'node test' }, dependencies: { a: '^1.0.0' } }, null, 2) },
  { file: 'tsconfig.json', text: '{\n  // comment\n  "compilerOptions": { "strict": true, "target": "es2022" },\n  "include": ["src"]\n}\n' },
  { file: 'api-response.json', text: JSON.stringify({ results: [{ id: 1, name: 'a' }], next: null }, null, 2) },
  { file: 'people.csv', text: 'name,age,city\nada,36,london\nalan,41,manchester\n' },
  { file: 'dataset.jsonl', text: Array.from({ length: 20 }, (_, i) => JSON.stringify({ text: `example ${i}`, label: i % 2 })).join('\n') + '\n' },
];

// ---- encodings ----

type Encoding = 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be' | 'utf-16le-no-bom';

function encode(text: string, encoding: Encoding | 'utf-8'): Buffer {
  const codes = Array.from(text, (c) => c.codePointAt(0)!);
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf-16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf-16le-no-bom':
      return Buffer.from(text, 'utf16le');
    case 'utf-16be':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    case 'utf-32le':
    case 'utf-32be': {
      const out = Buffer.alloc(4 * (codes.length + 1));
      const write = encoding === 'utf-32le' ? out.writeUInt32LE.bind(out) : out.writeUInt32BE.bind(out);
      write(0xfeff, 0);
      codes.forEach((c, i) => write(c, 4 * (i + 1)));
      return out;
    }
  }
}

const ENCODINGS: readonly Encoding[] = ['utf-8-bom', 'utf-16le', 'utf-16be', 'utf-32le', 'utf-32be', 'utf-16le-no-bom'];

// ---- mutations ----

const NUMBER_VALUE = /(:\s*|[,\t]|\[)(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)(?=\s*[,}\]\n\r\t])/g;
const WRONG_TYPES = ['"x"', '[1]', '{}', 'null', 'true', '""', '"N/A"'];
const NON_FINITE = ['NaN', 'Infinity', '-Infinity', '1e309', '-1e309'];
const HOSTILE = ['\ud800', '\udc00x', '\u2028', '\u0000', '\t\r\n', ',,', '}', ']', '"', '{', '\uFFFD\uFFFD', '9'.repeat(400)];

/** Replaces the n-th number value (or, past the last, the last one) with `by`. */
function replaceNumber(text: string, pick: number, by: string): string {
  const matches = Array.from(text.matchAll(NUMBER_VALUE));
  if (matches.length === 0) return text;
  const m = matches[pick % matches.length];
  const at = m.index! + m[1].length;
  return text.slice(0, at) + by + text.slice(at + m[2].length);
}

/** Every number value replaced with one of `values` (so no score survives). */
function replaceEveryNumber(text: string, values: readonly string[]): string {
  let k = 0;
  return text.replace(NUMBER_VALUE, (_all, lead: string) => lead + values[k++ % values.length]);
}

/** A value nested `depth` deep, as JSON text. */
const deep = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

interface Mutation {
  kind: string;
  mutate(text: string, format: Format): string | undefined;
  /** Whether a file of this format that looked like results still must (default: when its markers survive). */
  expect?: Expect;
}

/** Inserts `piece` as an extra property after the first `{` of a JSON text (the root, or a JSONL line's object). */
function insertProperty(text: string, piece: string): string {
  const at = text.indexOf('{');
  return at < 0 ? text : text.slice(0, at + 1) + piece + ',' + text.slice(at + 1);
}

const isJson = (f: Format) => f.file.endsWith('.json');
const isJsonl = (f: Format) => f.file.endsWith('.jsonl');
const isTable = (f: Format) => f.id === 'csv' || f.id === 'tsv' || f.id === 'wide-csv';

/** Fixed mutations, one case each per format they apply to. */
const FIXED: readonly Mutation[] = [
  { kind: 'crlf', mutate: (t) => t.replace(/\n/g, '\r\n') },
  { kind: 'lone-cr', mutate: (t, f) => (isJsonl(f) ? undefined : t.replace(/\n/g, '\r')) },
  { kind: 'no-final-newline', mutate: (t) => t.replace(/\s+$/, '') },
  { kind: 'every-score-wrong-type', mutate: (t) => replaceEveryNumber(t, WRONG_TYPES) },
  { kind: 'every-score-non-finite', mutate: (t) => replaceEveryNumber(t, NON_FINITE) },
  { kind: 'deep-value', mutate: (t, f) => (isJson(f) && !f.id.includes('array') ? insertProperty(t, `"deep": ${deep(5000)}`) : isJsonl(f) ? insertProperty(t, `"deep": ${deep(5000)}`) : undefined) },
  { kind: 'unclosed-deep-value', mutate: (t, f) => (isJson(f) && !f.id.includes('array') ? insertProperty(t, `"deep": ${'['.repeat(6000)}`) : undefined) },
  {
    kind: 'repeated-top-level-key',
    mutate: (t, f) => (f.id.startsWith('lm-eval-v') ? t.replace(/\}\s*$/, ',\n  "results": {}\n}\n') : f.id === 'big-bench' ? t.replace(/\}\s*$/, ',\n  "scores": []\n}\n') : undefined),
  },
  { kind: 'long-name', mutate: (t) => t.replace(/task_0|Problem 0|sub_0/, 'n'.repeat(100_000)) },
  { kind: 'huge-line', mutate: (t, f) => (isTable(f) ? t.replace(/\n/, `\n${'toy-70m'},70m,${'x'.repeat(1 << 20)},acc,0.5\n`) : t.replace(/task_1|Problem 1|sub_1/, 'h'.repeat(1 << 20))) },
  {
    kind: 'damaged-first-entry',
    mutate: (t, f) =>
      f.id === 'big-bench'
        ? t.replace('"score_dict"', '"score_dic"')
        : f.id.startsWith('lm-eval-v')
          ? t.replace(/"acc(,none)?": [\d.]+/, '"acc$1": "x"')
          : f.id === 'helm-stats'
            ? t.replace(/^\[\n/, '[\n  42,\n')
            : f.id === 'inspect-eval-set'
              ? t.replace(/^\{\n/, '{\n  "notes": 1,\n')
              : undefined,
  },
  { kind: 'metadata-first-line', mutate: (t, f) => (isJsonl(f) ? `{"version": "1.0", "generated": "2025-01-01"}\n${t}` : isTable(f) ? `# exported by a notebook\n${t}` : undefined) },
  { kind: 'stray-bracket-first', mutate: (t, f) => (isJsonl(f) ? `{\n${t}` : undefined) },
  { kind: 'bad-leading-lines', mutate: (t, f) => (isJsonl(f) ? `${Array.from({ length: 25 }, (_, i) => ['[1, 2]', '"text"', '{broken', '42', 'null'][i % 5]).join('\n')}\n${t}` : undefined) },
  { kind: 'cr-inside-record', mutate: (t, f) => (isJsonl(f) ? t.replace(/,"/, ',\r"') : undefined) },
];

/** Random mutations: each applied RUNS times per format, with seeded positions. */
const RANDOM: readonly ((rng: () => number) => Mutation)[] = [
  (rng) => ({ kind: 'truncated', mutate: (t) => t.slice(0, Math.floor(t.length * (0.2 + 0.8 * rng()))) }),
  (rng) => ({
    kind: 'bytes-flipped',
    mutate: (t) => {
      const chars = Array.from(t);
      for (let k = 0; k < 1 + Math.floor(rng() * 3); k++) chars[Math.floor(rng() * chars.length)] = String.fromCharCode(Math.floor(rng() * 256));
      return chars.join('');
    },
  }),
  (rng) => ({ kind: 'wrong-type', mutate: (t) => replaceNumber(t, Math.floor(rng() * 1000), WRONG_TYPES[Math.floor(rng() * WRONG_TYPES.length)]) }),
  (rng) => ({ kind: 'non-finite', mutate: (t) => replaceNumber(t, Math.floor(rng() * 1000), NON_FINITE[Math.floor(rng() * NON_FINITE.length)]) }),
  (rng) => ({
    kind: 'hostile-insert',
    mutate: (t) => {
      const at = Math.floor(rng() * t.length);
      return t.slice(0, at) + HOSTILE[Math.floor(rng() * HOSTILE.length)] + t.slice(at);
    },
  }),
];

const utf8 = (text: string) => Buffer.from(text, 'utf8');

/** Same-size valid twins are cached by format and size, since many cases share both. */
function twinOf(format: Format, bytes: number, cache: Map<string, Buffer>): Buffer {
  const key = `${format.id}:${bytes}`;
  let twin = cache.get(key);
  if (!twin) cache.set(key, (twin = utf8(format.valid(bytes))));
  return twin;
}

/** Cases of the big-input categories: past the stack's limit for spread arguments, and repeated per-seed rows. */
function bigCases(): Case[] {
  const rows = Array.from({ length: 130_000 }, (_, i) => `toy-${MODELS[i % 7]},${MODELS[i % 7]},task_${Math.floor(i / 7) % 2000},acc,${score(i)}`);
  const big = `model,params,task,metric,score\n${rows.join('\n')}\n`;
  const seeds = Array.from({ length: 40_000 }, (_, i) => `toy-${MODELS[i % 7]},${MODELS[i % 7]},task_${Math.floor(i / 7) % 20},acc,${i},${score(i)}`);
  const perSeed = `model,params,task,metric,seed,score\n${seeds.join('\n')}\n`;
  return [
    { name: 'csv/130000-rows', file: 'big.csv', text: big, bytes: utf8(big), expect: 'results' },
    { name: 'csv/40000-per-seed-rows', file: 'per-seed.csv', text: perSeed, bytes: utf8(perSeed), expect: 'results', twin: utf8(csv.valid(perSeed.length)) },
  ];
}

/** A per-sample log with one record whose answer and target are 200,000 characters each, and differ. */
function longAnswerCase(): Case {
  const rng = seededRandom(7);
  const text200k = () => Array.from({ length: 200_000 }, () => 'abcdefghij'[Math.floor(rng() * 10)]).join('');
  const text = [sampleRecord(0), sampleRecord(1, text200k(), text200k()), sampleRecord(2)].join('\n') + '\n';
  return { name: 'lm-eval-samples/long-answer', file: samplesJsonl.file, text, bytes: utf8(text), expect: 'results', twin: utf8(samplesJsonl.valid(text.length)) };
}

/**
 * The whole corpus for a seed. `runs` random cases per format and random mutation; every fixed mutation and
 * encoding once per format; the controls with every mutation that can apply to them.
 */
export function adversarialCorpus(seed: number, runs: number): Case[] {
  const rng = seededRandom(seed);
  const cache = new Map<string, Buffer>();
  const cases: Case[] = [];
  const add = (format: Format, name: string, text: string | undefined, bytes?: Buffer, expect?: Expect) => {
    if (text === undefined) return;
    const onDisk = bytes ?? utf8(text);
    cases.push({ name: `${format.id}/${name}`, file: format.file, text, bytes: onDisk, expect: expect ?? (format.looksLikeResults(text) ? 'results' : 'any'), twin: twinOf(format, onDisk.length, cache) });
  };
  for (const format of RESULT_FORMATS) {
    const base = format.valid(2_000 + Math.floor(rng() * 6_000));
    for (const encoding of ENCODINGS) add(format, `encoding-${encoding}`, base, encode(base, encoding), 'results');
    for (const m of FIXED) add(format, m.kind, m.mutate(base, format));
    for (const make of RANDOM) {
      for (let r = 0; r < runs; r++) {
        const m = make(rng);
        add(format, `${m.kind}#${r}`, m.mutate(base, format));
      }
    }
  }
  const overridesBase = overridesFormat.valid(2_000);
  for (const m of [...FIXED, ...RANDOM.map((make) => make(rng))]) {
    const text = m.mutate(overridesBase, overridesFormat);
    if (text !== undefined) cases.push({ name: `overrides/${m.kind}`, file: overridesFormat.file, text, bytes: utf8(text), expect: 'any', twin: twinOf(overridesFormat, utf8(text).length, cache) });
  }
  cases.push({ name: 'overrides/deep-6000', file: overridesFormat.file, text: `{"models": ${deep(6000)}}`, bytes: utf8(`{"models": ${deep(6000)}}`), expect: 'any', twin: twinOf(overridesFormat, 12_000, cache) });
  for (const control of CONTROLS) {
    const format: Format = { id: `control:${control.file}`, file: control.file, valid: () => control.text, looksLikeResults: () => false };
    add(format, 'as-is', control.text, undefined, 'nothing');
    for (const encoding of ENCODINGS) add(format, `encoding-${encoding}`, control.text, encode(control.text, encoding), 'nothing');
    for (const make of RANDOM.slice(0, 2)) {
      const m = make(rng);
      add(format, m.kind, m.mutate(control.text, format), undefined, 'nothing');
    }
  }
  for (const c of bigCases()) cases.push(c);
  cases.push(longAnswerCase());
  return cases;
}
