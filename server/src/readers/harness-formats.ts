// JSON formats of the evaluation frameworks read besides lm-eval and BIG-bench (sniff.ts): which one a document is,
// and who reads it. Cheap text checks come first, so unrelated JSON is never parsed for them.
import type { FormatId } from '../core/types';
import { isHelmInstance, isHelmStat, readHelmGroupTable, readHelmPerInstance, readHelmStats } from './helm';
import { readInspectLog, type InspectSamples } from './inspect';
import { EVAL_SET_LOGS, inEvalSet } from './inspect-archive';
import { jsonLogSamples, logFileSamples } from './inspect-samples';
import { forEachProperty, propertyValue, type JsonNode } from './json-tree';
import { readLighteval } from './lighteval';
import type { Neighbours } from './neighbours';
import { fileStart, type ReadContext } from './read-context';

export type HarnessFormat = Extract<FormatId, 'inspect-json' | 'inspect-eval-set' | 'lighteval' | 'helm-stats' | 'helm-per-instance' | 'helm-group'>;

/** False when the text cannot be any of these formats (none of the keys each must have). */
export function mayBeHarnessJson(text: string): boolean {
  return text.includes('"eval"') || text.includes('"config_general"') || text.includes('"sum_squared"') || (text.includes('"header"') && text.includes('"rows"'));
}

/** Format of a parsed document, or null. Runs before sniff.ts: lighteval's `results` would pass there for lm-eval's. */
export function sniffHarnessJson(root: JsonNode | undefined): HarnessFormat | null {
  if (root?.type === 'array') {
    // The first few entries, so one damaged entry at the top does not hide the file.
    const head = (root.children ?? []).slice(0, SNIFFED_ENTRIES);
    if (head.some(isHelmInstance)) return 'helm-per-instance';
    return head.some((e) => isHelmStat(e) && propertyValue(e, 'count')) ? 'helm-stats' : null;
  }
  if (root?.type !== 'object') return null;
  if (propertyValue(root, 'config_general')?.type === 'object' && propertyValue(root, 'results')?.type === 'object') return 'lighteval';
  if (isInspectHeader(root)) return 'inspect-json';
  if (propertyValue(root, 'header')?.type === 'array' && propertyValue(root, 'rows')?.type === 'array') return 'helm-group';
  let logs = 0;
  let others = 0;
  forEachProperty(root, (key, value) => (isSetEntry(key, value) ? logs++ : others++));
  // Mostly headers: a damaged or foreign entry is skipped and told (readHarnessJson), the headers still read.
  return logs > 0 && logs >= others ? 'inspect-eval-set' : null;
}

/** How many entries of an array are looked at to tell HELM's statistics from other arrays. */
const SNIFFED_ENTRIES = 8;

/** An entry of an eval set's logs.json: a log's file name and its header. */
function isSetEntry(key: string, value: JsonNode): boolean {
  return /\.(eval|json)$/i.test(key) && isInspectHeader(value);
}

/**
 * The format a damaged document was meant to be, from the keys its text still holds: read for what survives and
 * told, never passed over because its shape broke (a truncated log, a value nested past the parser's limit).
 */
export function harnessResemblance(text: string): HarnessFormat | null {
  const has = (key: string) => text.includes(`"${key}"`);
  if (has('config_general') && has('results')) return 'lighteval';
  if (has('instance_id') && has('stats')) return 'helm-per-instance';
  if (has('sum_squared') && has('count')) return 'helm-stats';
  if (has('header') && has('rows')) return 'helm-group';
  if (has('eval') && (has('version') || has('status'))) return /"[^"]+\.(eval|json)"\s*:\s*\{/.test(text) ? 'inspect-eval-set' : 'inspect-json';
  return null;
}

/** An EvalLog: `eval` naming the task or model, with a `version` or `status`. */
function isInspectHeader(node: JsonNode | undefined): boolean {
  const spec = propertyValue(node, 'eval');
  return spec?.type === 'object' && (propertyValue(spec, 'task') !== undefined || propertyValue(spec, 'model') !== undefined) && (propertyValue(node, 'version') !== undefined || propertyValue(node, 'status') !== undefined);
}

/** @param text the whole document, for an Inspect log's samples (left out of the tree) */
export function readHarnessJson(ctx: ReadContext, root: JsonNode, format: HarnessFormat, text: string, neighbours: Neighbours): void {
  switch (format) {
    case 'inspect-json':
      if (inEvalSet(ctx.file, neighbours)) return ctx.report('info', fileStart(ctx.file), `the scores of this log are read from the ${EVAL_SET_LOGS} of its eval set, with its per-sample scores`);
      return readInspectLog(ctx, root, jsonLogSamples(text));
    case 'inspect-eval-set':
      return forEachProperty(root, (name, header) =>
        isSetEntry(name, header) ? readInspectLog(ctx, header, setLogSamples(ctx, name, header, neighbours)) : ctx.warn(header.offset, header.length, `"${name}" is not an Inspect log's header: skipped`),
      );
    case 'lighteval':
      return readLighteval(ctx, root);
    case 'helm-stats':
      return readHelmStats(ctx, root, neighbours);
    case 'helm-per-instance':
      return readHelmPerInstance(ctx, root, neighbours);
    case 'helm-group':
      return readHelmGroupTable(ctx, root, neighbours);
  }
}

/**
 * The per-sample scores of a log that logs.json lists, from the log beside it: logs.json holds headers only. A log
 * that is not there, or cannot be read, is still read for its header's scores, and told.
 */
function setLogSamples(ctx: ReadContext, name: string, header: JsonNode, neighbours: Neighbours): InspectSamples {
  const bytes = neighbours.bytes(name);
  if (!bytes) {
    ctx.report('info', ctx.range(header.offset, 1), `${name} is not beside this ${EVAL_SET_LOGS}: its scores are read without their per-sample scores`);
    return {};
  }
  try {
    return logFileSamples(name, bytes);
  } catch (e) {
    ctx.warn(header.offset, 1, `cannot read the per-sample scores of ${name} (${e instanceof Error ? e.message : String(e)}): its scores are read from this header alone`);
    return {};
  }
}
