// Permission tests need a user that permissions stop. Root reads a folder whatever its mode, so as root (CI runs
// as root) the process under test runs as `nobody`, from files it can reach: a world-readable temp folder holding
// its own copy of the bundle.
import { chmodSync, copyFileSync, cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';

export const RUNS_AS_ROOT = process.getuid?.() === 0;
const NOBODY = 65534;

const MODULES = resolve(__dirname, '../../node_modules');

/**
 * A temp folder the process under test can read, with `bundle` (and the files it loads beside it, and the packages
 * it leaves out of the bundle, such as DuckDB) copied in when it runs as another user; `as.server` is then the copy
 * to run.
 */
export function readableTempDir(bundle: string, companions: readonly string[] = [], packages: readonly string[] = []): { dir: string; as?: { uid: number; gid: number; server: string } } {
  const dir = mkdtempSync(join(tmpdir(), 'emergence-lens-perm-'));
  chmodSync(dir, 0o755);
  if (!RUNS_AS_ROOT) return { dir };
  for (const file of companions) copyFileSync(file, join(dir, basename(file)));
  for (const name of packages) if (existsSync(join(MODULES, name))) cpSync(join(MODULES, name), join(dir, 'node_modules', name), { recursive: true });
  const server = join(dir, basename(bundle));
  copyFileSync(bundle, server);
  return { dir, as: { uid: NOBODY, gid: NOBODY, server } };
}
