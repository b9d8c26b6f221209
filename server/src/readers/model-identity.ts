// Who produced a score and how: model names from lm-eval's model_args or from file/folder names,
// shot counts and checkpoint steps written in names, and the chain-of-thought naming convention.

/** Names for scores whose file does not say (or redacts) who or what produced them. */
export const UNKNOWN_MODEL = 'unknown model';
export const UNKNOWN_TASK = 'unknown task';

/** lm-eval's `model_args`: "pretrained=X,revision=Y,dtype=float" or (python API, newer CLI) a dict. */
export function parseModelArgs(args: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof args === 'string') {
    for (const part of args.split(',')) {
      const eq = part.indexOf('=');
      if (eq > 0) out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
    }
  } else if (args && typeof args === 'object' && !Array.isArray(args)) {
    for (const [key, value] of Object.entries(args)) {
      if (typeof value === 'string' || typeof value === 'number') out[key] = String(value);
    }
  }
  return out;
}

// Base model first: a PEFT adapter's size and family are those of the model it adapts.
const NAME_KEYS = ['pretrained', 'model', 'path', 'engine', 'peft', 'delta'];

/** The model_args key that names the model, and its value. */
export function modelArgsName(args: Record<string, string>): { key: string; name: string } | undefined {
  for (const key of NAME_KEYS) {
    const name = args[key];
    if (name) return { key, name };
  }
  return undefined;
}

/**
 * A local checkpoint path rather than a hub id: hub ids have at most one '/' ("org/name").
 * Such names ("/gaueko1/.../LLaMA/7B") say little, so the file or folder name is used instead.
 */
export function isLocalPath(name: string): boolean {
  return /^[~./\\]/.test(name) || /^[A-Za-z]:[\\/]/.test(name) || name.includes('\\') || name.split('/').length > 2;
}

// File stems that name the run, not the model: results.json, results_2024-06-01T12-34-56.json, scores_x.json…
const GENERIC_STEM = /^(results?|scores?|evals?|evaluation|metrics|outputs?|samples)(?:$|[_\-.])/i;

/**
 * Model name from where a results file sits, when the file itself does not name it usefully:
 * `llama-13B/llama-13B_bbh_3-shot.json` → "llama-13B"; `state-spaces__mamba2-130m/results_<ts>.json`
 * → "state-spaces/mamba2-130m" (lm-eval writes "/" as "__" in folder names).
 */
export function modelNameFromPath(file: string): string | undefined {
  const parts = file.split(/[\\/]/).filter((p) => p.length > 0);
  const stem = (parts[parts.length - 1] ?? '').replace(/\.[^.]*$/, '');
  const parent = parts[parts.length - 2];
  const usableParent = parent && !GENERIC_STEM.test(parent) ? parent : undefined;
  if (!stem || GENERIC_STEM.test(stem)) return usableParent?.replace(/__/g, '/');
  if (usableParent && stem.startsWith(usableParent)) return usableParent.replace(/__/g, '/');
  const withoutShots = stem.replace(/[_-]?(\d+|zero|one|two|three|four|five|six|seven|eight|nine|ten)[-_]?shots?.*$/i, '');
  return (withoutShots.split('_')[0] || stem).replace(/__/g, '/');
}

const SHOT_WORDS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
};

/** Shot count written in the file name or its folder: `-5shot`, `_3-shot`, `five-shot/`. */
export function shotsFromPath(file: string): number | undefined {
  const parts = file.split(/[\\/]/).filter((p) => p.length > 0);
  for (const part of [parts[parts.length - 1], parts[parts.length - 2]]) {
    if (!part) continue;
    const match = /(?:^|[^a-z0-9])(\d+|zero|one|two|three|four|five|six|seven|eight|nine|ten)[-_ ]?shots?(?![a-z])/i.exec(part);
    if (match) {
      const word = match[1].toLowerCase();
      return word in SHOT_WORDS ? SHOT_WORDS[word] : Number(word);
    }
  }
  return undefined;
}

/** Training step of a checkpoint revision such as "step143000". */
export function stepFromRevision(revision: string | undefined): number | undefined {
  if (!revision) return undefined;
  const match = /step[-_]?(\d+)/i.exec(revision);
  return match ? Number(match[1]) : undefined;
}

/**
 * Chain-of-thought variants are named by a `cot` token in the task name (`gsm8k_cot`,
 * `bbh_cot_fewshot_snarks`). The token is taken out of the task name and kept as prompting "cot",
 * so the CoT and plain runs of one task land in the same task with different prompting and the
 * analysis can compare them side by side.
 */
export function splitPrompting(task: string): { task: string; prompting?: string } {
  if (!task.includes('cot')) return { task };
  const tokens = task.split('_');
  if (tokens.length < 2 || !tokens.includes('cot')) return { task };
  return { task: tokens.filter((t) => t !== 'cot').join('_'), prompting: 'cot' };
}

/** Prompting as written in a table cell; plain prompting becomes undefined. */
export function normalizePrompting(value: string | undefined): string | undefined {
  const v = value?.trim().toLowerCase();
  if (!v || ['none', 'plain', 'standard', 'default', 'direct', 'vanilla', 'no', 'false'].includes(v)) return undefined;
  if (v === 'cot' || /chain[-_ ]?of[-_ ]?thought/.test(v)) return 'cot';
  return v;
}
