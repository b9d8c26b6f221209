// JSON → a tree of values with their positions, tolerant of what evaluation tools write.
//
// Two paths produce the same tree:
// - a strict single-pass parser for well-formed files (the common case). jsonc-parser's parseTree is
//   5–10x slower than JSON.parse on large results files, which would blow the performance budget;
//   this parser also accepts the NaN / Infinity / -Infinity literals Python's json.dumps writes.
// - jsonc-parser's parseTree for anything else: it recovers from syntax errors (truncated files) and
//   reports them with exact offsets. Its tree is converted to the same shape; NaN / Infinity, which it
//   flags as invalid symbols, are put back as number nodes.
// Objects keep keys and values in two parallel arrays rather than property nodes: a third of the
// allocations, which matters for garbage collection on big files.
import { parseTree, ParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { DEEP_VALUE_MESSAGE, flattenDeepValues, MAX_JSON_DEPTH } from '../core/json-depth';

export interface JsonNode {
  type: 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';
  offset: number;
  length: number;
  /** Scalars only. Numbers may be NaN or ±Infinity. */
  value?: string | number | boolean | null;
  /** Objects: property names, parallel to `children`. */
  keys?: string[];
  /** Object property values or array items; undefined for containers whose contents were skipped. */
  children?: JsonNode[];
}

export interface JsonSyntaxError {
  offset: number;
  length: number;
  message: string;
  /** A value nested too deep to read (blanked out); the rest of the text is sound as far as this error goes. */
  tooDeep?: true;
}

export interface JsonTree {
  /** Undefined when nothing could be read. */
  root: JsonNode | undefined;
  /** Syntax errors (first per offset), NaN / Infinity literals excluded, and values nested too deep. */
  errors: JsonSyntaxError[];
  /**
   * Line start offsets, collected by the strict parser on the way (in valid JSON line breaks only occur
   * between tokens), which saves a second pass over the text.
   */
  lineStarts?: number[];
}

const MAX_ERRORS = 10;

/**
 * @param skipKeys top-level keys whose values are checked but not built into nodes (their node has no
 *   children). lm-eval's `configs` holds most of a big file's nodes and no reader needs it.
 */
export function parseJsonTree(text: string, skipKeys?: ReadonlySet<string>): JsonTree {
  const tree = strictParse(text, skipKeys);
  if (tree) return tree;
  // Not strictly valid, or nested too deep for either parser: values below the depth bound are blanked out
  // (and reported), then the strict parser gets a second chance and jsonc-parser recovers from the rest.
  const flat = flattenDeepValues(text);
  const deep = flat.deep.map((d): JsonSyntaxError => Object.assign({}, d, { message: DEEP_VALUE_MESSAGE, tooDeep: true as const }));
  const result = (deep.length ? strictParse(flat.text, skipKeys) : undefined) ?? tolerantParse(flat.text);
  if (deep.length) result.errors = [...deep, ...result.errors].slice(0, MAX_ERRORS);
  return result;
}

function strictParse(text: string, skipKeys: ReadonlySet<string> | undefined): JsonTree | undefined {
  try {
    const parser = new StrictParser(text, skipKeys);
    return { root: parser.document(), errors: [], lineStarts: parser.lineStarts };
  } catch {
    return undefined;
  }
}

/** A JSON number (RFC 8259 §6), matched where the parser stands. */
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

/** String characters that need no attention: anything but the closing quote, a backslash or a control character. */
const PLAIN = /[^"\\\u0000-\u001f]*/y;

class Bail extends Error {}
const BAIL = new Bail('not strict JSON');

/** Strict JSON (plus NaN / ±Infinity). Throws on anything else; never recovers. */
class StrictParser {
  private pos = 0;
  private depth = 0;
  readonly lineStarts: number[] = [0];

  constructor(
    private readonly text: string,
    private readonly skipKeys: ReadonlySet<string> | undefined,
  ) {}

  document(): JsonNode {
    this.skipSpace();
    const root = this.value(true, true);
    this.skipSpace();
    if (this.pos !== this.text.length) throw BAIL;
    return root;
  }

  private skipSpace(): void {
    const text = this.text;
    let i = this.pos;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9) i++;
      else if (c === 10) this.lineStarts.push(++i);
      else if (c === 13) {
        if (text.charCodeAt(++i) !== 10) this.lineStarts.push(i);
      } else break;
    }
    this.pos = i;
  }

  /** With build false the value is only checked; containers then come back without children. */
  private value(build: boolean, top = false): JsonNode {
    const c = this.text.charCodeAt(this.pos);
    switch (c) {
      case 123: // {
        return this.object(build, top);
      case 91: // [
        return this.array(build);
      case 34: {
        // "
        const start = this.pos;
        const value = this.string(build);
        return { type: 'string', offset: start, length: this.pos - start, value };
      }
      case 116: // t
        return this.literal('true', 'boolean', true);
      case 102: // f
        return this.literal('false', 'boolean', false);
      case 110: // n
        return this.literal('null', 'null', null);
      case 78: // N
        return this.literal('NaN', 'number', NaN);
      case 73: // I
        return this.literal('Infinity', 'number', Infinity);
      default:
        if (c === 45 || (c >= 48 && c <= 57)) return this.number();
        throw BAIL;
    }
  }

  /** Past the depth bound the text goes to flattenDeepValues first. */
  private enter(): void {
    if (++this.depth > MAX_JSON_DEPTH) throw BAIL;
  }

  private literal(word: string, type: 'boolean' | 'null' | 'number', value: boolean | number | null): JsonNode {
    if (!this.text.startsWith(word, this.pos)) throw BAIL;
    const node: JsonNode = { type, offset: this.pos, length: word.length, value };
    this.pos += word.length;
    return node;
  }

  private number(): JsonNode {
    const text = this.text;
    const start = this.pos;
    if (text.startsWith('-Infinity', start)) {
      this.pos += 9;
      return { type: 'number', offset: start, length: 9, value: -Infinity };
    }
    // JSON's number grammar, not Number()'s: "01", "1." and "1.e5" are not JSON, and leave the strict path.
    NUMBER.lastIndex = start;
    if (!NUMBER.test(text)) throw BAIL;
    const i = NUMBER.lastIndex;
    const c = text.charCodeAt(i);
    // A number runs up to a delimiter; more digits, a dot or an exponent here mean a malformed one ("01", "1.2.3").
    if ((c >= 48 && c <= 57) || c === 46 || c === 101 || c === 69 || c === 43 || c === 45) throw BAIL;
    this.pos = i;
    return { type: 'number', offset: start, length: i - start, value: Number(text.slice(start, i)) };
  }

  /** Reads a string token at pos; its value when `build` (else ''). */
  private string(build: boolean): string {
    const text = this.text;
    const start = this.pos;
    let i = start + 1;
    let escaped = false;
    for (;;) {
      // The regular expression engine skips plain characters several times faster than a charCodeAt loop.
      if (i > text.length) throw BAIL; // an escape at the very end
      PLAIN.lastIndex = i;
      PLAIN.test(text);
      i = PLAIN.lastIndex;
      const c = text.charCodeAt(i);
      if (c === 34) break;
      if (c === 92) {
        escaped = true;
        i += 2;
        continue;
      }
      throw BAIL; // control character, or NaN past the end of the text
    }
    this.pos = i + 1;
    // JSON.parse decodes escapes and rejects bad ones.
    if (escaped) return build ? (JSON.parse(text.slice(start, i + 1)) as string) : (JSON.parse(text.slice(start, i + 1)), '');
    return build ? text.slice(start + 1, i) : '';
  }

  private array(build: boolean): JsonNode {
    this.enter();
    const children: JsonNode[] | undefined = build ? [] : undefined;
    // Same object shape whether built or not keeps property access monomorphic (measurably faster).
    const node: JsonNode = { type: 'array', offset: this.pos, length: 0, keys: undefined, children };
    this.pos++;
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) !== 93) {
      for (;;) {
        const item = this.value(build);
        children?.push(item);
        this.skipSpace();
        const c = this.text.charCodeAt(this.pos);
        if (c === 44) {
          this.pos++;
          this.skipSpace();
        } else if (c === 93) break;
        else throw BAIL;
      }
    }
    this.pos++;
    node.length = this.pos - node.offset;
    this.depth--;
    return node;
  }

  private object(build: boolean, top: boolean): JsonNode {
    this.enter();
    const text = this.text;
    const keys: string[] | undefined = build ? [] : undefined;
    const children: JsonNode[] | undefined = build ? [] : undefined;
    const node: JsonNode = { type: 'object', offset: this.pos, length: 0, keys, children };
    this.pos++;
    this.skipSpace();
    if (text.charCodeAt(this.pos) !== 125) {
      for (;;) {
        if (text.charCodeAt(this.pos) !== 34) throw BAIL;
        const key = this.string(build || top);
        this.skipSpace();
        if (text.charCodeAt(this.pos) !== 58) throw BAIL;
        this.pos++;
        this.skipSpace();
        const value = this.value(build && !(top && this.skipKeys?.has(key)));
        keys?.push(key);
        children?.push(value);
        this.skipSpace();
        const c = text.charCodeAt(this.pos);
        if (c === 44) {
          this.pos++;
          this.skipSpace();
        } else if (c === 125) break;
        else throw BAIL;
      }
    }
    this.pos++;
    node.length = this.pos - node.offset;
    this.depth--;
    return node;
  }
}

