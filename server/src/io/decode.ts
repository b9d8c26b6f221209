// Bytes on disk → text. Results files are not always UTF-8: PowerShell's `>` writes UTF-16LE, some Windows tools
// write UTF-16BE or UTF-32. A byte-order mark says which; without one, the NUL bytes around the first character
// do, since every format read here starts with an ASCII character (the rule of RFC 4627 §3 for JSON).
// TextDecoder decodes UTF-8 and UTF-16 and drops their mark; it has no UTF-32 (the Encoding Standard leaves it
// out), so UTF-32 is re-coded to UTF-16LE on the way in.

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be';

/** The encoding of a file from its first bytes (four are enough). */
export function detectEncoding(head: Uint8Array): Encoding {
  const [a, b, c, d] = head;
  if (head.length >= 4 && a === 0xff && b === 0xfe && c === 0 && d === 0) return 'utf-32le';
  if (head.length >= 4 && a === 0 && b === 0 && c === 0xfe && d === 0xff) return 'utf-32be';
  if (a === 0xef && b === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (a === 0xff && b === 0xfe) return 'utf-16le';
  if (a === 0xfe && b === 0xff) return 'utf-16be';
  if (head.length < 4) return 'utf-8';
  if (a === 0 && b === 0 && c === 0 && d !== 0) return 'utf-32be';
  if (a !== 0 && b === 0 && c === 0 && d === 0) return 'utf-32le';
  if (a === 0 && b !== 0 && c === 0 && d !== 0) return 'utf-16be';
  if (a !== 0 && b === 0 && c !== 0 && d === 0) return 'utf-16le';
  return 'utf-8';
}

/** The part of TextDecoder the readers use: chunks in, text out, a character split across chunks kept for the next. */
export interface ChunkDecoder {
  decode(chunk?: Uint8Array, options?: { stream?: boolean }): string;
}

export function createDecoder(encoding: Encoding): ChunkDecoder {
  return encoding === 'utf-32le' || encoding === 'utf-32be' ? new Utf32Decoder(encoding === 'utf-32le') : new TextDecoder(encoding);
}

/** A whole file's text (without its byte-order mark). */
export function decodeText(bytes: Uint8Array): string {
  return createDecoder(detectEncoding(bytes)).decode(bytes);
}

const REPLACEMENT = 0xfffd;

/** UTF-32 code points re-coded as UTF-16LE for TextDecoder; a code point past U+10FFFF or a surrogate becomes U+FFFD. */
class Utf32Decoder implements ChunkDecoder {
  private readonly utf16 = new TextDecoder('utf-16le');
  private pending = new Uint8Array(0);
  private started = false;

  constructor(private readonly littleEndian: boolean) {}

  decode(chunk: Uint8Array = new Uint8Array(0), options?: { stream?: boolean }): string {
    const bytes = this.pending.length ? concat(this.pending, chunk) : chunk;
    const whole = bytes.length - (bytes.length % 4);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const out = new Uint8Array(whole); // UTF-16 never takes more bytes than UTF-32
    let length = 0;
    for (let i = 0; i < whole; i += 4) {
      let code = view.getUint32(i, this.littleEndian);
      if (!this.started) {
        this.started = true;
        if (code === 0xfeff) continue;
      }
      if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) code = REPLACEMENT;
      if (code >= 0x10000) {
        const offset = code - 0x10000;
        length = put(out, length, 0xd800 + (offset >> 10));
        length = put(out, length, 0xdc00 + (offset & 0x3ff));
      } else length = put(out, length, code);
    }
    const stream = options?.stream === true;
    this.pending = stream ? bytes.slice(whole) : new Uint8Array(0);
    // A cut-off code point at the very end is a broken character, as TextDecoder treats one.
    const tail = !stream && whole < bytes.length ? '\ufffd' : '';
    return this.utf16.decode(out.subarray(0, length)) + tail;
  }
}

function put(out: Uint8Array, at: number, unit: number): number {
  out[at] = unit & 0xff;
  out[at + 1] = unit >> 8;
  return at + 2;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
