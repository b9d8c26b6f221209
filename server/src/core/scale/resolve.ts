// Turns what a file says about a model into the numbers the analysis plots, each with where it came from.
import type { ModelOverride, Overrides } from '../config';
import type { ResolvedModel, ValueDetail, ValueSource } from '../results';
import type { ModelInfo } from '../types';
import { familyFromModelName, sizeFromModelName } from './names';
import { lastComponent, revisionInName, stepFromRevision, stripRevision, tokensFromRevision } from './normalize';
import { lookupRegistry, type Fact } from './registry';

export type { ValueDetail };

/** A resolved model with why each number is what it is. */
export type ScaledModel = ResolvedModel;

/** Training FLOPs ≈ 6·N·D (Kaplan et al. 2020, as used by Hoffmann et al. §3.3 and Wei et al.). */
export const FLOPS_PER_PARAM_TOKEN = 6;

/**
 * The override entry for a model: exact key, then case-insensitive, then keys and name compared on their
 * last path component (so "pythia-1.4b" in the override file matches "EleutherAI/pythia-1.4b"). A key with
 * "@revision" matches only that checkpoint and is preferred over the key without it.
 */
export function findModelOverride(name: string, overrides?: Overrides, revision?: string): ModelOverride | undefined {
  const models = overrides?.models;
  if (!models) return undefined;
  const keys = Object.keys(models);
  const rev = revision ?? revisionInName(name);
  const bare = stripRevision(name);
  const names = rev ? [`${bare}@${rev}`, bare] : [bare];
  // The checkpoint-specific key first, at every level of looseness, then the key for the model as a whole.
  for (const n of names) {
    if (Object.hasOwn(models, n)) return models[n];
    const lower = n.toLowerCase();
    const ci = keys.find((k) => k.toLowerCase() === lower);
    if (ci !== undefined) return models[ci];
    const nRev = n === bare ? undefined : rev?.toLowerCase();
    const last = lastComponent(n).toLowerCase();
    const k = keys.find((key) => revisionInName(key)?.toLowerCase() === nRev && lastComponent(key).toLowerCase() === last);
    if (k !== undefined) return models[k];
  }
  return undefined;
}

/**
 * Resolve a model's family, parameters, training tokens and FLOPs.
 *
 * Parameters: override > file (total, else non-embedding) > registry > size token in the name.
 * Tokens: override > file > checkpoint (step × tokens per step, or "tokens4B" in the revision) > registry
 * full run (only when no partial checkpoint is named) > registry tokens-per-parameter rule.
 * FLOPs: override > file > registry (cited values 6·N·D cannot reproduce, only for the full run with published
 * inputs) > 6·N·D.
 * Family: override > file > familyFromModelName.
 */