type NonFinite = Map<number, { length: number; value: number }>;

function tolerantParse(text: string): JsonTree {
  const raw: ParseError[] = [];
  const tree: Node | undefined = parseTree(text, raw);
  const nonFinite: NonFinite = new Map();
  const errors: JsonSyntaxError[] = [];
  let lastOffset = -1;
  for (let k = 0; k < raw.length; k++) {
    const e = raw[k];
    if (e.error === ParseErrorCode.InvalidSymbol) {
      const word = text.substr(e.offset, e.length);
      if (word === 'NaN' || word === 'Infinity') {
        const prev = raw[k - 1];
        const negative = prev?.error === ParseErrorCode.InvalidSymbol && prev.offset === e.offset - 1 && text[prev.offset] === '-';
        if (negative && errors.length > 0 && errors[errors.length - 1].offset === prev.offset) errors.pop();
        const start = negative ? e.offset - 1 : e.offset;
        const sign = negative ? -1 : 1;
        nonFinite.set(start, { length: e.offset + e.length - start, value: word === 'NaN' ? NaN : sign * Infinity });
        // jsonc-parser follows the unknown symbol with "value expected" at the next token.
        const next = raw[k + 1];
        if (next?.error === ParseErrorCode.ValueExpected && text.slice(e.offset + e.length, next.offset).trim() === '') k++;
        continue;
      }
    }
    if (e.offset === lastOffset || errors.length >= MAX_ERRORS) continue;
    lastOffset = e.offset;
    errors.push({ offset: e.offset, length: e.length, message: syntaxMessage(e.error, text, e.offset) });
  }
  const root = tree ? convert(tree, text, nonFinite) : undefined;
  if (root) dropCutNumber(root, text.length);
  return { root, errors };
}

