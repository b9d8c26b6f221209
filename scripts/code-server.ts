// code-server (VS Code's workbench in a browser, with a Node extension host) from the tool cache, shared by
// the e2e suite and `npm run try`: install a .vsix into a fresh profile, then serve a folder on 127.0.0.1.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { codeServerBin, node24Bin, node24Env, run } from './tools';

export interface Profile {
  extensionsDir: string;
  userDataDir: string;
  /** code-server's own config file, kept in the profile rather than in ~/.config. */
  config: string;
}

/** Settings that keep the workbench quiet: no welcome page, tips, AI features, telemetry, trust prompt or updates. */
const QUIET = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
};

/** An empty profile under `dir`: code-server's config (`configYaml`) and user settings. */
function emptyProfile(dir: string, configYaml: string, settings: Record<string, unknown>): Profile {
  const profile = { extensionsDir: join(dir, 'extensions'), userDataDir: join(dir, 'user-data'), config: join(dir, 'config.yaml') };
  mkdirSync(join(profile.userDataDir, 'User'), { recursive: true });
  mkdirSync(profile.extensionsDir, { recursive: true });
  writeFileSync(profile.config, configYaml);
  writeFileSync(join(profile.userDataDir, 'User', 'settings.json'), JSON.stringify({ ...QUIET, ...settings }, null, 2));
  return profile;
}

/** A profile under `dir` with the packaged extension installed. */
export function makeProfile(dir: string, vsix: string, settings: Record<string, unknown> = {}): Profile {
  const profile = emptyProfile(dir, 'auth: none\n', settings);
  run(join(node24Bin, 'node'), [...args(profile), '--install-extension', vsix], { env: node24Env(), stdio: ['ignore', 'inherit', 'inherit'] });
  return profile;
}

function args(profile: Profile): string[] {
  return [codeServerBin, '--config', profile.config, '--extensions-dir', profile.extensionsDir, '--user-data-dir', profile.userDataDir];
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface Served {
  url: string;
  process: ChildProcess;
  /** Ends code-server and everything it started (its own process group). */
  stop(): void;
}

/** Serves `folder` and resolves once code-server answers HTTP; `log` receives its output. */
export async function serve(profile: Profile, folder: string, log: (chunk: string) => void = () => {}): Promise<Served> {
  const port = await freePort();
  const flags = ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-workspace-trust', '--disable-update-check'];
  // detached: its own process group, so stop() ends exactly what was started here.
  const child = spawn(join(node24Bin, 'node'), [...args(profile), ...flags, folder], { env: node24Env(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (d: Buffer) => log(d.toString()));
  child.stderr?.on('data', (d: Buffer) => log(d.toString()));
  const stop = () => {
    try {
      if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return { url, process: child, stop };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      stop();
      throw new Error('code-server did not answer within 60 s');
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

// Extension tests in code-server's Node extension host, the way @vscode/test-web runs them in the web workbench:
// the workbench URL's `payload` names a development extension and a tests module; the extension host loads
// the extension from that folder, calls the module's run(), and reports the exit code to the page through
// `window.codeAutomationExit(code)`. A built workbench only reads those payload entries with the smoke-test
// driver on, which code-server passes through to VS Code (`vscode-option`).

/** A profile under `dir` with nothing installed (the extension under test is loaded from its folder). */
export function makeTestProfile(dir: string, settings: Record<string, unknown> = {}): Profile {
  // git would scan the workspace copy at startup for nothing.
  return emptyProfile(dir, 'auth: none\nvscode-option:\n  - enable-smoke-test-driver\n', { 'git.enabled': false, ...settings });
}

export interface ExtensionTests {
  /** Folder of the extension under test (its package.json), on the machine code-server runs on. */
  developmentPath: string;
  /** CommonJS module exporting run(): Promise<void>, run in the extension host. */
  testsPath: string;
  /** Extra environment of the extension host process. */
  env?: Record<string, string>;
}

/** The workbench URL of `served` that runs `tests` (for a profile from makeTestProfile). */
export function extensionTestsUrl(served: Served, tests: ExtensionTests): string {
  const url = new URL(served.url);
  // vscode-remote URIs with the page's host as authority: the server side (the Node extension host) resolves them.
  const remote = (path: string) => `vscode-remote://${url.host}${path.split('/').map(encodeURIComponent).join('/')}`;
  const payload: [string, string][] = [
    ['extensionDevelopmentPath', remote(tests.developmentPath)],
    ['extensionTestsPath', remote(tests.testsPath)],
  ];
  if (tests.env) payload.push(['extensionEnvironment', JSON.stringify(tests.env)]);
  url.searchParams.set('payload', JSON.stringify(payload));
  return url.toString();
}
