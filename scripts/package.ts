// `npm run package`: builds and packages emergence-lens-<version>.vsix with vsce, under Node 24 (vsce 4 wants 22+).
// `npm run package -- --target linux-x64`: a platform-specific package that also carries DuckDB (the sweeps engine,
// an optional dependency) with that platform's binary, as installed in node_modules; the universal package has none
// and streams per-sample logs in-process.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureVsce, node24Bin, node24Env, run, vsceJs } from './tools';

export const root = resolve(__dirname, '..');

export function vsixPath(target?: string): string {
  const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string };
  return join(root, `${name}-${target ? `${target}-` : ''}${version}.vsix`);
}

/** The packages DuckDB loads from (node-api → node-bindings → the platform's binary, and detect-libc). */
function duckdbPackages(target: string): string[] {
  const packages = ['@duckdb/node-api', '@duckdb/node-bindings', `@duckdb/node-bindings-${target}`, 'detect-libc'];
  const absent = packages.filter((p) => !existsSync(join(root, 'node_modules', p, 'package.json')));
  if (absent.length) throw new Error(`--target ${target} needs ${absent.join(', ')} in node_modules (npm install --os/--cpu for another platform)`);
  return packages;
}

/** Packages dist/ as it is into `out`; `build: false` for callers that have just built (the test suite). */
export function packageVsix(out?: string, { build = true, target }: { build?: boolean; target?: string } = {}): string {
  ensureVsce();
  if (build) run(process.execPath, ['build.mjs'], { cwd: root });
  // --no-dependencies: dist/ holds bundles, so no node_modules belongs in the package, except DuckDB's in a
  // platform package (its binary cannot be bundled). Relative links stay relative (there is no repository to point
  // them at); the README's images ship in docs/ and resolve locally.
  const flags = ['--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links'];
  const dir = target ? mkdtempSync(join(tmpdir(), 'el-package-')) : undefined;
  if (target && dir) {
    const ignore = join(dir, 'vscodeignore');
    const include = duckdbPackages(target).map((p) => `!node_modules/${p}/**`);
    writeFileSync(ignore, [readFileSync(join(root, '.vscodeignore'), 'utf8'), ...include, ''].join('\n'));
    // vsce leaves out every node_modules file under --no-dependencies; the ignore file keeps all but DuckDB's out.
    flags.splice(flags.indexOf('--no-dependencies'), 1, '--target', target, '--ignoreFile', ignore);
  }
  const file = out ?? vsixPath(target);
  try {
    run(join(node24Bin, 'node'), [vsceJs, 'package', ...flags, '-o', file], { cwd: root, env: node24Env() });
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
  return file;
}

if (require.main === module) {
  const at = process.argv.indexOf('--target');
  packageVsix(undefined, { target: at > 0 ? process.argv[at + 1] : undefined });
}
