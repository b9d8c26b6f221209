// The packaged extension in a real VS Code: code-server (the workbench in a browser, with a Node extension
// host) driven by headless Chromium, as ../shared/recipes/real-editors.md describes. Each step leaves a
// screenshot in test-results/e2e/. Skips unless Chromium and code-server are there (EMERGENCE_LENS_E2E_INSTALL=1
// installs code-server into the tool cache first; `.ci/run` does).
import { strict as assert } from 'node:assert';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type FrameLocator, type Locator, type Page } from 'playwright-core';
import { makeProfile, serve, type Served } from '../../scripts/code-server';
import { packageVsix, root } from '../../scripts/package';
import { ensureCodeServer, ensureVsce, isInstalled } from '../../scripts/tools';
import { withBuildLock } from '../helpers/build-lock';
import { poll } from '../helpers/poll';
import { skipUnlessRequired } from '../helpers/required';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const INSTALL = Boolean(process.env.EMERGENCE_LENS_E2E_INSTALL);
const SHOTS = join(root, 'test-results', 'e2e');
const RESULTS = 'results_2025-01-01T00-00-04.json'; // toy-lm-2.8b: arithmetic_3da jumps here
// Real results beside the examples, copied from ../shared/samples at test time: BLOOM at five sizes (lm-eval v0.3).
const SAMPLES = join(root, '..', 'shared', 'samples', 'lm-eval-v0.3-bloom');
const BLOOM = 'bloom-7b1.json';
// Lines (1-based) of bloom-7b1.json: high-school statistics, a jump of 2 SE that does not survive the
// multiple-comparison check (20 %, 21 %, 18 %, 25 %, 33 %); human sexuality, flat above chance (0.25).
const STATISTICS_TASK_LINE = 117;
const STATISTICS_ACC_LINE = 118;
const SEXUALITY_ACC_LINE = 214;
// Every emergent or possibly emergent series of the workspace, each listed once in the Problems panel: the six
// of the examples (README), the hostile-named copy of word_unscramble and BLOOM's high-school statistics.
const FINDINGS = 8;
const STEP = 90_000;
// A task name that would run a command or load an image if a hover or the tree rendered it as markup.
const HOSTILE = '<img src=x onerror=alert(1)> [run](command:workbench.action.terminal.new) **bold**';

/** Pids of the extension's language servers started from this profile (code-server forks dist/server.js). */
function serverPids(extensionsDir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let cmdline: string;
    try {
      cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
    } catch {
      continue; // ended meanwhile
    }
    const args = cmdline.split('\0');
    if (args.some((a) => a.startsWith(extensionsDir) && a.endsWith('/dist/server.js'))) pids.push(Number(entry));
  }
  return pids;
}

/** For state outside the page (processes, files), where Playwright cannot wait. */
const until = <T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeout = STEP): Promise<T> => poll(what, probe, timeout, 200);

