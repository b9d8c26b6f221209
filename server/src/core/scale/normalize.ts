// Name handling shared by the name rules and the registry: which part of a model id names the model.

/** Drop a trailing revision: "EleutherAI/pythia-1.4b@step3000" → "EleutherAI/pythia-1.4b". */
export function stripRevision(name: string): string {
  const at = name.indexOf('@');
  return (at >= 0 ? name.slice(0, at) : name).trim();
}

/** The revision written after "@" in a name, if any. */
export function revisionInName(name: string): string | undefined {
  const at = name.indexOf('@');
  const rev = at >= 0 ? name.slice(at + 1).trim() : '';
  return rev || undefined;
}

/**
 * Last path component without the organisation: "meta-llama/Llama-2-70b-hf" → "Llama-2-70b-hf", and lm-eval
 * v0.4's directory form "state-spaces__mamba2-130m" → "mamba2-130m". Trailing slashes are ignored.
 */
export function lastComponent(name: string): string {
  const parts = stripRevision(name).split(/[\\/]+/).filter((p) => p !== '');
  const last = parts.length ? parts[parts.length - 1] : '';
  const dunder = last.lastIndexOf('__');
  return dunder >= 0 && dunder + 2 < last.length ? last.slice(dunder + 2) : last;
}

/**
 * Last component with "_" read as a decimal point where a repository name cannot hold a dot:
 * "t5-v1_1-xxl" → "t5-v1.1-xxl", "stablelm-2-1_6b" → "stablelm-2-1.6b". Only single digits on both sides, so
 * BIG-bench's "GPT_3_13B"-style separators are left alone.
 */
export function canonicalBase(name: string): string {
  return lastComponent(name).replace(/(^|[-v])(\d)_(\d)(?!\d)/gi, '$1$2.$3');
}

/**
 * Key the registry matches on: last component, lower case, "_" and blanks as "-", packaging suffix "-hf"
 * dropped (same weights converted to the transformers layout). "BIG-G_128b_T=0" → "big-g-128b-t=0".
 */
export function nameKey(name: string): string {
  return canonicalBase(name)
    .toLowerCase()
    .replace(/[\s_]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
    .replace(/-hf$/, '');
}

/** "step143000" → 143000; also "global_step1000", "step1000-tokens4B" (OLMo). Not "main". */
export function stepFromRevision(rev: string): number | undefined {
  const m = /(?:^|[^a-z])step[-_]?(\d+)(?!\d)/i.exec(rev.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** Tokens seen as written in a revision: OLMo's "step1000-tokens4B" → 4e9. */
export function tokensFromRevision(rev: string): number | undefined {
  const m = /(?:^|[^a-z])tokens?[-_]?(\d+(?:\.\d+)?)([kmbt])(?![a-z])/i.exec(rev);
  if (!m) return undefined;
  const exp = { k: 3, m: 6, b: 9, t: 12 }[m[2].toLowerCase() as 'k' | 'm' | 'b' | 't'];
  return Number(`${m[1]}e${exp}`);
}
