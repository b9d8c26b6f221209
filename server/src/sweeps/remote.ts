// Remote sources. http(s):// and hf:// files are downloaded by Node into a mirror of their URL under the cache
// folder (so the folder that names the model is kept), revalidated with ETag / Last-Modified on the next open, and
// then read like local files. s3:// and gs:// go through DuckDB's httpfs extension, which cannot be downloaded
// here: when it is not installed, one line says how to install it. Credentials come from the environment at each
// use (HF_TOKEN, AWS_*, GCS_*) and are never written anywhere.
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { cacheDir } from '../io/cache-folder';
import { duckdb, sqlString } from './duckdb';
import { firstLine } from './sample-logs';

export type Scheme = 'http' | 'hf' | 'object-store';

export function remoteScheme(spec: string): Scheme | undefined {
  if (/^https?:\/\//i.test(spec)) return 'http';
  if (/^hf:\/\//i.test(spec)) return 'hf';
  if (/^(s3|gs|gcs):\/\//i.test(spec)) return 'object-store';
  return undefined;
}

/** hf://datasets/<org>/<name>[@<revision>]/<path> as the Hub's download URL. */
export function huggingFaceUrl(spec: string): string {
  const m = /^hf:\/\/(datasets|spaces|models)\/([^/]+)\/([^/@]+)(?:@([^/]+))?\/(.+)$/i.exec(spec);
  if (!m) throw new Error(`${spec}: expected hf://datasets/<org>/<name>[@<revision>]/<path>`);
  const [, kind, org, name, revision = 'main', path] = m;
  const repo = kind.toLowerCase() === 'models' ? `${org}/${name}` : `${kind.toLowerCase()}/${org}/${name}`;
  return `https://huggingface.co/${repo}/resolve/${encodeURIComponent(revision)}/${path}`;
}

interface Validators {
  etag?: string;
  lastModified?: string;
}

/** Where a URL's copy lives: <cache>/remote/<host>/<path>, so its file and folder names stay as they were. */
export function mirrorPath(url: string): string {
  const { host, pathname } = new URL(url);
  const parts = pathname.split('/').filter((p) => p && p !== '.' && p !== '..').map(decodeURIComponent);
  return join(cacheDir() ?? join(tmpdir(), 'emergence-lens'), 'remote', host.replace(/[:]/g, '_'), parts.join('/'));
}

/** Downloads a URL (revalidating an earlier copy) and gives the local copy's path; throws with a one-line reason. */
export async function fetchToMirror(url: string, env = process.env): Promise<string> {
  const file = mirrorPath(url);
  const meta = `${file}.validators.json`;
  const known = await readFile(meta, 'utf8')
    .then((t) => JSON.parse(t) as Validators)
    .catch(() => undefined);
  const haveCopy = known !== undefined && (await stat(file).catch(() => undefined)) !== undefined;
  const headers: Record<string, string> = {};
  if (haveCopy && known.etag) headers['if-none-match'] = known.etag;
  if (haveCopy && known.lastModified) headers['if-modified-since'] = known.lastModified;
  if (env.HF_TOKEN && new URL(url).host === 'huggingface.co') headers.authorization = `Bearer ${env.HF_TOKEN}`;
  const response = await fetch(url, { headers, redirect: 'follow' }).catch((e: unknown) => {
    // fetch says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND…) is its cause.
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    throw new Error(`${url}: ${cause?.code ?? cause?.message ?? firstLine(e)}`);
  });
  if (response.status === 304 && haveCopy) return file;
  if (!response.ok || !response.body) throw new Error(`${url}: HTTP ${response.status} ${response.statusText}`.trim());
  await mkdir(dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  // Streamed to disk: a log of gigabytes never sits in memory.
  await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), createWriteStream(partial));
  await rename(partial, file);
  const validators: Validators = { etag: response.headers.get('etag') ?? undefined, lastModified: response.headers.get('last-modified') ?? undefined };
  await writeFile(meta, JSON.stringify(validators));
  return file;
}

export const HTTPFS_MISSING =
  "s3:// and gs:// sources need DuckDB's httpfs extension, which is not installed: run INSTALL httpfs once in DuckDB with internet access, or copy httpfs.duckdb_extension into ~/.duckdb/extensions/<version>/<platform>/ (see the README, Sweeps)";

let httpfs: Promise<string | undefined> | undefined;

/** Loads httpfs and sets the object stores' credentials from the environment; a reason when it cannot. */
export function objectStoreReady(env = process.env): Promise<string | undefined> {
  httpfs ??= (async () => {
    const db = await duckdb();
    if (!db) return 's3:// and gs:// sources are read by DuckDB, which is not available here';
    try {
      await db.run('LOAD httpfs');
    } catch {
      return HTTPFS_MISSING;
    }
    try {
      for (const statement of secretStatements(env)) await db.run(statement);
    } catch (e) {
      return `object-store credentials from the environment were refused: ${firstLine(e)}`;
    }
    return undefined;
  })();
  return httpfs;
}

/** TEMPORARY secrets live in the DuckDB process only; nothing is persisted. */
export function secretStatements(env: NodeJS.ProcessEnv): string[] {
  const out: string[] = [];
  const option = (name: string, value: string | undefined) => (value ? [`${name} ${sqlString(value)}`] : []);
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    const options = [
      ...option('KEY_ID', env.AWS_ACCESS_KEY_ID),
      ...option('SECRET', env.AWS_SECRET_ACCESS_KEY),
      ...option('SESSION_TOKEN', env.AWS_SESSION_TOKEN),
      ...option('REGION', env.AWS_REGION ?? env.AWS_DEFAULT_REGION),
      ...option('ENDPOINT', env.AWS_ENDPOINT_URL?.replace(/^https?:\/\//, '')),
    ];
    out.push(`CREATE OR REPLACE TEMPORARY SECRET emergence_lens_s3 (TYPE s3, ${options.join(', ')})`);
  }
  if (env.GCS_ACCESS_KEY_ID && env.GCS_SECRET_ACCESS_KEY) {
    out.push(`CREATE OR REPLACE TEMPORARY SECRET emergence_lens_gcs (TYPE gcs, KEY_ID ${sqlString(env.GCS_ACCESS_KEY_ID)}, SECRET ${sqlString(env.GCS_SECRET_ACCESS_KEY)})`);
  }
  return out;
}
