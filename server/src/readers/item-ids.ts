// Item ids as the 32-bit integers the per-item machinery pairs on (core/paired.ts). Harnesses name items by integer
// (Inspect's sample ids), by string ("0", "id58485" in HELM) or not at all (lighteval details: the question text).

/** Integers (and integer strings) as they are; other ids hashed, so one item gets the same id in every model's file. */
export function itemId(id: unknown): number | undefined {
  if (typeof id === 'number') return (id | 0) === id ? id : undefined;
  if (typeof id !== 'string' || id === '') return undefined;
  if (/^-?\d{1,9}$/.test(id)) return Number(id);
  // FNV-1a: a collision makes two items share an id, which ItemCollector then refuses to pair.
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return hash | 0;
}
