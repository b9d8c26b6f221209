// Rows of a Parquet file (lighteval's per-item details), read with hyparquet, which decodes Snappy itself; Zstandard
// (fzstd) and Gzip (fflate) come from the libraries the ZIP reader already bundles. Brotli and LZ4 pages, which
// lighteval does not write, make the file unreadable (and it says so). Throws on a damaged file; the caller says so.
import { gunzipSync } from 'fflate';
import { decompress as zstd } from 'fzstd';
import { parquetMetadata, parquetReadObjects, type Compressors } from 'hyparquet';

/** More rows than any per-item details file holds; a damaged footer claiming more is not believed. */
const MAX_ROWS = 10_000_000;

const COMPRESSORS: Compressors = {
  ZSTD: (input, length) => zstd(input, new Uint8Array(length)),
  GZIP: (input, length) => gunzipSync(input, { out: new Uint8Array(length) }),
};

/** The given top-level columns of every row, as plain values; undefined when the file has none of them. */
export async function readParquetRows(bytes: Uint8Array, columns: string[]): Promise<Record<string, unknown>[] | undefined> {
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const metadata = parquetMetadata(file);
  if (Number(metadata.num_rows) > MAX_ROWS) throw new Error(`the footer claims ${metadata.num_rows} rows`);
  const present = new Set(metadata.schema.map((s) => s.name));
  const wanted = columns.filter((c) => present.has(c));
  if (wanted.length === 0) return undefined;
  return (await parquetReadObjects({ file, metadata, compressors: COMPRESSORS, columns: wanted })) as Record<string, unknown>[];
}
