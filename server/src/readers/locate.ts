// Offset → line/character conversion. The line index is built once per text, lazily, so files that
// turn out not to be results never pay for it.
import type { SourceRange } from '../core/types';

/** Start offsets of every line of a text; positions are found by binary search. */
export class LineIndex {
  private readonly starts: number[];
  private last = 0;

  /** @param knownStarts line starts already found (by the JSON parser), trusted as is */
  constructor(text: string, knownStarts?: number[]) {
    this.starts = knownStarts ?? [0];
    if (knownStarts) return;
    const starts = this.starts;
    if (text.indexOf('\r') < 0) {
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      return;
    }
    // Lone CR also ends a line for editors (LSP), so the slow loop handles all three endings.
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** Line of an offset (0-based). */
  lineOf(offset: number): number {
    const starts = this.starts;
    // Readers ask in file order, so the answer is usually at or just after the previous one.
    let line = this.last;
    if (starts[line] <= offset) {
      for (let k = 0; k < 4 && line + 1 < starts.length && starts[line + 1] <= offset; k++) line++;
      if (line + 1 >= starts.length || starts[line + 1] > offset) return (this.last = line);
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return (this.last = lo);
  }
}

/** Turns offsets into SourceRanges for one file. */
export interface Locator {
  readonly file: string;
  range(offset: number, length: number): SourceRange;
}

/** Locator over a whole text. */
export class TextLocator implements Locator {
  private index: LineIndex | undefined;

  constructor(
    readonly file: string,
    private readonly text: string,
    private readonly knownLineStarts?: number[],
  ) {}

  get lines(): LineIndex {
    return (this.index ??= new LineIndex(this.text, this.knownLineStarts));
  }

  range(offset: number, length: number): SourceRange {
    const index = this.lines;
    const start = clamp(offset, this.text.length);
    const end = clamp(offset + Math.max(0, length), this.text.length);
    const line = index.lineOf(start);
    const endLine = end === start ? line : index.lineOf(end);
    return {
      file: this.file,
      line,
      character: start - index.lineStart(line),
      endLine,
      endCharacter: end - index.lineStart(endLine),
    };
  }

  /** Range covering a whole line (without its line break). */
  lineRange(line: number): SourceRange {
    const index = this.lines;
    const start = index.lineStart(line);
    const next = line + 1 < index.lineCount ? index.lineStart(line + 1) : this.text.length;
    let end = next;
    while (end > start && (this.text.charCodeAt(end - 1) === 10 || this.text.charCodeAt(end - 1) === 13)) end--;
    return this.range(start, end - start);
  }
}

/**
 * Locator for one line of a streamed file (JSONL): offsets are characters within that line. A lone CR inside it
 * is a line break to the editor, so such a line is located as a small text of its own.
 */
export class LineLocator implements Locator {
  private readonly inner: TextLocator | undefined;

  constructor(
    readonly file: string,
    private readonly line: number,
    private readonly text: string,
  ) {
    if (text.includes('\r')) this.inner = new TextLocator(file, text);
  }

  range(offset: number, length: number): SourceRange {
    if (this.inner) {
      const r = this.inner.range(offset, length);
      return Object.assign({}, r, { line: r.line + this.line, endLine: r.endLine + this.line });
    }
    const start = clamp(offset, this.text.length);
    const end = clamp(offset + Math.max(0, length), this.text.length);
    return { file: this.file, line: this.line, character: start, endLine: this.line, endCharacter: end };
  }
}

function clamp(offset: number, max: number): number {
  return offset < 0 ? 0 : offset > max ? max : offset;
}
