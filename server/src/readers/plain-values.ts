// Checks on plain values (what JSON.parse and hyparquet give), for readers that walk them rather than a JsonNode tree.

/** A JSON object: not null, not an array. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
