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

/** A profile under `dir` with the packaged extension installed and settings that keep the screen quiet. */
export function makeProfile(dir: string, vsix: string, settings: Record<string, unknown> = {}): Profile {
  const profile = { extensionsDir: join(dir, 'extensions'), userDataDir: join(dir, 'user-data'), config: join(dir, 'config.yaml') };
  mkdirSync(join(profile.userDataDir, 'User'), { recursive: true });
  writeFileSync(profile.config, 'auth: none\n');
  const quiet = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'chat.disableAIFeatures': true,
    'telemetry.telemetryLevel': 'off',
    'security.workspace.trust.enabled': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
  };
  writeFileSync(join(profile.userDataDir, 'User', 'settings.json'), JSON.stringify({ ...quiet, ...settings }, null, 2));
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
