// Per-sample logs read by DuckDB: its JSON and Parquet readers parse every record (in parallel, in native code) and
// hand over each record without the prompt, the document and the raw responses, which are most of a log's bytes and
// which the analysis never reads. What is left goes through the same SamplesReader as a streamed log, so both paths
// give the same observations, to the last bit, by construction.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ReadResult } from '../core/types';
import { SamplesReader } from '../readers/samples';
import { duckdb, sqlString } from './duckdb';

export type SampleFileKind = 'jsonl' | 'parquet';

/** Keys of a record the analysis never reads (`arguments` is slimmed, see choices()). */
const DROPPED = ['doc', 'resps'];

/**
 * Observations per file of the given per-sample logs (paths or globs, all of one kind), or undefined when DuckDB
 * cannot load. Throws when DuckDB cannot read them (a damaged line, a missing file): the caller streams instead.
 */
export async function readSamplesWithDuckDB(paths: readonly string[], kind: SampleFileKind): Promise<Map<string, ReadResult> | undefined> {
  const db = await duckdb();
  if (!db) return undefined;
  const readers = new Map<string, SamplesReader>();
  try {
    const result = await db.stream(kind === 'jsonl' ? jsonlQuery(paths) : await parquetQuery(db, paths));
    for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
      const [files, records] = chunk.getColumns() as [string[], string[]];
      for (let i = 0; i < records.length; i++) {
        let reader = readers.get(files[i]);
        if (!reader) readers.set(files[i], (reader = new SamplesReader(files[i])));
        reader.record(JSON.parse(records[i]));
      }
    }
  } finally {
    db.disconnectSync();
  }
  return new Map(Array.from(readers, ([file, reader]) => [file, reader.finish()]));
}

function list(paths: readonly string[]): string {
  return `[${paths.map(sqlString).join(', ')}]`;
}

/** Only objects are records; anything else passes unchanged and the reader ignores it, as when streamed. */
function jsonlQuery(paths: readonly string[]): string {
  const drops = DROPPED.map((k) => `'${k}', NULL`).join(', ');
  // A merge patch removes the keys it sets to null.
  const slim = `json_merge_patch(json, json_object(${drops}, 'arguments', ${choices("json -> 'arguments'", "json ->> 'target'", "json_type(json, '$.target') IN ('UBIGINT', 'BIGINT', 'DOUBLE')")}))`;
  return `SELECT filename, CASE WHEN json_type(json) = 'OBJECT' THEN ${slim} ELSE json END::VARCHAR AS record
FROM read_json_objects(${list(paths)}, format = 'newline_delimited', filename = true)`;
}

/**
 * `arguments` as the reader needs it: each request's `arg_1`, and only when the target is not a choice's index
 * (a number, or digits as text), since the reader matches a target's text against them and reads nothing else.
 */
function choices(args: string, targetText: string, targetIsNumber: string): string {
  const isIndex = `(${targetIsNumber} OR regexp_full_match(${targetText}, '\\s*\\d+\\s*'))`;
  const slim = `to_json(list_transform(json_extract(to_json(${args}), '$.*'), a -> json_object('arg_1', a -> 'arg_1')))`;
  return `CASE WHEN ${isIndex} THEN NULL ELSE ${slim} END`;
}

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL)/;

/** A Parquet log has the JSONL record's keys as columns; the heavy ones are left unread. */
async function parquetQuery(db: DuckDBConnection, paths: readonly string[]): Promise<string> {
  const source = `read_parquet(${list(paths)}, filename = true, union_by_name = true)`;
  const described = await db.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`);
  const types = new Map(described.getRows().map((row) => [String(row[0]), String(row[1])]));
  const targetIsNumber = NUMERIC.test(types.get('target') ?? '') ? 'true' : 'false';
  const fields = [...types.keys()]
    // Without a target the reader never looks at the choices.
    .filter((c) => c !== 'filename' && !DROPPED.includes(c) && (c !== 'arguments' || types.has('target')))
    .map((c) => `${quoteIdentifier(c)} := ${c === 'arguments' ? choices('arguments', 'CAST(target AS VARCHAR)', targetIsNumber) : quoteIdentifier(c)}`);
  return `SELECT filename, to_json(struct_pack(${fields.join(', ')}))::VARCHAR AS record FROM ${source}`;
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
