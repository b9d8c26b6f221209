// A few named entries of a ZIP archive (Inspect's .eval logs), read with fflate. Stored and Deflate entries come
// through the central directory (unzipSync); Zstandard entries (method 93, which Inspect writes when INSPECT_USE_ZSTD
// is set) through fflate's streaming reader with fzstd as its decoder, since unzipSync knows no other method.
import { Unzip, UnzipInflate, unzipSync, type AsyncFlateStreamHandler, type UnzipDecoder } from 'fflate';
import { Decompress } from 'fzstd';

const ZSTD = 93;
/** Largest entry expanded: far above any log header or score list, far below what would exhaust memory. */
const MAX_ENTRY_BYTES = 512 * 1024 * 1024;
/** The streaming reader recurses once per entry within a chunk it is given: small chunks keep the stack shallow. */
const STREAM_CHUNK = 64 * 1024;

export interface ZipContents {
  /** Every entry name in the archive, in central-directory order. */
  names: string[];
  /** The wanted entries that the archive holds, expanded. */
  entries: Map<string, Uint8Array>;
}

/** Expands the entries `wanted` picks. Throws on a damaged archive or an entry in a method it cannot expand. */
export function readZipEntries(bytes: Uint8Array, wanted: (name: string) => boolean): ZipContents {
  const names: string[] = [];
  const zstd = new Set<string>();
  const entries = new Map<string, Uint8Array>(
    Object.entries(
      unzipSync(bytes, {
        filter: ({ name, compression, originalSize }) => {
          names.push(name);
          if (!wanted(name)) return false;
          if (originalSize > MAX_ENTRY_BYTES) throw new Error(`${name} expands to ${originalSize} bytes, more than can be read`);
          if (compression !== ZSTD) return true;
          zstd.add(name);
          return false;
        },
      }),
    ),
  );
  if (zstd.size > 0) for (const [name, data] of streamEntries(bytes, zstd)) entries.set(name, data);
  return { names, entries };
}

/** fflate's decoder interface around fzstd's streaming decompressor. */
class UnzipZstd implements UnzipDecoder {
  static readonly compression = ZSTD;
  ondata: AsyncFlateStreamHandler = () => undefined;
  private readonly zstd = new Decompress((chunk, final) => this.ondata(null, chunk as Uint8Array<ArrayBuffer>, final === true));

  push(chunk: Uint8Array, final: boolean): void {
    this.zstd.push(chunk, final);
  }
}

function streamEntries(bytes: Uint8Array, names: ReadonlySet<string>): Map<string, Uint8Array> {
  const chunks = new Map<string, Uint8Array[]>();
  let failure: Error | undefined;
  const unzip = new Unzip((file) => {
    if (!names.has(file.name)) return;
    const parts: Uint8Array[] = [];
    chunks.set(file.name, parts);
    file.ondata = (error, data) => {
      if (error) failure ??= error;
      else if (data.length) parts.push(data.slice());
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  unzip.register(UnzipZstd);
  for (let at = 0; at < bytes.length && !failure; at += STREAM_CHUNK) {
    unzip.push(bytes.subarray(at, at + STREAM_CHUNK), at + STREAM_CHUNK >= bytes.length);
  }
  if (failure) throw failure;
  const out = new Map<string, Uint8Array>();
  for (const [name, parts] of chunks) out.set(name, concatBytes(parts));
  return out;
}

export function concatBytes(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
