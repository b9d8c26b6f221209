// Where Emergence Lens keeps what it can read again: one folder per workspace under the XDG cache folder
// (~/.cache/emergence-lens/<hash of the workspace root>), outside the workspace, so the user's files are never
// written. EMERGENCE_LENS_RESULTS_CACHE names another folder, or "off" turns every cache off. Nothing in it is
// needed: a cache that cannot be read or written is only slower.
import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export const CACHE_DIR_ENV = 'EMERGENCE_LENS_RESULTS_CACHE';

let workspaceRoot = process.cwd();

/** The workspace whose cache is used (the CLI's current folder until the language server names its folder). */
export function setCacheWorkspace(root: string): void {
  workspaceRoot = root;
}

/** The cache folder, or undefined when caching is off. */
export function cacheDir(env = process.env): string | undefined {
  const set = env[CACHE_DIR_ENV]?.trim();
  if (set?.toLowerCase() === 'off') return undefined;
  if (set) return set;
  const base = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'emergence-lens', digest(workspaceRoot).slice(0, 16));
}

export function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

const PARTIAL = '.partial';

/** The partial file a write of `file` by this process goes through. */
function partialOf(file: string): string {
  return `${file}.${process.pid}${PARTIAL}`;
}

/**
 * Removes from `dir` the partial files of writes cut short (the editor stopped the server mid-write): large, and
 * never used. Those of a process still running are its writes in progress (another window's server), and stay.
 */
export async function removeAbandoned(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(names.filter(abandoned).map((n) => rm(join(dir, n), { force: true }).catch(() => undefined)));
}

function abandoned(name: string): boolean {
  if (!name.endsWith(PARTIAL)) return false;
  const pid = Number(/\.(\d+)\.[^.]+$/.exec(name)?.[1]);
  if (!pid || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Writes `bytes` as `file` (and its folder): through a partial file renamed into place, so a reader never sees half of it. Throws as the file system does. */
export async function replaceFile(file: string, bytes: Uint8Array): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const partial = partialOf(file);
  await writeFile(partial, bytes);
  await rename(partial, file);
}