/** jsonc-parser's tree → ours; properties it left without a value get their NaN / Infinity back, or are dropped. */
function convert(node: Node, text: string, nonFinite: NonFinite): JsonNode {
  const { offset, length } = node;
  switch (node.type) {
    case 'object': {
      const keys: string[] = [];
      const children: JsonNode[] = [];
      for (const property of node.children ?? []) {
        const [keyNode, valueNode] = property.children ?? [];
        if (keyNode?.type !== 'string') continue;
        const value = valueNode ? convert(valueNode, text, nonFinite) : nonFiniteAfterColon(property, text, nonFinite);
        if (!value) continue;
        keys.push(keyNode.value as string);
        children.push(value);
      }
      return { type: 'object', offset, length, keys, children };
    }
    case 'array':
      return { type: 'array', offset, length, keys: undefined, children: (node.children ?? []).map((c) => convert(c, text, nonFinite)) };
    case 'property': // not reachable from convert's callers; kept total for the type checker
      return { type: 'null', offset, length, value: null };
    default:
      return { type: node.type, offset, length, value: node.value as JsonNode['value'] };
  }
}

function nonFiniteAfterColon(property: Node, text: string, nonFinite: NonFinite): JsonNode | undefined {
  if (property.colonOffset === undefined || nonFinite.size === 0) return undefined;
  let i = property.colonOffset + 1;
  while (i < text.length && /\s/.test(text[i])) i++;
  const token = nonFinite.get(i);
  return token ? { type: 'number', offset: i, length: token.length, value: token.value } : undefined;
}

