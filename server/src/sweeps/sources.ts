// Sources that are not plain local paths: globs (expanded by DuckDB) and remote URLs (remote.ts). Each yields the files it stands for with what they read to; a source that cannot be
// read yields one problem saying why, at the place of the source.
import type { DuckDBBlobValue } from '@duckdb/node-api';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import type { Problem, ReadResult, SourceRange } from '../core/types';
import { collectFiles, readResultsFile } from '../io/files';
import { isCandidateFile } from '../readers';
import { fileStart } from '../readers/read-context';
import { duckdb, sqlString } from './duckdb';
import { fetchToMirror, huggingFaceUrl, mirrorPath, objectStoreReady, remoteScheme } from './remote';
import { firstLine, sampleLogKind } from './sample-logs';
import { readSamplesWithDuckDB, type SampleFileKind } from './samples-engine';

export interface SourceReading {
  file: string;
  result: ReadResult;
}

const GLOB = /[*?[]/;

/** A source this module reads: a URL, or a glob that names no existing file. */
export async function isSpecialSource(spec: string): Promise<boolean> {
  if (remoteScheme(spec)) return true;
  return GLOB.test(spec) && !(await stat(spec).catch(() => undefined));
}

/** A source as written in an override file: local paths are relative to that file's folder. */
export function resolveSource(spec: string, overridesFile: string | undefined): string {
  return remoteScheme(spec) || isAbsolute(spec) || !overridesFile ? spec : join(dirname(overridesFile), spec);
}

/** What a source stands for, read: a URL, a glob, or a plain file or folder (walked as the workspace is). */
export async function readSource(spec: string, at: SourceRange = fileStart(spec)): Promise<SourceReading[]> {
  try {
    if (!(await isSpecialSource(spec))) return await readLocal(spec, at);
    const scheme = remoteScheme(spec);
    if (scheme === 'http' || scheme === 'hf') return [await readUrl(scheme === 'hf' ? huggingFaceUrl(spec) : spec)];
    if (scheme === 'object-store') {
      const reason = await objectStoreReady();
      if (reason) return [failure(spec, at, reason)];
    }
    return await readGlob(spec, scheme !== undefined, at);
  } catch (e) {
    return [failure(spec, at, `cannot read ${spec}: ${firstLine(e)}`)];
  }
}

async function readLocal(spec: string, at: SourceRange): Promise<SourceReading[]> {
  const { files, missing } = await collectFiles([spec]);
  if (missing.length) return [failure(spec, at, `${spec} does not exist`)];
  const out: SourceReading[] = [];
  for (const file of files) out.push({ file, result: await readResultsFile(file) });
  return out;
}

function failure(spec: string, range: SourceRange, message: string): SourceReading {
  return { file: spec, result: { format: null, observations: [], problems: [{ range, severity: 'error', message }] } };
}

async function readUrl(url: string): Promise<SourceReading> {
  const local = await fetchToMirror(url);
  return { file: url, result: relocate(await readResultsFile(local), local, url) };
}

/**
 * Every file of a glob (a folder URL of an object store stands for all its files). Local files are read one by one
 * as any file is (the stream, the cache, DuckDB past its size); an object store's per-sample logs are read where
 * they are, in one DuckDB query per kind.
 */
async function readGlob(spec: string, remote: boolean, at: SourceRange): Promise<SourceReading[]> {
  const db = await duckdb();
  if (!db) return [failure(spec, at, 'globs are expanded by DuckDB, which is not available here: name the folders instead')];
  const pattern = remote && !GLOB.test(spec) && !/\.[a-z]+$/i.test(spec) ? `${spec.replace(/\/$/, '')}/**` : spec;
  const listed = (await db.runAndReadAll(`SELECT file FROM glob(${sqlString(pattern)}) ORDER BY file`)).getRows().map((r) => String(r[0]));
  const files = listed.filter(isCandidateFile);
  const unlisted = remote ? [] : await unreadableFolders(spec);
  if (files.length === 0) return [failure(spec, at, `no results files match ${spec}`), ...unlisted];
  const out: SourceReading[] = [...unlisted];
  const logs = new Map<SampleFileKind, string[]>();
  for (const file of files) {
    const kind = remote ? sampleLogKind(file) : undefined;
    if (kind) logs.set(kind, [...(logs.get(kind) ?? []), file]);
    else out.push(remote ? await readRemoteFile(file) : { file, result: await readResultsFile(file) });
  }
  for (const [kind, group] of logs) for (const reading of await readRemoteLogs(group, kind)) out.push(reading);
  return out;
}

/**
 * Folders under a local glob's fixed part that could not be listed, each as a warning: DuckDB's glob passes over
 * them without a word, and what they hold would be missing from the analysis without one.
 */
async function unreadableFolders(spec: string): Promise<SourceReading[]> {
  const parts = spec.split(/[\\/]/);
  const fixed = parts.slice(0, parts.findIndex((p) => GLOB.test(p))).join('/') || '.';
  const { skipped } = await collectFiles([fixed]);
  return skipped
    .filter((s) => s.folder)
    .map((s) => ({ file: s.path, result: { format: null, observations: [], problems: [{ range: fileStart(s.path), severity: 'warning', message: `${s.reason}: what it holds is not in ${spec}` }] } }));
}

/** Per-sample logs in an object store; when DuckDB refuses the batch (one damaged log), each is copied and read. */
async function readRemoteLogs(files: string[], kind: SampleFileKind): Promise<SourceReading[]> {
  const batch = await readSamplesWithDuckDB(files, kind).catch(() => undefined);
  const out: SourceReading[] = [];
  for (const file of files) {
    const result = batch?.get(file);
    out.push(result ? { file, result } : await readRemoteFile(file));
  }
  return out;
}

/** A file of an object store copied into the mirror by DuckDB (httpfs) and read as a local file. */
async function readRemoteFile(url: string): Promise<SourceReading> {
  const db = (await duckdb())!;
  const [row] = (await db.runAndReadAll(`SELECT content FROM read_blob(${sqlString(url)})`)).getRows();
  const local = mirrorPath(url);
  await mkdir(dirname(local), { recursive: true });
  await writeFile(local, (row[0] as DuckDBBlobValue).bytes);
  return { file: url, result: relocate(await readResultsFile(local), local, url) };
}

/** The result of reading a local copy, with its places naming the URL the user gave. */
export function relocate(result: ReadResult, local: string, url: string): ReadResult {
  const move = <T extends { file: string }>(range: T): T => (range.file === local ? Object.assign({}, range, { file: url }) : range);
  return Object.assign({}, result, {
    observations: result.observations.map((o) => Object.assign({}, o, { range: move(o.range), model: o.model.range ? Object.assign({}, o.model, { range: move(o.model.range) }) : o.model })),
    problems: result.problems.map((p: Problem) => Object.assign({}, p, { range: move(p.range) })),
  });
}
