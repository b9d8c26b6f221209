// Reads the user's override file (`emergence-lens.json`, JSON with comments) into Overrides, with a problem at
// the exact place of every mistake. Bad entries are skipped; everything else still applies.
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { DEEP_VALUE_MESSAGE, flattenDeepValues } from './json-depth';
import { DEFAULT_THRESHOLDS, type ModelOverride, type Overrides, type TaskOverride, type Thresholds, type XAxis } from './config';
import { parseScaleNumber } from './scale/parse';
import type { Problem, Severity, SourceRange } from './types';

export const OVERRIDES_FILE_NAME = 'emergence-lens.json';

export interface ParsedOverrides {
  overrides: Overrides;
  problems: Problem[];
}

const TOP_KEYS = ['$schema', 'x', 'models', 'tasks', 'thresholds', 'sources'] as const;
const MODEL_KEYS = ['params', 'flops', 'tokens', 'family', 'loss'] as const;
const TASK_KEYS = ['baseline', 'ceiling', 'steps', 'ignore'] as const;
export const X_AXES: readonly XAxis[] = ['params', 'flops'];

/** Allowed range of each threshold; the classifier divides by some and counts with others. */
const THRESHOLD_RULES: Record<keyof Thresholds, { min: number; max?: number; minExclusive?: boolean; integer?: boolean }> = {
  significance: { min: 0, minExclusive: true },
  minGain: { min: 0, max: 1 },
  minJump: { min: 0, max: 1 },
  minPoints: { min: 2, integer: true },
  minNearChance: { min: 1, integer: true },
  minSpanDecades: { min: 0 },
  saturation: { min: 0, max: 1, minExclusive: true },
  defaultStderr: { min: 0, minExclusive: true },
  maxNoise: { min: 0, minExclusive: true },
  fdr: { min: 0, max: 1, minExclusive: true },
};

/** Whether a value is within a threshold's allowed range (the editor settings use the same rule). */
export function thresholdInRange(name: keyof Thresholds, v: number): boolean {
  const rule = THRESHOLD_RULES[name];
  const low = rule.minExclusive ? v <= rule.min : v < rule.min;
  const high = rule.max !== undefined && v > rule.max;
  return Number.isFinite(v) && !low && !high && (!rule.integer || Number.isInteger(v));
}

export function parseOverrides(text: string, file: string): ParsedOverrides {
  const problems: Problem[] = [];
  const overrides: Overrides = {};
  const at = positions(text, file);
  const report = (node: { offset: number; length: number }, severity: Severity, message: string) =>
    problems.push({ range: at(node.offset, node.length), severity, message });

  // An empty file is a valid "no overrides" file (a freshly created one).
  if (text.trim() === '') return { overrides, problems };

  // jsonc-parser recurses per level: a value nested thousands deep is cut out and reported, the rest still applies.
  const flat = flattenDeepValues(text);
  for (const d of flat.deep) report(d, 'error', DEEP_VALUE_MESSAGE);
  const errors: ParseError[] = [];
  const root = parseTree(flat.text, errors, { allowTrailingComma: true, disallowComments: false });
  for (const e of errors) report(e, 'error', `JSON syntax error: ${describeParseError(printParseErrorCode(e.error))}`);
  if (!root) return { overrides, problems };
  if (root.type !== 'object') {
    report(root, 'error', `${OVERRIDES_FILE_NAME} must hold an object with "models", "tasks", "thresholds" or "x"`);
    return { overrides, problems };
  }

  for (const [key, keyNode, value] of properties(root, report)) {
    switch (key) {
      case '$schema':
        if (value.type !== 'string') report(value, 'error', '"$schema" must be a string');
        break;
      case 'x':
        if (value.type === 'string' && (X_AXES as readonly string[]).includes(value.value)) overrides.x = value.value as XAxis;
        else report(value, 'error', `"x" must be one of ${X_AXES.map((a) => `"${a}"`).join(', ')}`);
        break;
      case 'models':
        overrides.models = readMap(value, 'models', report, (name, node, r) => readModel(name, node, r, at));
        break;
      case 'tasks':
        overrides.tasks = readMap(value, 'tasks', report, readTask);
        break;
      case 'thresholds':
        overrides.thresholds = readThresholds(value, report);
        break;
      case 'sources':
        overrides.sources = readSources(value, report);
        break;
      default:
        report(keyNode, 'warning', unknownKey(key, 'at the top level', TOP_KEYS));
    }
  }
  return { overrides, problems };
}