/** In a truncated file the last number may have lost digits ("0.43916" → "0.43"): it is not a value. */
function dropCutNumber(root: JsonNode, end: number): void {
  let node: JsonNode | undefined = root;
  while (node?.children && node.children.length > 0) {
    const last: JsonNode = node.children[node.children.length - 1];
    if (last.type === 'number' && last.offset + last.length >= end) {
      node.children.pop();
      node.keys?.pop();
      return;
    }
    node = last;
  }
}

const MESSAGES: Partial<Record<ParseErrorCode, string>> = {
  [ParseErrorCode.InvalidSymbol]: 'unexpected symbol',
  [ParseErrorCode.InvalidNumberFormat]: 'invalid number',
  [ParseErrorCode.PropertyNameExpected]: 'property name expected',
  [ParseErrorCode.ValueExpected]: 'value expected',
  [ParseErrorCode.ColonExpected]: "':' expected",
  [ParseErrorCode.CommaExpected]: "',' expected",
  [ParseErrorCode.CloseBraceExpected]: "'}' expected",
  [ParseErrorCode.CloseBracketExpected]: "']' expected",
  [ParseErrorCode.EndOfFileExpected]: 'end of file expected',
  [ParseErrorCode.UnexpectedEndOfString]: 'unterminated string',
  [ParseErrorCode.UnexpectedEndOfNumber]: 'unterminated number',
  [ParseErrorCode.InvalidCharacter]: 'invalid character in string',
  [ParseErrorCode.InvalidEscapeCharacter]: 'invalid escape in string',
  [ParseErrorCode.InvalidUnicode]: 'invalid unicode escape',
};

function syntaxMessage(code: ParseErrorCode, text: string, offset: number): string {
  const what = MESSAGES[code] ?? 'syntax error';
  const truncated = offset >= text.trimEnd().length;
  return truncated ? `JSON ends too early (file truncated?): ${what}` : `JSON syntax error: ${what}`;
}

// ---- Small tree helpers shared by the readers ----

/** Calls fn for every property of an object node, in file order. */
export function forEachProperty(node: JsonNode | undefined, fn: (key: string, value: JsonNode) => void): void {
  if (node?.type !== 'object' || !node.keys || !node.children) return;
  const { keys, children } = node;
  for (let i = 0; i < keys.length; i++) fn(keys[i], children[i]);
}

/** Value nodes of an object's properties by key (the last one wins, as in JSON.parse). */
export function propertyMap(node: JsonNode | undefined): Map<string, JsonNode> {
  const map = new Map<string, JsonNode>();
  forEachProperty(node, (key, value) => map.set(key, value));
  return map;
}

/** Value node of one key (objects in results files have a handful of keys: a scan is cheapest). */
export function propertyValue(node: JsonNode | undefined, key: string): JsonNode | undefined {
  const keys = node?.keys;
  if (!keys) return undefined;
  const i = keys.lastIndexOf(key);
  return i >= 0 ? node.children![i] : undefined;
}

/** Plain JS value of a node (objects, arrays, NaN included); undefined for skipped containers. */
export function plainValue(node: JsonNode | undefined): unknown {
  if (!node) return undefined;
  if (node.type === 'object') {
    if (!node.keys || !node.children) return undefined;
    // No prototype: a "__proto__" or "constructor" key is just data.
    const out: Record<string, unknown> = Object.create(null);
    for (let i = 0; i < node.keys.length; i++) out[node.keys[i]] = plainValue(node.children[i]);
    return out;
  }
  if (node.type === 'array') return node.children?.map(plainValue);
  return node.value;
}

/** Number value of a number node (may be NaN or ±Infinity). */
export function numberOf(node: JsonNode | undefined): number | undefined {
  return node?.type === 'number' && typeof node.value === 'number' ? node.value : undefined;
}

export function stringOf(node: JsonNode | undefined): string | undefined {
  return node?.type === 'string' ? (node.value as string) : undefined;
}

/** JSON.parse, or the tolerant reader for what Python writes beyond JSON (NaN) and for damaged text. */
export function lenientJson(source: string | undefined): unknown {
  if (source === undefined) return undefined;
  try {
    return JSON.parse(source);
  } catch {
    return plainValue(parseJsonTree(source).root);
  }
}
