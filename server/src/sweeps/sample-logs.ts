// Which per-sample logs DuckDB reads instead of the in-process stream: every per-sample Parquet log, which has no
// streaming reader, and lm-eval JSONL logs (`samples_<task>_<date>.jsonl`) at least EMERGENCE_LENS_DUCKDB_MB large
// (0: all of them). JSONL is streamed by default: on the 2-core machines measured (README, Sweeps) DuckDB's JSON
// reader plus handing the records over costs more than the stream's JSON.parse. Large logs (LARGE_LOG_BYTES), however
// read, and every log DuckDB reads go through the aggregate cache.
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ReadResult } from '../core/types';
import { fileStart } from '../readers/read-context';
import { cachedResult, storeResult } from './aggregate-cache';
import { unavailableNotice } from './duckdb';
import { readSamplesWithDuckDB, type SampleFileKind } from './samples-engine';

export const DUCKDB_MB_ENV = 'EMERGENCE_LENS_DUCKDB_MB';
/** Per-sample logs at least this large are cached (aggregate-cache.ts). */
export const LARGE_LOG_BYTES = 64 * 1024 * 1024;
const SAMPLE_LOG = /^samples_.+\.(jsonl|parquet)$/i;

export function sampleLogKind(file: string): SampleFileKind | undefined {
  return SAMPLE_LOG.exec(basename(file))?.[1].toLowerCase() as SampleFileKind | undefined;
}

/** JSONL logs at least this large go to DuckDB; undefined (the default, and "off") when none do. */
export function duckdbThresholdBytes(env = process.env): number | undefined {
  const mb = Number(env[DUCKDB_MB_ENV]?.trim() || NaN);
  return Number.isFinite(mb) && mb >= 0 ? mb * 1024 * 1024 : undefined;
}

/**
 * A large per-sample log, from the aggregate cache or else read by DuckDB (or by `stream` when DuckDB cannot load
 * or refuses the log: a damaged line, which the stream then points at); undefined for a small log or another file,
 * which the caller streams as always.
 */
export async function readSampleLog(file: string, stream: (file: string) => Promise<ReadResult>): Promise<ReadResult | undefined> {
  if (!sampleLogKind(file)) return undefined;
  const { size, mtimeMs } = await stat(file);
  const route = aggregateRoute(file, size);
  if (!route) return undefined;
  const { kind, viaDuckDB } = route;
  const key = { path: file, size, mtimeMs };
  const cached = await cachedResult(key);
  if (cached) return cached;
  const result = (viaDuckDB ? await readWithDuckDB(file, kind) : undefined) ?? (kind === 'jsonl' ? await stream(file) : undefined);
  // Failures are not kept: DuckDB may load next time.
  if (result?.format) await storeResult(key, result);
  return result;
}

/** How a per-sample log of `size` bytes is read through the aggregate cache; undefined when it is not (another file, a small log). */
function aggregateRoute(file: string, size: number): { kind: SampleFileKind; viaDuckDB: boolean } | undefined {
  const kind = sampleLogKind(file);
  if (!kind) return undefined;
  const threshold = duckdbThresholdBytes();
  const viaDuckDB = kind === 'parquet' || (threshold !== undefined && size >= threshold);
  return viaDuckDB || size >= LARGE_LOG_BYTES ? { kind, viaDuckDB } : undefined;
}

/** Whether the aggregate cache keeps what this file reads to (so no other cache need). */
export function keptByAggregateCache(file: string, size: number): boolean {
  return aggregateRoute(file, size) !== undefined;
}

async function readWithDuckDB(file: string, kind: SampleFileKind): Promise<ReadResult | undefined> {
  let results: Map<string, ReadResult> | undefined;
  try {
    results = await readSamplesWithDuckDB([file], kind);
  } catch (e) {
    return kind === 'parquet' ? failed(file, `DuckDB could not read this per-sample log: ${firstLine(e)}`) : undefined;
  }
  if (!results) {
    const notice = unavailableNotice();
    if (notice) process.stderr.write(`emergence-lens: ${notice}\n`);
    return kind === 'parquet' ? failed(file, 'per-sample Parquet logs are read by DuckDB, which is not available here') : undefined;
  }
  // No record at all: the stream tells what the file is instead.
  return results.get(file) ?? (kind === 'parquet' ? failed(file, 'no per-sample records') : undefined);
}

function failed(file: string, message: string): ReadResult {
  return { format: null, observations: [], problems: [{ range: fileStart(file), severity: 'error', message }] };
}

export function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}