function readSources(node: Node, report: Report): string[] {
  if (node.type !== 'array') {
    report(node, 'error', '"sources" must be a list of paths or URLs');
    return [];
  }
  const sources: string[] = [];
  for (const item of node.children ?? []) {
    if (item.type === 'string' && item.value.trim() !== '') sources.push(item.value.trim());
    else report(item, 'error', 'a source must be a non-empty string: a path, a glob or an http(s)://, hf://, s3:// or gs:// URL');
  }
  return sources;
}

type Report = (node: { offset: number; length: number }, severity: Severity, message: string) => void;

/** Properties of an object node; a repeated key warns and the last one wins, as in JSON.parse. */
function properties(obj: Node, report: Report): [string, Node, Node][] {
  const byKey = new Map<string, [string, Node, Node]>();
  for (const prop of obj.children ?? []) {
    const [keyNode, value] = prop.children ?? [];
    if (!keyNode || !value) continue; // syntax error, already reported
    const key = String(keyNode.value);
    if (byKey.has(key)) report(keyNode, 'warning', `Duplicate key "${key}": this one replaces the earlier one`);
    byKey.delete(key);
    byKey.set(key, [key, keyNode, value]);
  }
  return [...byKey.values()];
}

function readMap<T>(node: Node, what: string, report: Report, read: (name: string, node: Node, report: Report) => T | undefined): Record<string, T> {
  const out: Record<string, T> = {};
  if (node.type !== 'object') {
    report(node, 'error', `"${what}" must be an object keyed by ${what === 'models' ? 'model name' : 'task name'}`);
    return out;
  }
  for (const [name, keyNode, value] of properties(node, report)) {
    if (name.trim() === '') {
      report(keyNode, 'warning', `Empty ${what === 'models' ? 'model' : 'task'} name: entry ignored`);
      continue;
    }
    const entry = read(name, value, report);
    if (entry !== undefined) out[name] = entry;
  }
  return out;
}

function readModel(name: string, node: Node, report: Report, at: (offset: number, length: number) => SourceRange): ModelOverride | undefined {
  if (node.type !== 'object') {
    report(node, 'error', `Model "${name}" must be an object such as { "params": "1.4B" }`);
    return undefined;
  }
  const out: ModelOverride = {};
  for (const [key, keyNode, value] of properties(node, report)) {
    switch (key) {
      case 'params':
      case 'flops':
      case 'tokens': {
        const n = readCount(value, key, report);
        if (n !== undefined) out[key] = n;
        break;
      }
      case 'family':
        if (value.type === 'string' && value.value.trim() !== '') out.family = value.value.trim();
        else report(value, 'error', '"family" must be a non-empty string');
        break;
      case 'loss':
        if (value.type === 'number' && Number.isFinite(value.value) && value.value > 0) out.loss = { value: value.value, range: at(value.offset, value.length) };
        else report(value, 'error', '"loss" must be a positive number: the pre-training loss in nats per token');
        break;
      default:
        report(keyNode, 'warning', unknownKey(key, `in model "${name}"`, MODEL_KEYS));
    }
  }
  return out;
}

/** A positive count: a number, or a string such as "1.4B", "2e22", "1,414,647,808". */
function readCount(node: Node, key: string, report: Report): number | undefined {
  let n: number | undefined;
  if (node.type === 'number') n = node.value;
  else if (node.type === 'string') {
    n = parseScaleNumber(node.value);
    if (n === undefined) {
      // A negative or zero string is a sign problem, not an unreadable one.
      const signed = /^\s*-/.test(node.value) || /^\s*0+(?:\.0*)?\s*$/.test(node.value);
      report(node, 'error', signed ? `"${key}" must be positive` : `"${key}": cannot read "${node.value}" as a number (write e.g. 1.4e9, "1.4B" or "2e22")`);
      return undefined;
    }
  } else {
    report(node, 'error', `"${key}" must be a number or a string such as "1.4B"`);
    return undefined;
  }
  if (n === undefined || !Number.isFinite(n) || n <= 0) {
    report(node, 'error', `"${key}" must be positive`);
    return undefined;
  }
  return n;
}

