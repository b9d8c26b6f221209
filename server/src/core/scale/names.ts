// Model size and family from a model's name.
//
// A name is cut into segments at "-", "_" and blanks (after taking its last path component). The size token
// is the first segment that is a whole size token with an m or b suffix ("1.4b", "70M", "1b7"). Segments
// like "2.5" in "Qwen2.5", "2" in "mamba2", "3" in "Llama-3" or "v1.1" are not size tokens, because the
// token must be a whole segment with a suffix. k and t suffixes are not taken from names: "4k" is a context
// length and "3T" a token count there.
import { canonicalBase, stripRevision } from './normalize';
import { parseSizeToken } from './parse';
import { lookupRegistry } from './registry';

export interface NameSize {
  params: number;
  /** The segment of the name that states the size ("1.4b", "8x7B"), or the whole name when a registry entry
   *  gives the size of a sizeless name ("davinci", "t5-xxl"). */
  token: string;
  /** "registry" when a published count was found for the name, "name" when read off the token. */
  source: 'registry' | 'name';
  /** True when the registry value is only recalled. */
  estimated: boolean;
  /** Citation of a registry value. */
  note?: string;
}

interface Segments {
  parts: string[];
  /** Index of the size token, if any. */
  size?: number;
  /** Indexes of segments that state a size but are not the total (MoE "8x7B", active "A3B", effective "E2B"). */
  other: number[];
}

function segment(name: string): Segments {
  const parts = canonicalBase(name).split(/[-_\s]+/).filter((p) => p !== '');
  let size: number | undefined;
  const other: number[] = [];
  parts.forEach((p, i) => {
    if (size === undefined && /[mb]\d*$/i.test(p) && parseSizeToken(p) !== undefined) size = i;
    else if (/^\d+x\d+(?:\.\d+)?[mb]$/i.test(p) || /^[ae]\d+(?:\.\d+)?[mb]$/i.test(p)) other.push(i);
  });
  return { parts, size, other };
}

/**
 * Parameter count from a model name. A registry count for the name wins (exact counts such as Pythia's, and
 * names whose written size is wrong or absent: "GPT-3-200B" is the 175B model, "davinci", "t5-xxl",
 * "Mixtral-8x7B"); otherwise the size token. Mixture-of-experts names without a registry entry give nothing,
 * since total parameters are well below experts × expert size.
 */
export function sizeFromModelName(name: string): NameSize | undefined {
  const seg = segment(name);
  const token = seg.size !== undefined ? seg.parts[seg.size] : seg.other.length ? seg.parts[seg.other[0]] : canonicalBase(name);
  const reg = lookupRegistry(name).params;
  if (reg) return { params: reg.value, token, source: 'registry', estimated: reg.estimated, note: reg.source };
  if (seg.size === undefined) return undefined;
  const params = parseSizeToken(seg.parts[seg.size]);
  return params === undefined ? undefined : { params, token, source: 'name', estimated: false };
}

/**
 * Family used to join the sizes of one suite into a series.
 *
 * Rule: take the last path component (the organisation and any "@revision" go), read "_" between single
 * digits as a dot ("t5-v1_1" → "t5-v1.1"), cut at "-", "_" and blanks, drop the size token and any MoE /
 * active / effective size ("8x7B", "A3B", "E2B"), drop a trailing "hf" (a packaging suffix: same weights),
 * lower-case, join with "-", and write "meta-llama-…" as "llama-…". Everything else stays, because it
 * names a different training run: "deduped", "v1.1", "instruct", "chat", "it".
 * Names whose size is a word or absent ("gpt2-medium", "t5-xxl", "davinci") take their family from the registry.
 * A bare size ("128b") has no family: the result is "".
 *
 * "EleutherAI/pythia-1.4b-deduped" → "pythia-deduped"; "pythia-v1.1-70m-deduped" → "pythia-v1.1-deduped";
 * "meta-llama/Llama-2-70b-hf" → "llama-2"; "Llama-2-7b-chat-hf" → "llama-2-chat";
 * "Qwen2.5-0.5B-Instruct" → "qwen2.5-instruct"; "bloom-1b7" → "bloom"; "Qwen3-30B-A3B" → "qwen3".
 */
export function familyFromModelName(name: string): string {
  const registered = lookupRegistry(name).family;
  if (registered) return registered;
  const seg = segment(name);
  const drop = new Set(seg.other);
  if (seg.size !== undefined) drop.add(seg.size);
  const kept = seg.parts.filter((_, i) => !drop.has(i)).map((p) => p.toLowerCase());
  while (kept.length && kept[kept.length - 1] === 'hf') kept.pop();
  const family = kept.join('-').replace(/^meta-llama(?=-|$)/, 'llama');
  // A repository named by its size alone ("CausalLM/14B", "Corianas/590m"): the organisation names the family, or
  // every such model of every organisation would join one nameless family.
  return family || organisation(name) || family;
}

/** "CausalLM/14B" → "causallm"; "" without an organisation. */
function organisation(name: string): string {
  const parts = stripRevision(name).split(/[\\/]+/).filter(Boolean);
  return parts.length > 1 ? parts[parts.length - 2].toLowerCase() : '';
}
