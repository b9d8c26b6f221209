// Runs the VS Code integration suite (mocha inside VS Code's extension host) on every VS Code this machine has:
//   code-server from the tool cache (`npm run e2e:setup`), driven by headless Chromium: the Node extension host
//     of VS Code's server, loading the extension from this folder as a development extension
//   VSCODE_EXECUTABLE=/path/to/code ...     also a local desktop VS Code (its Electron binary), via @vscode/test-electron
//   VSCODE_VERSIONS=1.82.0,stable ...       also desktop VS Codes downloaded by @vscode/test-electron (needs the network)
//   VSCODE_TEST_REQUIRED=1 ...              fail instead of skipping when there is no VS Code to run on (as every
//                                           suite does under EMERGENCE_LENS_REQUIRE_ALL=1, which .ci/run sets)
//   CHROMIUM_PATH=...                       the Chromium that opens code-server's workbench (default /usr/bin/chromium)
// Desktop VS Code on Linux without a display gets an Xvfb of its own when installed (or run under `xvfb-run -a`).
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { extensionTestsUrl, makeTestProfile, serve, type Served } from '../../scripts/code-server';
import { isInstalled, VERSIONS } from '../../scripts/tools';
import { REQUIRE_ALL } from '../helpers/required';

const REQUIRED = REQUIRE_ALL || process.env.VSCODE_TEST_REQUIRED === '1';

const ROOT = resolve(__dirname, '../..');
const SUITE_OUT = join(ROOT, '.vscode-test/suite');
const FIXTURE = join(ROOT, 'test/fixtures/protocol/workspace');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The whole suite in code-server; its own waits are 45 s each, so this only catches a host that never reports. */
const CODE_SERVER_DEADLINE_MS = 4 * 60_000;
/** From opening the workbench until mocha starts: longer means the suite was never loaded. */
const SUITE_START_MS = 90_000;

interface Target {
  label: string;
  run: (workspace: string, scratch: string) => Promise<void>;
}

