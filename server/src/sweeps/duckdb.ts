// DuckDB (`@duckdb/node-api`, an optional dependency) loaded on first use. Its native binary comes from a platform
// package on npm and is not in the universal .vsix, so a failed load is expected: the caller then streams the file
// in-process, and the reason is told once per process.
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

let instance: Promise<DuckDBInstance | undefined> | undefined;
let unavailable: string | undefined;
let told = false;

/**
 * A connection to the process's one DuckDB database (in memory, so extensions loaded and secrets set are shared),
 * or undefined when the engine cannot load here. One connection per caller: the language server reads several files
 * at once, and a connection runs one query at a time.
 */
export async function duckdb(): Promise<DuckDBConnection | undefined> {
  instance ??= open().catch((e: unknown) => {
    unavailable = e instanceof Error ? e.message.split('\n')[0] : String(e);
    return undefined;
  });
  return (await instance)?.connect();
}

/** EMERGENCE_LENS_DUCKDB=off never loads DuckDB, as on a platform without its binary. */
export const DUCKDB_ENV = 'EMERGENCE_LENS_DUCKDB';

async function open(): Promise<DuckDBInstance> {
  if (process.env[DUCKDB_ENV]?.trim().toLowerCase() === 'off') throw new Error(`${DUCKDB_ENV}=off`);
  const { DuckDBInstance } = await import('@duckdb/node-api');
  // Insertion order is kept so records reach the reader in file order, as when streamed.
  return DuckDBInstance.create(':memory:', { preserve_insertion_order: 'true' });
}

/** A one-line notice the first time DuckDB was wanted but could not load; undefined afterwards and when it loaded. */
export function unavailableNotice(): string | undefined {
  if (unavailable === undefined || told) return undefined;
  told = true;
  return `DuckDB is not available (${unavailable}); per-sample logs are streamed in-process instead`;
}

/** A string as an SQL literal. */
export function sqlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
