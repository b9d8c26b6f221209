// A bound on JSON nesting. Both JSON parsers here (ours and jsonc-parser) recurse once per level, so a value
// nested thousands deep would overflow the stack and lose the whole file. Such values are blanked out before
// parsing instead, offsets and line breaks kept, and each is reported where it starts: the rest of the file reads.
// No results or override file comes near the bound (lm-eval's deepest values sit about ten levels down).

export const MAX_JSON_DEPTH = 512;

export interface DeepValue {
  offset: number;
  length: number;
}

export const DEEP_VALUE_MESSAGE = `JSON nested more than ${MAX_JSON_DEPTH} levels deep: this value is not read`;

/**
 * The text with every container that opens below MAX_JSON_DEPTH replaced by `0` and spaces (line breaks kept, so
 * positions still match the editor's), and where those containers were. Brackets inside strings do not count; a
 * string ends at its closing quote or, as in jsonc-parser's scanner, at a line break.
 */
export function flattenDeepValues(text: string): { text: string; deep: DeepValue[] } {
  const deep: DeepValue[] = [];
  let depth = 0;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) i = stringEnd(text, i);
    else if (c === 123 || c === 91) {
      if (++depth === MAX_JSON_DEPTH + 1) start = i;
    } else if (c === 125 || c === 93) {
      if (depth > 0 && --depth === MAX_JSON_DEPTH) {
        deep.push({ offset: start, length: i + 1 - start });
        start = -1;
      }
    }
  }
  if (start >= 0) deep.push({ offset: start, length: text.length - start });
  if (deep.length === 0) return { text, deep };
  const pieces: string[] = [];
  let last = 0;
  for (const { offset, length } of deep) {
    pieces.push(text.slice(last, offset), blank(text.slice(offset, offset + length)));
    last = offset + length;
  }
  pieces.push(text.slice(last));
  return { text: pieces.join(''), deep };
}

/** Index of the quote that closes the string opening at `open` (or of the line break or end that cuts it). */
function stringEnd(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 34 || c === 10 || c === 13) return i;
  }
  return text.length;
}

/** `0` (never read: nothing is read this deep) followed by spaces, with the value's line breaks. */
function blank(value: string): string {
  return '0' + value.slice(1).replace(/[^\r\n]/g, ' ');
}
