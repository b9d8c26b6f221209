// `npm run package`: builds and packages emergence-lens-<version>.vsix with vsce, under Node 24 (vsce 4 wants 22+).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureVsce, node24Bin, node24Env, run, vsceJs } from './tools';

export const root = resolve(__dirname, '..');

export function vsixPath(): string {
  const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string };
  return join(root, `${name}-${version}.vsix`);
}

/** Packages dist/ as it is into `out`; `build: false` for callers that have just built (the test suite). */
export function packageVsix(out = vsixPath(), { build = true } = {}): string {
  ensureVsce();
  if (build) run(process.execPath, ['build.mjs'], { cwd: root });
  // --no-dependencies: dist/ holds bundles, so no node_modules belongs in the package. Relative links stay
  // relative (there is no repository to point them at); the README's images ship in docs/ and resolve locally.
  const flags = ['--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links'];
  run(join(node24Bin, 'node'), [vsceJs, 'package', ...flags, '-o', out], { cwd: root, env: node24Env() });
  return out;
}

if (require.main === module) packageVsix();