function readTask(name: string, node: Node, report: Report): TaskOverride | undefined {
  if (node.type !== 'object') {
    report(node, 'error', `Task "${name}" must be an object such as { "baseline": 0.25 }`);
    return undefined;
  }
  const out: TaskOverride = {};
  const nodes: Partial<Record<'baseline' | 'ceiling', Node>> = {};
  for (const [key, keyNode, value] of properties(node, report)) {
    switch (key) {
      case 'baseline':
      case 'ceiling':
        if (value.type === 'number' && Number.isFinite(value.value)) {
          out[key] = value.value;
          nodes[key] = value;
        } else report(value, 'error', `"${key}" must be a number in the metric's units`);
        break;
      case 'steps':
        if (value.type === 'number' && Number.isInteger(value.value) && value.value >= 1) out.steps = value.value;
        else report(value, 'error', '"steps" must be a whole number of at least 1');
        break;
      case 'ignore':
        if (value.type === 'boolean') out.ignore = value.value;
        else report(value, 'error', '"ignore" must be true or false');
        break;
      default:
        report(keyNode, 'warning', unknownKey(key, `in task "${name}"`, TASK_KEYS));
    }
  }
  // Normalisation divides by ceiling − baseline.
  if (out.baseline !== undefined && out.ceiling !== undefined && out.baseline === out.ceiling) {
    report(nodes.ceiling!, 'error', `"ceiling" equals "baseline" (${out.ceiling}): scores cannot be normalised; both are ignored`);
    delete out.baseline;
    delete out.ceiling;
  }
  return out;
}

function readThresholds(node: Node, report: Report): Partial<Thresholds> {
  const out: Partial<Thresholds> = {};
  if (node.type !== 'object') {
    report(node, 'error', '"thresholds" must be an object');
    return out;
  }
  const keys = Object.keys(DEFAULT_THRESHOLDS) as (keyof Thresholds)[];
  for (const [key, keyNode, value] of properties(node, report)) {
    if (!(keys as string[]).includes(key)) {
      report(keyNode, 'warning', unknownKey(key, 'in "thresholds"', keys));
      continue;
    }
    const k = key as keyof Thresholds;
    const rule = THRESHOLD_RULES[k];
    if (value.type !== 'number' || !Number.isFinite(value.value)) {
      report(value, 'error', `"${k}" must be a number (default ${DEFAULT_THRESHOLDS[k]})`);
      continue;
    }
    const v: number = value.value;
    if (!thresholdInRange(k, v)) {
      const range = `${rule.integer ? 'a whole number ' : ''}${rule.minExclusive ? '>' : '≥'} ${rule.min}${rule.max !== undefined ? ` and ≤ ${rule.max}` : ''}`;
      report(value, 'error', `"${k}" must be ${range} (default ${DEFAULT_THRESHOLDS[k]})`);
      continue;
    }
    out[k] = v;
  }
  return out;
}

function unknownKey(key: string, where: string, known: readonly string[]): string {
  const near = known.find((k) => k.toLowerCase() === key.toLowerCase());
  return `Unknown key "${key}" ${where}: it is ignored. ${near ? `Did you mean "${near}"?` : `Known keys: ${known.join(', ')}.`}`;
}

function describeParseError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** Offset → 0-based line/character, via a table of line starts ("\n", "\r\n" and "\r" all end a line). */
function positions(text: string, file: string): (offset: number, length: number) => SourceRange {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */ && text.charCodeAt(i + 1) === 10) continue;
    if (c === 10 || c === 13) starts.push(i + 1);
  }
  const locate = (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - starts[lo] };
  };
  return (offset, length) => {
    const a = locate(Math.max(0, Math.min(offset, text.length)));
    const b = locate(Math.max(0, Math.min(offset + length, text.length)));
    return { file, line: a.line, character: a.character, endLine: b.line, endCharacter: b.character };
  };
}
