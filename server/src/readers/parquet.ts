// Rows of a Parquet file (lighteval's per-item details), read with hyparquet and its decompressors (Snappy, Gzip,
// Brotli, LZ4, Zstandard). Throws on a damaged file; the caller says so.
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';

/** More rows than any per-item details file holds; a damaged footer claiming more is not believed. */
const MAX_ROWS = 10_000_000;

/** The given top-level columns of every row, as plain values; undefined when the file has none of them. */
export async function readParquetRows(bytes: Uint8Array, columns: string[]): Promise<Record<string, unknown>[] | undefined> {
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const metadata = parquetMetadata(file);
  if (Number(metadata.num_rows) > MAX_ROWS) throw new Error(`the footer claims ${metadata.num_rows} rows`);
  const present = new Set(metadata.schema.map((s) => s.name));
  const wanted = columns.filter((c) => present.has(c));
  if (wanted.length === 0) return undefined;
  return (await parquetReadObjects({ file, metadata, compressors, columns: wanted })) as Record<string, unknown>[];
}
