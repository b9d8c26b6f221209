// Which per-sample logs DuckDB reads instead of the in-process stream: lm-eval logs (`samples_<task>_<date>.jsonl`)
// past a size, set by EMERGENCE_LENS_DUCKDB_MB (default 64; 0 sends every log to DuckDB, "off" none), and every
// per-sample Parquet log, which has no streaming reader. Below the size the stream is as fast and starts sooner.
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ReadResult } from '../core/types';
import { fileStart } from '../readers/read-context';
import { cachedResult, storeResult } from './aggregate-cache';
import { unavailableNotice } from './duckdb';
import { readSamplesWithDuckDB, type SampleFileKind } from './samples-engine';

export const DUCKDB_MB_ENV = 'EMERGENCE_LENS_DUCKDB_MB';
const DEFAULT_MB = 64;
const SAMPLE_LOG = /^samples_.+\.(jsonl|parquet)$/i;

export function sampleLogKind(file: string): SampleFileKind | undefined {
  return SAMPLE_LOG.exec(basename(file))?.[1].toLowerCase() as SampleFileKind | undefined;
}

/** Logs at least this large go to DuckDB; undefined when DuckDB is switched off. */
export function duckdbThresholdBytes(env = process.env): number | undefined {
  const text = env[DUCKDB_MB_ENV]?.trim();
  if (text?.toLowerCase() === 'off') return undefined;
  const mb = text ? Number(text) : DEFAULT_MB;
  return (Number.isFinite(mb) && mb >= 0 ? mb : DEFAULT_MB) * 1024 * 1024;
}

/**
 * A large per-sample log, from the aggregate cache or else read by DuckDB (or by `stream` when DuckDB cannot load
 * or refuses the log: a damaged line, which the stream then points at); undefined for a small log or another file,
 * which the caller streams as always.
 */
export async function readSampleLog(file: string, stream: (file: string) => Promise<ReadResult>): Promise<ReadResult | undefined> {
  const kind = sampleLogKind(file);
  const threshold = duckdbThresholdBytes();
  if (!kind || threshold === undefined) return undefined;
  const { size, mtimeMs } = await stat(file);
  if (kind === 'jsonl' && size < threshold) return undefined;
  const key = { path: file, size, mtimeMs };
  const cached = await cachedResult(key);
  if (cached) return cached;
  const result = (await readWithDuckDB(file, kind)) ?? (kind === 'jsonl' ? await stream(file) : undefined);
  // Failures are not kept: DuckDB may load next time.
  if (result?.format) await storeResult(key, result);
  return result;
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
