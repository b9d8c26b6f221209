// Model scale: parameters, training tokens and FLOPs of a model, from the file, the name, a registry of
// published facts, or the user's overrides. Pure: no editor and no file system.
export { parseSizeToken, parseScaleNumber } from './parse';
export { sizeFromModelName, familyFromModelName, type NameSize } from './names';
export { stepFromRevision, tokensFromRevision, lastComponent, stripRevision, nameKey } from './normalize';
export { lookupRegistry, REGISTRY, type Fact, type RegistryEntry, type RegistryHit } from './registry';
export { resolveModel, ModelResolver, findModelOverride, FLOPS_PER_PARAM_TOKEN, type ScaledModel, type ValueDetail } from './resolve';