async function main(): Promise<number> {
  // Set when this runs from a VS Code task or terminal of an extension host: VS Code would start as plain Node.
  delete process.env.ELECTRON_RUN_AS_NODE;
  const targets = await vscodeTargets();
  if (!targets.length) {
    const why =
      'VS Code integration suite skipped: no VS Code to run on. It runs on code-server from the tool cache ' +
      `(npm run e2e:setup) with Chromium at ${CHROMIUM} (CHROMIUM_PATH), or on a desktop VS Code (VSCODE_EXECUTABLE=/path/to/code).`;
    if (REQUIRED) throw new Error(why);
    console.log(why);
    return 0;
  }
  await buildSuite();
  let failed = 0;
  for (const target of targets) {
    const scratch = mkdtempSync(join(tmpdir(), 'emergence-lens-vscode-'));
    const workspace = join(scratch, 'workspace');
    cpSync(FIXTURE, workspace, { recursive: true });
    console.log(`\nVS Code integration suite on ${target.label}`);
    const started = Date.now();
    try {
      await target.run(workspace, scratch);
      console.log(`passed on ${target.label} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    } catch (e) {
      failed++;
      console.error(`VS Code integration suite failed on ${target.label}: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  return failed ? 1 : 0;
}

/** Every VS Code to test on: code-server when it and Chromium are here, and the desktop ones asked for. */
async function vscodeTargets(): Promise<Target[]> {
  const targets: Target[] = [];
  if (isInstalled('codeServer') && existsSync(CHROMIUM)) targets.push({ label: `code-server ${VERSIONS.codeServer}`, run: runOnCodeServer });
  else console.log(`(no code-server: ${isInstalled('codeServer') ? `no Chromium at ${CHROMIUM}` : 'not in the tool cache, `npm run e2e:setup` installs it'})`);

  const local = process.env.VSCODE_EXECUTABLE;
  if (local) {
    if (!existsSync(local)) throw new Error(`VSCODE_EXECUTABLE does not exist: ${local}`);
    targets.push({ label: local, run: (workspace, scratch) => runOnDesktop(local, workspace, scratch) });
  }
  for (const version of (process.env.VSCODE_VERSIONS ?? '').split(',').map((v) => v.trim()).filter(Boolean)) {
    try {
      const executable = await downloadAndUnzipVSCode({ version, timeout: 20_000 });
      targets.push({ label: `VS Code ${version}`, run: (workspace, scratch) => runOnDesktop(executable, workspace, scratch) });
    } catch (e) {
      if (REQUIRED) throw e;
      console.log(`(VS Code ${version} cannot be downloaded, not testing on it: ${e instanceof Error ? e.message : String(e)})`);
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

/**
 * code-server serves the workspace; Chromium opens a workbench URL whose payload makes the server's extension
 * host load this folder as a development extension and run the suite (see extensionTestsUrl). The exit code
 * comes back through window.codeAutomationExit; mocha's output through a file the suite writes.
 */
async function runOnCodeServer(workspace: string, scratch: string): Promise<void> {
  const profile = makeTestProfile(join(scratch, 'profile'));
  const mochaLog = join(scratch, 'mocha.log');
  let serverLog = '';
  let served: Served | undefined;
  let browser: Browser | undefined;
  let printed = 0;
  // Prints what mocha has written since the last call, so the tests show up as they finish.
  const flush = () => {
    if (!existsSync(mochaLog)) return;
    const text = readFileSync(mochaLog, 'utf8');
    process.stdout.write(text.slice(printed));
    printed = text.length;
  };
  // code-server runs in its own process group: without this, an interrupted run would leave it serving.
  const onSignal = () => {
    served?.stop();
    process.exit(130);
  };
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  const poll = setInterval(flush, 250);
  try {
    served = await serve(profile, workspace, (chunk) => (serverLog += chunk));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const context = await browser.newContext();
    // vscode.env.clipboard in the web workbench is the page's clipboard.
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(served.url).origin });
    const page = await context.newPage();
    let reportExit: (code: number) => void = () => {};
    const exitCode = new Promise<number>((ok) => (reportExit = ok));
    // The workbench calls this when the extension host has run the suite (the web counterpart of its exit code).
    await page.exposeFunction('codeAutomationExit', (code: number) => reportExit(code));
    const url = extensionTestsUrl(served, {
      developmentPath: ROOT,
      testsPath: join(SUITE_OUT, 'index.js'),
      env: { EMERGENCE_LENS_MOCHA_LOG: mochaLog, EMERGENCE_LENS_MOCHA_COLOR: process.stdout.isTTY ? '1' : '0' },
    });
    await page.goto(url);
    const opened = Date.now();
    const code = await new Promise<number>((ok, fail) => {
      const watchdog = setInterval(() => {
        if (!existsSync(mochaLog) && Date.now() - opened > SUITE_START_MS)
          fail(new Error(`the extension host did not start the suite within ${SUITE_START_MS / 1000} s`));
        else if (Date.now() - opened > CODE_SERVER_DEADLINE_MS) fail(new Error(`no result within ${CODE_SERVER_DEADLINE_MS / 1000} s`));
      }, 1000);
      exitCode.then(ok, fail).finally(() => clearInterval(watchdog));
    });
    flush();
    if (code !== 0) throw new Error(`the extension host exited with ${code}`);
  } catch (e) {
    flush();
    if (serverLog) console.error(`code-server's output (tail):\n${serverLog.slice(-4000)}`);
    throw e;
  } finally {
    clearInterval(poll);
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
    await browser?.close();
    served?.stop();
  }
}

/** Desktop VS Code through @vscode/test-electron; its output is the extension host's own console. */
async function runOnDesktop(executable: string, workspace: string, scratch: string): Promise<void> {
  const display = await ensureDisplay();
  try {
    await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: join(SUITE_OUT, 'index.js'),
      // Other installed extensions stay off: a CSV or JSON extension could take over our languages.
      launchArgs: [workspace, '--disable-extensions', '--disable-gpu', `--user-data-dir=${join(scratch, 'user-data')}`],
      extensionTestsEnv: display ? { DISPLAY: display.name } : undefined,
    });
  } finally {
    display?.stop();
  }
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
