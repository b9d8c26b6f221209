// Which results format a JSON document is. Unrelated JSON (package.json, tsconfig.json…) must come out
// as null without being parsed, so cheap text checks run before the tree is built.
import type { FormatId } from '../core/types';
import { forEachProperty, propertyMap, type JsonNode } from './json-tree';

/** Top-level keys no reader needs; the tree builder skips their contents (lm-eval `configs` is most of a big file). */
export const UNREAD_TOP_LEVEL_KEYS: ReadonlySet<string> = new Set(['configs', 'task_hashes', 'samples', 'queries']);

/** False when the text cannot be any supported JSON format (no key a results file must have). */
export function mayBeResultsJson(text: string): boolean {
  return text.includes('"results"') || text.includes('"scores"') || text.includes('"doc_id"');
}

export function firstNonSpace(text: string): string {
  const match = /\S/.exec(text.length > 4096 ? text.slice(0, 4096) : text);
  return match ? match[0] : '';
}

/** lm-eval v0.4.0–0.4.2 per-sample logs: a JSON array of records starting with `doc_id`. */
export function isSamplesArrayText(text: string): boolean {
  const head = text.slice(0, 8192);
  return /^\s*\[/.test(head) && /"doc_id"\s*:/.test(head);
}

/** One per-sample record (lm-eval `--log_samples`). */
export function isSampleRecord(node: JsonNode | undefined): boolean {
  if (node?.type !== 'object') return false;
  const keys = propertyMap(node);
  return keys.has('doc_id') && (keys.has('resps') || keys.has('filtered_resps') || keys.has('doc'));
}

const LM_EVAL_COMPANIONS = ['versions', 'config', 'n-shot', 'configs', 'group_subtasks', 'higher_is_better', 'n-samples', 'groups'];
const LM_EVAL_V04_ONLY = ['n-shot', 'configs', 'group_subtasks', 'higher_is_better', 'n-samples'];

/**
 * Format of a parsed JSON document.
 * @param damaged the text had syntax errors: a truncated lm-eval file may have lost its companion keys,
 *   so a `results` object of task objects is enough then.
 */
export function sniffJsonDocument(root: JsonNode | undefined, damaged: boolean): FormatId | null {
  if (!root) return null;
  if (root.type === 'array') return isSampleRecord(root.children?.[0]) ? 'lm-eval-samples' : null;
  if (root.type !== 'object') return null;
  const top = propertyMap(root);
  const results = top.get('results');
  if (results?.type === 'object') {
    const shape = resultsShape(results);
    const companion = LM_EVAL_COMPANIONS.some((k) => top.has(k));
    const plausible = shape.empty ? companion : shape.taskObjects && (companion || shape.stderrOrFilterKeys || damaged);
    if (plausible) {
      const v04 = shape.filterKeys || LM_EVAL_V04_ONLY.some((k) => top.has(k));
      return v04 ? 'lm-eval-v0.4' : 'lm-eval-v0.3';
    }
  }
  const scores = top.get('scores');
  if (hasModelFamily(top.get('model')) && scores?.type === 'array') {
    // Any of the first entries will do: a damaged first entry must not hide the rest.
    const entries = scores.children ?? [];
    if (entries.length === 0 || damaged || entries.slice(0, 8).some(hasScoreDict)) return 'big-bench';
  }
  if (isSampleRecord(root)) return 'lm-eval-samples';
  return null;
}

/** Keys that only an lm-eval results file has beside `results` (v0.3 writes `versions`, v0.4 the others too). */
const LM_EVAL_MARKS = ['versions', ...LM_EVAL_V04_ONLY];

/**
 * The format a JSON document that sniffJsonDocument turned down looks like: a results file's keys in a shape the
 * readers cannot use (`results` not an object, scores that are not numbers), or, for a tree too damaged to hold
 * them, the key names in the text. Such a file is read as far as it goes and says what it could not read.
 */
export function resemblance(root: JsonNode | undefined, text: string, damaged: boolean): FormatId | null {
  if (root?.type === 'object') {
    const top = propertyMap(root);
    if (top.has('results') && LM_EVAL_MARKS.some((k) => top.has(k))) return LM_EVAL_V04_ONLY.some((k) => top.has(k)) ? 'lm-eval-v0.4' : 'lm-eval-v0.3';
    if (hasModelFamily(top.get('model')) || top.get('scores')?.children?.some(hasScoreDict)) return 'big-bench';
  }
  if (!damaged) return null;
  const hasKey = (key: string) => text.includes(`"${key}"`);
  if (hasKey('results') && LM_EVAL_MARKS.some(hasKey)) return LM_EVAL_V04_ONLY.some(hasKey) ? 'lm-eval-v0.4' : 'lm-eval-v0.3';
  if (hasKey('model_family') && (hasKey('score_dict') || hasKey('scores'))) return 'big-bench';
  return null;
}

function hasModelFamily(model: JsonNode | undefined): boolean {
  return model?.type === 'object' && propertyMap(model).has('model_family');
}

function hasScoreDict(entry: JsonNode): boolean {
  return entry.type === 'object' && propertyMap(entry).has('score_dict');
}

/** What the first few entries of `results` look like (a handful is enough to tell). */
function resultsShape(results: JsonNode): { empty: boolean; taskObjects: boolean; stderrOrFilterKeys: boolean; filterKeys: boolean } {
  const shape = { empty: true, taskObjects: false, stderrOrFilterKeys: false, filterKeys: false };
  let seen = 0;
  forEachProperty(results, (_task, value) => {
    shape.empty = false;
    if (seen++ >= 8 || value?.type !== 'object') return;
    forEachProperty(value, (key, metric) => {
      if (metric?.type === 'number') shape.taskObjects = true;
      if (key.includes(',')) shape.filterKeys = true;
      if (key.includes(',') || /_stderr$/.test(key)) shape.stderrOrFilterKeys = true;
    });
  });
  return shape;
}
