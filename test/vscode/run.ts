// Runs the VS Code integration suite (mocha inside the extension host) with @vscode/test-electron.
//   npm run test:vscode                     downloads VS Code (the minimum of engines.vscode, then stable) and runs
//   VSCODE_EXECUTABLE=/path/to/code ...     runs on a local VS Code (its Electron binary), no download
//   VSCODE_VERSIONS=stable ...              which versions to download (comma-separated)
//   VSCODE_TEST_REQUIRED=1 ...              fail instead of skipping when VS Code cannot be downloaded
// On Linux without a display it starts Xvfb when installed (or run it under `xvfb-run -a`).
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { build } from 'esbuild';

const ROOT = resolve(__dirname, '../..');
const SUITE_OUT = join(ROOT, '.vscode-test/suite');
const FIXTURE = join(ROOT, 'test/fixtures/protocol/workspace');
const SKIP = 'VS Code integration suite skipped: cannot download VS Code here (set VSCODE_EXECUTABLE to a local VS Code to run it)';

interface Target {
  label: string;
  executable: string;
}

async function main(): Promise<number> {
  // Set when this runs from a VS Code task or terminal of an extension host: VS Code would start as plain Node.
  delete process.env.ELECTRON_RUN_AS_NODE;
  const targets = await vscodeTargets();
  if (!targets) return 0;
  await buildSuite();
  const display = await ensureDisplay();
  let failed = 0;
  try {
    for (const target of targets) {
      const scratch = mkdtempSync(join(tmpdir(), 'emergence-lens-vscode-'));
      const workspace = join(scratch, 'workspace');
      cpSync(FIXTURE, workspace, { recursive: true });
      console.log(`\nVS Code integration suite on ${target.label}`);
      try {
        await runTests({
          vscodeExecutablePath: target.executable,
          extensionDevelopmentPath: ROOT,
          extensionTestsPath: join(SUITE_OUT, 'index.js'),
          // Other installed extensions stay off: a CSV or JSON extension could take over our languages.
          launchArgs: [workspace, '--disable-extensions', '--disable-gpu', `--user-data-dir=${join(scratch, 'user-data')}`],
          extensionTestsEnv: display ? { DISPLAY: display.name } : undefined,
        });
      } catch (e) {
        failed++;
        console.error(`VS Code integration suite failed on ${target.label}: ${e instanceof Error ? e.message : String(e)}`);
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    }
  } finally {
    display?.stop();
  }
  return failed ? 1 : 0;
}

/** VS Code executables to test on, or undefined (after saying why) when none can be had. */
async function vscodeTargets(): Promise<Target[] | undefined> {
  const local = process.env.VSCODE_EXECUTABLE;
  if (local) {
    if (!existsSync(local)) throw new Error(`VSCODE_EXECUTABLE does not exist: ${local}`);
    return [{ label: local, executable: local }];
  }
  const minimum = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { vscode: string } }).engines.vscode.replace(/^\^/, '');
  const versions = (process.env.VSCODE_VERSIONS ?? `${minimum},stable`).split(',').map((v) => v.trim()).filter(Boolean);
  const targets: Target[] = [];
  for (const version of versions) {
    try {
      targets.push({ label: `VS Code ${version}`, executable: await downloadAndUnzipVSCode({ version, timeout: 20_000 }) });
    } catch (e) {
      if (process.env.VSCODE_TEST_REQUIRED === '1') throw e;
      console.log(`(${e instanceof Error ? e.message : String(e)})`);
      console.log(SKIP);
      return undefined;
    }
  }
  return targets;
}

/** The suite runs inside VS Code as CommonJS; `vscode` and `mocha` come from the host and node_modules. */
async function buildSuite(): Promise<void> {
  rmSync(SUITE_OUT, { recursive: true, force: true });
  await build({
    entryPoints: [join(__dirname, 'suite/index.ts'), join(__dirname, 'suite/extension.test.ts')],
    outdir: SUITE_OUT,
    bundle: true,
    platform: 'node',
    target: 'node18',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
}

/** On Linux without a display, an Xvfb of our own (ended by its pid afterwards). */
async function ensureDisplay(): Promise<{ name: string; stop: () => void } | undefined> {
  if (process.platform !== 'linux' || process.env.DISPLAY || process.env.WAYLAND_DISPLAY) return undefined;
  let n = 99;
  while (existsSync(`/tmp/.X${n}-lock`)) n++;
  let xvfb: ChildProcess;
  try {
    xvfb = spawn('Xvfb', [`:${n}`, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
    await new Promise<void>((ok, fail) => {
      xvfb.once('error', fail);
      const deadline = Date.now() + 10_000;
      const poll = () => (existsSync(`/tmp/.X11-unix/X${n}`) ? ok() : Date.now() > deadline ? fail(new Error('Xvfb did not start')) : setTimeout(poll, 100));
      poll();
    });
  } catch (e) {
    throw new Error(`No display for VS Code and Xvfb could not be started (${e instanceof Error ? e.message : String(e)}): install xvfb or run under xvfb-run -a`);
  }
  return { name: `:${n}`, stop: () => xvfb.kill() };
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
