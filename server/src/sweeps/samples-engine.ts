// Per-sample logs read by DuckDB: its JSON and Parquet readers parse every record (in parallel, in native code) and
// hand over each record without the prompt, the document and the raw responses, which are most of a log's bytes and
// which the analysis never reads. What is left goes through the same SamplesReader as a streamed log, so both paths
// give the same observations, to the last bit, by construction.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ReadResult } from '../core/types';
import { SamplesReader } from '../readers/samples';
import { duckdb, sqlString } from './duckdb';

export type SampleFileKind = 'jsonl' | 'parquet';

/** Keys of a record the analysis never reads; `arguments` keeps only each request's `arg_1` (a choice's text). */
const DROPPED = ['doc', 'resps'];

/**
 * Observations per file of the given per-sample logs (paths or globs, all of one kind), or undefined when DuckDB
 * cannot load. Throws when DuckDB cannot read them (a damaged line, a missing file): the caller streams instead.
 */
export async function readSamplesWithDuckDB(paths: readonly string[], kind: SampleFileKind): Promise<Map<string, ReadResult> | undefined> {
  const db = await duckdb();
  if (!db) return undefined;
  const readers = new Map<string, SamplesReader>();
  const result = await db.stream(kind === 'jsonl' ? jsonlQuery(paths) : await parquetQuery(db, paths));
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
    const [files, records] = chunk.getColumns() as [string[], string[]];
    for (let i = 0; i < records.length; i++) {
      let reader = readers.get(files[i]);
      if (!reader) readers.set(files[i], (reader = new SamplesReader(files[i])));
      reader.record(JSON.parse(records[i]));
    }
  }
  return new Map(Array.from(readers, ([file, reader]) => [file, reader.finish()]));
}

function list(paths: readonly string[]): string {
  return `[${paths.map(sqlString).join(', ')}]`;
}

/** Only objects are records; anything else passes unchanged and the reader ignores it, as when streamed. */
function jsonlQuery(paths: readonly string[]): string {
  return `SELECT filename, CASE WHEN json_type(json) = 'OBJECT' THEN ${slim('json')} ELSE json END::VARCHAR AS record
FROM read_json_objects(${list(paths)}, format = 'newline_delimited', filename = true)`;
}

/** The record as JSON without the dropped keys (a merge patch removes the keys it sets to null). */
function slim(record: string): string {
  const drops = DROPPED.map((k) => `'${k}', NULL`).join(', ');
  const choices = `list_transform(json_extract(${record}, '$.arguments.*'), a -> json_object('arg_1', a -> 'arg_1'))`;
  return `json_merge_patch(${record}, json_object(${drops}, 'arguments', to_json(${choices})))`;
}

/** A Parquet log has the JSONL record's keys as columns; the heavy ones are left unread. */
async function parquetQuery(db: DuckDBConnection, paths: readonly string[]): Promise<string> {
  const source = `read_parquet(${list(paths)}, filename = true, union_by_name = true)`;
  const described = await db.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`);
  const columns = described.getRows().map((row) => String(row[0]));
  const fields = columns
    .filter((c) => c !== 'filename' && !DROPPED.includes(c))
    .map((c) => `${quoteIdentifier(c)} := ${c === 'arguments' ? 'to_json(arguments)' : quoteIdentifier(c)}`);
  return `SELECT filename, ${slim(`to_json(struct_pack(${fields.join(', ')}))`)}::VARCHAR AS record FROM ${source}`;
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
