// Numbers written the way people write model sizes: "1.4b", "70M", "1b7" (BLOOM), "6.7B".

const SUFFIX_EXPONENT: Record<string, number> = { k: 3, m: 6, b: 9, t: 12 };

/**
 * A size token: digits with a k/m/b/t suffix ("1.4b" → 1.4e9, "560m" → 5.6e8) or BLOOM's
 * "<int><b|m><digits>" ("1b7" → 1.7e9, "7b1" → 7.1e9). Plain numbers and exponent forms ("2e22") are not
 * size tokens. The value is built as a decimal string so "1.4b" is exactly 1400000000, not 1399999999.9999998.
 */
export function parseSizeToken(text: string): number | undefined {
  const t = text.trim();
  let m = /^(\d+(?:\.\d+)?)\s*([kmbt])$/i.exec(t);
  if (m) return positive(Number(`${m[1]}e${SUFFIX_EXPONENT[m[2].toLowerCase()]}`));
  m = /^(\d+)([kmbt])(\d+)$/i.exec(t);
  if (m) return positive(Number(`${m[1]}.${m[3]}e${SUFFIX_EXPONENT[m[2].toLowerCase()]}`));
  return undefined;
}

/**
 * A count as a user writes it in the override file: a plain number ("2e22", "1414647808",
 * "1,414,647,808", "1_000") or a size token ("1.4B", "300b", "1.4T").
 */
export function parseScaleNumber(text: string): number | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  // Thousands separators only between digit groups, so "1,4" is not silently read as 14.
  const plain = /^\d{1,3}(?:[,_]\d{3})+$/.test(t) ? t.replace(/[,_]/g, '') : t;
  if (/^[+]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i.test(plain)) return positive(Number(plain));
  return parseSizeToken(t);
}

function positive(n: number): number | undefined {
  return Number.isFinite(n) && n > 0 ? n : undefined;
}
