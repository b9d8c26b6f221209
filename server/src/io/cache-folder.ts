// Where Emergence Lens keeps what it can read again: one folder per workspace under the XDG cache folder
// (~/.cache/emergence-lens/<hash of the workspace root>), outside the workspace, so the user's files are never
// written. EMERGENCE_LENS_RESULTS_CACHE names another folder, or "off" turns every cache off. Nothing in it is
// needed: a cache that cannot be read or written is only slower.
import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import { join } from 'node:path';

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

export function digest(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