function skipReason(): string | false {
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`;
  if (!INSTALL && !(isInstalled('codeServer') && isInstalled('vsce')))
    return 'code-server is not in the tool cache: set EMERGENCE_LENS_E2E_INSTALL=1 to install it (about 3 minutes, 800 MB)';
  return false;
}

describe('e2e: the packaged extension in code-server', { skip: skipUnlessRequired(skipReason()), timeout: 15 * 60_000 }, () => {
  let work: string;
  let folder: string;
  let extensionsDir: string;
  let served: Served | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let log = '';
  let shot = 0;
  const snap = (name: string) => page.screenshot({ path: join(SHOTS, `${String(++shot).padStart(2, '0')}-${name}.png`) });
  const editor = () => page.locator('.editor-group-container.active .monaco-editor').first();
  const quickInput = () => page.locator('.quick-input-widget input');
  /** Waits for `locator`, leaving a screenshot named `failed` when it does not show. */
  const shown = (locator: Locator, failed: string) =>
    locator.waitFor().catch(async (e: unknown) => {
      await snap(failed);
      throw e;
    });
  /**
   * Asks for the hover at the cursor (after `place` puts it there) until one holding `text` shows. A hover asked for
   * while the server is still busy with a change (re-analysis after emergence-lens.json changed, a file opened the
   * first time) can come back empty and is not asked again by the editor, so it is asked again here.
   */
  const hoverWith = async (text: string, failed: string, place?: () => Promise<void>): Promise<Locator> => {
    const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: text }).first();
    await until(`a hover saying "${text}"`, async () => {
      await page.keyboard.press('Escape');
      await place?.();
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      return (await hover.waitFor({ timeout: 5000 }).then(() => true, () => false)) || undefined;
    }).catch(async (e: unknown) => {
      await snap(failed);
      throw e;
    });
    return hover;
  };
  /** The cursor on arithmetic_3da's score where it jumps, in the results file of toy-lm-2.8b. */
  const onTheJump = () => editor().locator('.view-line span', { hasText: /^0\.2011$/ }).first().click();
  /** F1 until the palette shows: right after a click into a webview, the key can reach the page before the
   *  webview forwards keys to the workbench. */
  const palette = () =>
    until('the command palette', async () => {
      await page.keyboard.press('F1');
      return (await quickInput().waitFor({ timeout: 2000 }).then(() => true, () => false)) || undefined;
    });
  const choose = async (text: string) => {
    await quickInput().fill(text);
    await page
      .locator('.quick-input-list .monaco-list-row', { hasText: text.slice(1) })
      .first()
      .waitFor()
      .catch(async (e: unknown) => {
        await snap(`choose-failed-${text.replace(/\W+/g, '-')}`);
        throw e;
      });
    await page.keyboard.press('Enter');
  };
  /** The content of the webview in front (hidden panels keep their iframes). */
  const webview = (): FrameLocator => page.locator('iframe.webview').filter({ visible: true }).last().contentFrame().frameLocator('iframe#active-frame');

  before(async () => {
    if (INSTALL) {
      ensureVsce();
      ensureCodeServer();
    }
    rmSync(SHOTS, { recursive: true, force: true });
    mkdirSync(SHOTS, { recursive: true });
    work = mkdtempSync(join(tmpdir(), 'el-e2e-'));
    const vsix = join(work, 'emergence-lens.vsix');
    withBuildLock(() => packageVsix(vsix, { build: false }));
    // Information rather than the default hints: hints are faint dots and stay out of the Problems panel.
    // No sticky scroll: its header row would lie over the line being clicked once the editor has scrolled.
    const profile = makeProfile(join(work, 'profile'), vsix, { 'emergenceLens.severity': 'information', 'emergenceLens.codeLens': true, 'editor.stickyScroll.enabled': false });
    extensionsDir = profile.extensionsDir;
    folder = join(work, 'examples');
    cpSync(join(root, 'examples'), folder, { recursive: true });
    // An emergent series under the hostile name: word_unscramble's exact_match rows, renamed.
    const rows = readFileSync(join(folder, 'tables/word-unscramble.csv'), 'utf8').split('\n');
    const renamed = rows.filter((r, i) => i === 0 || r.includes(',exact_match,')).map((r) => r.replace(',word_unscramble,', `,${HOSTILE},`));
    writeFileSync(join(folder, 'tables/hostile.csv'), renamed.join('\n'));
    cpSync(SAMPLES, join(folder, 'real-bloom'), { recursive: true });
    served = await serve(profile, folder, (chunk) => (log += chunk));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    page.setDefaultTimeout(STEP);
    await page.goto(served.url);
  });

  after(async () => {
    if (process.exitCode && log) console.log(`code-server's output (tail):\n${log.slice(-4000)}`);
    await browser?.close();
    served?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('opens a results file from the Explorer and marks the emergent task (squiggle, Problems panel)', async () => {
    for (const name of ['lm-eval', 'example-org__toy-lm-2.8b']) await page.getByRole('treeitem', { name, exact: true }).click();
    await page.getByRole('treeitem', { name: RESULTS }).click();
    await editor().locator('.squiggly-info').first().waitFor();
    // The Problems panel lists the whole workspace (every model's file has an arithmetic_3da row): filtered by the
    // file name, the file's two rows stay in view.
    await page.keyboard.press('Control+Shift+M');
    await page.getByPlaceholder(/^Filter \(e\.g\./).fill(RESULTS);
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: /arithmetic_3da.*emergent/ }).first();
    await shown(row, 'diagnostics-missing');
    await snap('diagnostics');
    assert.match(await row.innerText(), /Ln 5, Col/);
  });

  it('shows the inlay hint and the code lens', async () => {
    await editor().locator('.view-lines', { hasText: '⚡ emergent' }).waitFor();
    await editor().locator('.codelens-decoration', { hasText: /Plot scaling curve/i }).first().waitFor();
    await snap('inlay-hint-code-lens');
  });

  it('explains the emergent task on hover in a first screen of at most ten lines, with both hypotheses', async () => {
    const hover = await hoverWith('Multi-step', 'hover-missing', onTheJump);
    await snap('hover');
    const text = await hover.innerText();
    assert.match(text, /Metric flaw/);
    assert.match(text, /Explain in full/);
    const lines = await hover.locator('.rendered-markdown p').count();
    assert.ok(lines > 3 && lines <= 10, `the first screen has ${lines} lines`);
    await page.keyboard.press('Escape');
  });

  it('lists each emergent finding once in the Problems panel at information severity', async () => {
    const filter = page.getByPlaceholder(/^Filter \(e\.g\./);
    try {
      await filter.fill('emergent in');
      // The panel's count (the workspace has no other problems): one entry per series; their related results are
      // lines under it, not entries of their own.
      await shown(page.getByRole('tab', { name: /Problems/ }).locator('.badge-content', { hasText: new RegExp(`^${FINDINGS}$`) }).first(), 'problems-count-wrong');
      const first = page.locator('.markers-panel .monaco-list-row[aria-level="2"]').first();
      assert.match(await first.innerText(), /is (possibly )?emergent in/);
      await snap('problems-one-per-series');
    } finally {
      await filter.fill(RESULTS);
    }
  });

  /** Runs a palette command and checks the webview it opens. */
  const chart = async (title: string, name: string, check: (view: FrameLocator) => Promise<void>) => {
    await palette();
    await choose(`>Emergence Lens: ${title}`); // '>' makes Quick Open the command palette
    await check(webview());
    await snap(name);
  };

  it('plots the scaling curve of the series under the cursor in a webview', async () => {
    // The hover step left the cursor on arithmetic_3da's score, so the command asks nothing.
    await chart('Plot Scaling Curve', 'plot-series', async (view) => {
      await view.getByText(/arithmetic_3da/).first().waitFor();
      await view.locator('svg circle').first().waitFor();
      assert.ok((await view.locator('svg circle').count()) >= 7, 'a point per model at least');
    });
  });

  it('plots all emergent tasks', async () => {
    await chart('Plot All Emergent Tasks', 'plot-emergent', async (view) => {
      await view.getByText(/arithmetic_3da/).first().waitFor();
      await view.locator('svg circle').first().waitFor();
    });
  });

  it('shows the emergence report', async () => {
    await chart('Show Emergence Report', 'report', async (view) => {
      await view.getByText(/arithmetic_3da/).first().waitFor();
    });
  });

  it('moves the marks with the text when the file is edited', async () => {
    await page.getByRole('tab', { name: new RegExp(RESULTS.replace(/\./g, '\\.')) }).click();
    await editor().locator('.view-lines').click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('Enter');
    await shown(page.locator('.markers-panel .monaco-list-row', { hasText: /arithmetic_3da.*Ln 6, Col/ }).first(), 'moved-mark-missing');
    await editor().locator('.view-lines', { hasText: '⚡ emergent' }).waitFor();
    await snap('after-edit');
  });
  /** Quick Open on a file, then Go to Line (':N'): puts the cursor on a result without clicking into the text. */
  const openAt = async (file: string, line: number) => {
    await palette();
    await choose(file);
    await page.getByRole('tab', { name: new RegExp(file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).waitFor();
    await palette();
    await quickInput().fill(`:${line}`);
    // Enter only once the palette has become Go to Line: before that it would run the first command listed.
    await page.locator('.quick-input-widget', { hasText: new RegExp(`line ${line}\\b`, 'i') }).waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.statusbar-item', { hasText: new RegExp(`Ln ${line}, Col`) }).first().waitFor();
  };

  it('shows a hostile task name as text in the Problems panel, the hover and the Series view', async () => {
    const problems = page.getByPlaceholder(/^Filter \(e\.g\./);
    await problems.fill('onerror');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: HOSTILE }).first();
    await row.waitFor();
    // The mark is on tiny-175b's row, line 7: there the hover keys ask for the series (the server answers per line).
    assert.match(await row.innerText(), /Ln 7, Col/);
    await openAt('hostile.csv', 7);
    // 'Explain in full': our part of the hover, which arrives after the Problems part.
    const hover = await hoverWith('Explain in full', 'hostile-hover-missing');
    assert.ok((await hover.innerText()).includes(HOSTILE.slice(0, 30)), 'the name is shown as written');
    assert.equal(await hover.locator('img, strong:text-is("bold")').count(), 0, 'no markup from the name');
    // Our links carry the name inside their (encoded) arguments; what matters is which command each one runs.
    const targets = await hover.locator('a').evaluateAll((links) => links.flatMap((a) => [a.getAttribute('data-href'), a.getAttribute('href'), a.getAttribute('title')]));
    const commands = targets.filter((t): t is string => typeof t === 'string' && t.startsWith('command:'));
    assert.ok(commands.length > 0, 'the hover has our command links');
    for (const t of commands) assert.match(t, /^command:emergenceLens\./, 'no foreign command link');
    await snap('hostile-hover');
    await page.keyboard.press('Escape');
    const view = page.getByRole('button', { name: /Emergence Lens: Series/ }).first();
    if ((await view.getAttribute('aria-expanded')) !== 'true') await view.click();
    await page.getByRole('treeitem', { name: /emergent/i }).first().click();
    await page.getByRole('treeitem', { name: new RegExp(HOSTILE.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).first().waitFor();
    assert.equal(await page.locator('img[src="x"]').count(), 0, 'no image anywhere in the workbench');
    await snap('hostile-series-view');
  });

  const COMPARE_TAB = /Compare metrics: word_unscramble/i;

  it('compares the metrics of a series: the emergent one beside its smooth sibling', async () => {
    // Line 12: tiny-175b's exact_match, so the command takes the series under the cursor and asks nothing.
    await openAt('word-unscramble.csv', 12);
    await chart('Compare Metrics', 'compare-metrics', async (view) => {
      await page.getByRole('tab', { name: COMPARE_TAB }).waitFor();
      for (const metric of ['exact_match', 'letter_partial_credit']) {
        const panel = view.locator('.el-panel', { hasText: metric }).first();
        await panel.locator('svg circle').first().waitFor();
        assert.ok((await panel.locator('svg circle').count()) >= 6, `a point per model in the ${metric} panel`);
        // The screenshot then shows the end of the emergent panel and the smooth sibling below it.
        await panel.scrollIntoViewIfNeeded();
      }
    });
  });

  /** Export Chart: the format in a quick pick, then VS Code's save dialog (in code-server a quick input that takes a path). */
  const exportChart = async (format: 'SVG' | 'PNG'): Promise<Buffer> => {
    const target = join(folder, `exported-chart.${format.toLowerCase()}`);
    // Run from the palette while the editor has the focus: it exports the chart last in front (Compare Metrics).
    // (Clicking the chart's tab first would race: the webview takes the focus back and closes the palette.)
    await palette();
    await choose('>Emergence Lens: Export Chart');
    await page.getByPlaceholder('Format').waitFor();
    await quickInput().fill(format);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: format }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget', { hasText: `Export Chart as ${format}` }).waitFor();
    // The dialog fills in its default path after it shows: typing before that would be overwritten.
    const suffix = `.${format.toLowerCase()}`;
    await page.waitForFunction((end) => document.querySelector<HTMLInputElement>('.quick-input-widget input')?.value.endsWith(end), suffix);
    await quickInput().fill(target);
    await page.keyboard.press('Enter');
    await page
      .locator('.notification-toast', { hasText: `Chart saved to ${target}` })
      .waitFor()
      .catch(async (e: unknown) => {
        await snap(`export-${format.toLowerCase()}-failed`);
        throw e;
      });
    await snap(`export-${format.toLowerCase()}`);
    return readFileSync(target);
  };

  it('exports the chart in front as SVG into the workspace folder', async () => {
    const svg = (await exportChart('SVG')).toString('utf8');
    assert.match(svg, /^<svg[\s>]/);
    assert.ok(svg.includes('</svg>'), 'a whole document');
    assert.ok((svg.match(/<circle/g) ?? []).length >= 12, 'the points of both metrics');
    assert.match(svg, /exact_match/);
    assert.match(svg, /letter_partial_credit/);
  });

  it('exports the chart in front as PNG', async () => {
    const png = await exportChart('PNG');
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'the PNG signature');
    // IHDR: width and height (big-endian) at bytes 16-23; the chart is drawn at twice its on-screen size.
    assert.ok(png.readUInt32BE(16) > 400 && png.readUInt32BE(20) > 200, `a chart-sized image, not ${png.readUInt32BE(16)}×${png.readUInt32BE(20)}`);
  });

  /** Edits the results file and waits for the Problems row to move with it: only a live server republishes it. */
  const marksFollowAnEdit = async () => {
    await page.getByRole('tab', { name: new RegExp(RESULTS.replace(/\./g, '\\.')) }).click();
    // A file name in the filter keeps only that file's problems (other models' files have the same task).
    await page.getByPlaceholder(/^Filter \(e\.g\./).fill(RESULTS);
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: /arithmetic_3da.*emergent/ }).first();
    const line = Number(/Ln (\d+), Col/.exec(await row.innerText())?.[1]);
    assert.ok(line > 0, 'the emergent row says where it is');
    await editor().locator('.view-lines').click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('Enter');
    await page.locator('.markers-panel .monaco-list-row', { hasText: new RegExp(`arithmetic_3da.*Ln ${line + 1}, Col`) }).first().waitFor();
    await editor().locator('.view-lines', { hasText: '⚡ emergent' }).waitFor();
  };
  const RESTARTED = 'The Emergence Lens language server stopped unexpectedly and was restarted.';

  it('restarts a killed language server, says so once, and the marks come back', async () => {
    const [first, ...others] = serverPids(extensionsDir);
    assert.ok(first && others.length === 0, `one language server running, not ${others.length + (first ? 1 : 0)}`);
    process.kill(first, 'SIGKILL');
    const toast = page.locator('.notification-toast', { hasText: RESTARTED });
    await toast.waitFor();
    await toast.getByRole('button', { name: 'Show Log' }).waitFor();
    await snap('server-restarted');
    const second = await until('a new language server', () => serverPids(extensionsDir).find((pid) => pid !== first));
    await marksFollowAnEdit();
    await hoverWith('Multi-step', 'after-restart-hover-missing', onTheJump);
    await snap('after-restart');
    await page.keyboard.press('Escape');

    // A second crash is restarted too, and only logged: the notification list still holds one such message.
    process.kill(second, 'SIGKILL');
    await until('another language server', () => serverPids(extensionsDir).find((pid) => pid !== first && pid !== second));
    await marksFollowAnEdit();
    await palette();
    await choose('>Notifications: Show Notifications');
    const center = page.locator('.notifications-center');
    await center.locator('.notification-list-item', { hasText: RESTARTED }).first().waitFor();
    await snap('notifications-after-second-crash');
    assert.equal(await center.locator('.notification-list-item', { hasText: RESTARTED }).count(), 1, 'one message for two crashes');
  });

  it('sets a random baseline from a code action: asks, edits emergence-lens.json keeping its comments, and the hover says so', async () => {
    // The notification center from the step before covers part of the editor until it is closed.
    await palette();
    await choose('>Notifications: Hide Notifications');
    await page.locator('.notifications-center').waitFor({ state: 'hidden' });
    await page.getByRole('tab', { name: new RegExp(RESULTS.replace(/\./g, '\\.')) }).click();
    await editor().locator('.view-line span', { hasText: /^0\.2011$/ }).first().click();
    await page.keyboard.press('Control+.');
    const item = page.locator('.action-widget .monaco-list-row', { hasText: 'Set random baseline of arithmetic_3da' }).first();
    await item.waitFor();
    await snap('code-actions');
    await item.click();
    await page.locator('.quick-input-widget', { hasText: 'Random baseline of arithmetic_3da' }).waitFor();
    await quickInput().fill('0.02');
    await page.keyboard.press('Enter');
    await page.locator('.notification-toast', { hasText: 'Random baseline of arithmetic_3da set to 0.02 in emergence-lens.json' }).waitFor();
    const written = readFileSync(join(folder, 'emergence-lens.json'), 'utf8');
    assert.match(written, /\/\/ Overrides for the example workspace/, 'the comments of the file stay');
    assert.match(written, /"arithmetic_3da": \{\s*"baseline": 0\.02\s*\}/);
    assert.match(written, /"word_unscramble": \{\s*"steps": 5\s*\}/, 'the other settings stay');
    // The server re-analyses the workspace when the file changes; a hover shown before that keeps the old text,
    // so it is asked again until the new baseline is in it.
    await hoverWith('vs chance 0.02: ', 'baseline-hover-missing', onTheJump);
    await snap('baseline-set');
    await page.keyboard.press('Escape');
  });
  it('on real results: a jump that may be chance says so inline, on hover and in the Series view', async () => {
    await openAt(BLOOM, STATISTICS_ACC_LINE);
    await editor().locator('.view-lines', { hasText: '⚡? possibly emergent ≥ 7.07B' }).waitFor();
    const hover = await hoverWith('may be chance', 'possibly-emergent-hover-missing');
    assert.match(await hover.innerText(), /not significant over the \d+ series tested/);
    await snap('possibly-emergent');
    await page.keyboard.press('Escape');
    const view = page.getByRole('button', { name: /Emergence Lens: Series/ }).first();
    if ((await view.getAttribute('aria-expanded')) !== 'true') await view.click();
    // The view is short: fold the Emergent group so the next one comes into it.
    const emergentGroup = page.getByRole('treeitem', { name: /^Emergent\b/ }).first();
    if ((await emergentGroup.getAttribute('aria-expanded')) === 'true') await emergentGroup.click();
    await shown(page.getByRole('treeitem', { name: /Possibly emergent \(may be chance\)/ }).first(), 'possibly-emergent-group-missing');
    await snap('series-view-possibly-emergent');
  });

  it('on real results: the task line summarises its series, a flat series says it is above chance, and only notable results get hints', async () => {
    await openAt(BLOOM, STATISTICS_TASK_LINE);
    const summary = await hoverWith('hendrycksTest-high_school_statistics — bigscience/bloom-7b1', 'task-line-hover-missing');
    assert.match(await summary.innerText(), /acc, 0-shot: possibly emergent/);
    await snap('task-line-hover');
    await page.keyboard.press('Escape');
    await openAt(BLOOM, SEXUALITY_ACC_LINE);
    const flat = await hoverWith('flat above chance', 'flat-above-hover-missing');
    assert.doesNotMatch(await flat.innerText(), /Multi-step|Metric flaw/, 'no hypotheses where there is no jump');
    await snap('flat-above-chance');
    await page.keyboard.press('Escape');
    // Notable mode: the at-chance and flat MMLU lines of the file carry no hint; the possibly emergent one does.
    const hinted = await editor().locator('.view-lines').innerText();
    assert.ok(!hinted.includes('at chance') && !hinted.includes('flat above chance'), 'no hints on flat series');
  });
});