export function resolveModel(info: ModelInfo, overrides?: Overrides): ScaledModel {
  const override = findModelOverride(info.name, overrides, info.revision);
  const reg = lookupRegistry(info.name);
  const revision = info.revision ?? revisionInName(info.name);
  const revisionStep = revision !== undefined ? stepFromRevision(revision) : undefined;
  const step = info.step ?? revisionStep;

  const out: ScaledModel = {
    name: info.name,
    family: nonEmpty(override?.family) ?? nonEmpty(info.family) ?? familyFromModelName(info.name),
  };
  if (step !== undefined) out.step = step;

  // Parameters.
  const fromName = sizeFromModelName(info.name);
  if (positive(override?.params)) set(out, 'params', override!.params!, 'override', false, 'set in emergence-lens.json');
  else if (positive(info.params)) set(out, 'params', info.params!, 'file', false);
  else if (positive(info.nonEmbeddingParams)) set(out, 'params', info.nonEmbeddingParams!, 'file', false, 'non-embedding parameters');
  else if (fromName) set(out, 'params', fromName.params, fromName.source, fromName.estimated, fromName.note ?? `from "${fromName.token}" in the name`);

  // Tokens.
  const revisionTokens = revision !== undefined ? tokensFromRevision(revision) : undefined;
  if (positive(override?.tokens)) set(out, 'tokens', override!.tokens!, 'override', false, 'set in emergence-lens.json');
  else if (positive(info.tokens)) set(out, 'tokens', info.tokens!, 'file', false);
  else if (step !== undefined && reg.tokensPerStep) {
    const perStep = reg.tokensPerStep;
    set(out, 'tokens', step * perStep.value, 'checkpoint', perStep.estimated, `step ${step} × ${perStep.value.toLocaleString('en-US')} tokens (${perStep.source})`);
  } else if (revisionTokens !== undefined) set(out, 'tokens', revisionTokens, 'checkpoint', false, `from revision "${revision}"`);
  // A checkpoint named only by its step, with no known batch size, is part of a run: the full-run count would overstate it.
  else if (revisionStep === undefined && reg.tokens) setFact(out, 'tokens', reg.tokens);
  else if (revisionStep === undefined && reg.tokensPerParam && out.params !== undefined) {
    const rule = reg.tokensPerParam;
    set(out, 'tokens', rule.value * out.params, 'registry', rule.estimated || (out.paramsDetail?.estimated ?? false), `${rule.value} tokens per parameter (${rule.source})`);
  }

  // FLOPs.
  const registryFlopsApply =
    reg.flops !== undefined &&
    out.paramsSource !== 'override' &&
    (out.tokensSource === undefined || out.tokensSource === 'registry') &&
    revisionStep === undefined;
  if (positive(override?.flops)) set(out, 'flops', override!.flops!, 'override', false, 'set in emergence-lens.json');
  else if (positive(info.flops)) set(out, 'flops', info.flops!, 'file', false);
  else if (registryFlopsApply) setFact(out, 'flops', reg.flops!);
  else if (out.params !== undefined && out.tokens !== undefined) {
    const estimated = (out.paramsDetail?.estimated ?? false) || (out.tokensDetail?.estimated ?? false);
    set(out, 'flops', FLOPS_PER_PARAM_TOKEN * out.params * out.tokens, 'computed', estimated, '6 · parameters · tokens');
  }
  return out;
}

/** Everything resolveModel reads from a ModelInfo: equal keys resolve to the same model, so callers can cache on it. */
function modelInfoKey(m: ModelInfo): string {
  return [m.name, m.family, m.params, m.nonEmbeddingParams, m.flops, m.tokens, m.step, m.revision].join('|');
}

/**
 * resolveModel with memory, for one set of overrides: by ModelInfo object (readers share one per file), then by
 * modelInfoKey. The analysis host keeps one until the overrides change, so an edit resolves nothing again. Bounded:
 * past `limit` descriptions (a name typed letter by letter leaves one per letter) it starts afresh, which costs only
 * resolving again, since a model is found by its name and family, never by which object describes it.
 */
export class ModelResolver {
  private readonly byKey = new Map<string, ScaledModel>();
  private byObject = new WeakMap<ModelInfo, ScaledModel>();

  constructor(
    readonly overrides: Overrides = {},
    private readonly limit = 100_000,
  ) {}

  /** Model descriptions remembered. */
  get size(): number {
    return this.byKey.size;
  }

  resolve(info: ModelInfo): ScaledModel {
    let model = this.byObject.get(info);
    if (!model) {
      const key = modelInfoKey(info);
      model = this.byKey.get(key);
      if (!model) {
        if (this.byKey.size >= this.limit) this.byKey.clear();
        this.byKey.set(key, (model = resolveModel(info, this.overrides)));
      }
      this.byObject.set(info, model);
    }
    return model;
  }
}

type Quantity = 'params' | 'tokens' | 'flops';

function set(out: ScaledModel, q: Quantity, value: number, source: ValueSource, estimated: boolean, note?: string): void {
  out[q] = value;
  out[`${q}Source`] = source;
  out[`${q}Detail`] = note === undefined ? { estimated } : { estimated, note };
}

function setFact(out: ScaledModel, q: Quantity, fact: Fact): void {
  set(out, q, fact.value, 'registry', fact.estimated, fact.source);
}

function positive(n: number | undefined): boolean {
  return typeof n === 'number' && Number.isFinite(n) && n > 0;
}

function nonEmpty(s: string | undefined): string | undefined {
  const t = s?.trim();
  return t ? t : undefined;
}
