// The standalone report as a user shares it: `emergence-lens report examples -o report.html`, opened from disk in
// Chromium with every network request refused, must show its charts and a sortable table, and run nothing it reads.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { readReportAssets, reportHtml } from '../../cli/src/report-html';
import type { ChartSeries } from '../../server/src/protocol';
import { analyzePaths, ARTEFACTS, DIST, ensureBuilt, FIXTURES, launch, NO_CHROMIUM, ROOT } from './harness';

interface JsonSeries {
  verdict: string;
  points: unknown[];
}

function report(inputs: string[], out: string) {
  return spawnSync(process.execPath, [join(DIST, 'cli.js'), 'report', ...inputs, '-o', out], { cwd: ROOT, encoding: 'utf8' });
}

describe('standalone report', { skip: NO_CHROMIUM, timeout: 120_000 }, () => {
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), 'emergence-report-'));

  before(async () => {
    ensureBuilt();
    browser = await launch();
  });
  after(() => browser?.close());

  /** Opens a report from disk; every request that is not the file itself is refused and recorded. */
  async function open(file: string, viewport = { width: 1280, height: 900 }) {
    const context = await browser.newContext({ viewport });
    const attempted: string[] = [];
    const errors: string[] = [];
    const self = pathToFileURL(file).href;
    await context.route('**/*', (route) => {
      if (route.request().url() === self) return route.continue();
      attempted.push(route.request().url());
      return route.abort();
    });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (e) => errors.push(e.message));
    const violations: string[] = [];
    page.on('console', (m) => m.type() === 'error' && violations.push(m.text()));
    await page.goto(self);
    await page.locator('.el-series-table').waitFor();
    return { page, attempted, errors, violations, close: () => context.close() };
  }

  const column = (page: Page, title: string) =>
    page.evaluate((t) => {
      const index = Array.from(document.querySelectorAll('.el-series-table th')).findIndex((th) => th.textContent === t);
      return Array.from(document.querySelectorAll('.el-series-table tbody tr')).map((tr) => tr.children[index].textContent ?? '');
    }, title);

  it('writes one self-contained file that shows every series, the emergent charts and a sortable table offline', async () => {
    const out = join(dir, 'report.html');
    const run = report(['examples'], out);
    assert.equal(run.status, 0, run.stderr);
    const html = readFileSync(out, 'utf8');
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-[^']+'; script-src 'sha256-[^']+'/);
    assert.doesNotMatch(html, /<(script|link|img)[^>]+(src|href)=/i, 'nothing loaded from elsewhere');

    const analysis = JSON.parse(spawnSync(process.execPath, [join(DIST, 'cli.js'), 'analyze', 'examples', '--json'], { cwd: ROOT, encoding: 'utf8' }).stdout) as { series: JsonSeries[] };
    const emergent = analysis.series.filter((s) => s.verdict === 'emergent' || s.verdict === 'possibly-emergent');
    assert.ok(run.stdout.startsWith('Wrote ') && run.stdout.includes(`report.html: ${analysis.series.length} series, ${emergent.length} emergent`), run.stdout);

    const { page, attempted, errors, violations, close } = await open(out);
    assert.equal(await page.locator('.el-series-table tbody tr').count(), analysis.series.length);
    assert.equal(await page.locator('.el-grid-compact .el-panel').count(), emergent.length);
    assert.equal(
      await page.locator('.el-grid-compact .el-points circle').count(),
      emergent.reduce((n, s) => n + s.points.length, 0),
    );
    assert.equal(await page.locator('.el-grid-compact .el-baseline line').count(), emergent.length);
    assert.equal(await page.locator('.el-grid-compact .el-emergence rect').count(), emergent.length);
    const verdicts = (await column(page, 'Verdict')).slice(0, emergent.length);
    assert.equal(verdicts.length, emergent.length);
    for (const v of verdicts) assert.match(v, /^⚡ emergent ≥ \d/, 'the label every surface shows, with the onset');
    await page.screenshot({ path: join(ARTEFACTS, 'report.png'), fullPage: true });

    // Sorting: Linearity descending, then ascending, with aria-sort saying so; empty cells stay last.
    const linearity = page.getByRole('button', { name: 'Linearity' });
    await linearity.click();
    const values = (await column(page, 'Linearity')).filter(Boolean).map(Number);
    assert.deepEqual(values, [...values].sort((a, b) => b - a));
    assert.equal(await page.locator('th', { has: linearity }).getAttribute('aria-sort'), 'descending');
    await linearity.press('Enter');
    const ascending = (await column(page, 'Linearity')).filter(Boolean).map(Number);
    assert.deepEqual(ascending, [...values].reverse());
    assert.equal(await page.locator('th', { has: page.getByRole('button', { name: 'Linearity' }) }).getAttribute('aria-sort'), 'ascending');
    const tasks = await column(page, 'Task');
    await page.getByRole('button', { name: 'Task' }).click();
    assert.deepEqual(await column(page, 'Task'), [...tasks].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));

    // A row opens its charts: the series, its sibling metric and the multi-step view.
    await page.locator('.el-series-table tbody tr', { hasText: 'word_unscramble' }).filter({ hasText: 'exact_match' }).click();
    const detail = page.locator('.el-detail');
    await detail.waitFor();
    assert.deepEqual(await detail.locator('.el-panel-title').allTextContents(), ['exact_match', 'letter_partial_credit', 'Multi-step view: p = s^(1/k)']);
    assert.ok((await detail.locator('.el-legend li').allTextContents()).some((t) => t.startsWith('k = 5 (known)')), 'the step count from emergence-lens.json');
    await detail.locator('.el-points circle').first().hover();
    assert.match((await page.locator('.el-tooltip').textContent()) ?? '', /tiny-125m.*word-unscramble\.csv:2/);
    await page.screenshot({ path: join(ARTEFACTS, 'report-detail.png'), fullPage: true });

    assert.deepEqual(attempted, [], 'no request left the file');
    assert.deepEqual(errors, []);
    assert.deepEqual(violations, [], 'no CSP violations or console errors');
    await close();
  });

  /** A report of `rows` series, as a workspace of many MMLU-like runs gives: the examples, then copies of their non-emergent series under other families. */
  async function bigReport(rows: number): Promise<{ file: string; series: ChartSeries[] }> {
    const examples = await analyzePaths([join(ROOT, 'examples')]);
    const plain = examples.filter((s) => s.verdict !== 'emergent');
    const copies = Array.from({ length: rows - examples.length }, (_, i) => {
      const s = plain[i % plain.length];
      const run = Math.floor(i / plain.length) + 1;
      return { ...s, id: `${s.id}#${run}`, family: `${s.family} run ${run}` };
    });
    const series = [...examples, ...copies];
    const file = join(dir, `rows-${rows}.html`);
    writeFileSync(file, reportHtml({ title: 'Emergence Lens report', generated: 'now', inputs: ['examples'], series, problems: [] }, readReportAssets(DIST)));
    return { file, series };
  }

  const rows = (page: Page) => page.locator('.el-series-table tbody tr');
  const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

  /** Scrolls well into the table; the header row must still be on screen, at the top, and not covered. */
  async function headerStaysInView(page: Page): Promise<void> {
    await page.evaluate(() => window.scrollTo(0, document.querySelector('.el-series-table')!.getBoundingClientRect().top + window.scrollY + 3000));
    const header = await page.locator('.el-series-table th').first().evaluate((head) => {
      const r = head.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + 8, r.top + r.height / 2);
      return { top: r.top, bottom: r.bottom, onTop: head.contains(hit), scrolled: window.scrollY };
    });
    assert.ok(header.scrolled > 3000, 'the page scrolled');
    assert.ok(header.top >= -1 && header.top <= 8 && header.onTop, `header at ${header.top}px, visible: ${header.onTop}`);
  }

  it('filters 517 rows as one types and keeps its header in view while they scroll', async () => {
    const { file, series } = await bigReport(517);
    const { page, errors, close } = await open(file);
    assert.equal(await rows(page).count(), 517);
    const filter = page.getByRole('searchbox', { name: 'Filter series' });

    await filter.fill('hellaswag acc_norm');
    const expected = series.filter((s) => s.task === 'hellaswag' && s.metric === 'acc_norm').length;
    assert.ok(expected > 1);
    assert.equal(await rows(page).count(), expected);
    for (const text of await rows(page).allTextContents()) assert.ok(text.includes('hellaswag') && text.includes('acc_norm'), text);
    assert.equal(await page.locator('.el-table-count').textContent(), `${expected} of 517 series match`);
    await page.screenshot({ path: join(ARTEFACTS, 'report-filtered.png') });

    await filter.fill('INVERSE');
    const verdicts = await column(page, 'Verdict');
    assert.equal(verdicts.length, series.filter((s) => s.verdict === 'inverse').length);
    assert.ok(verdicts.every((v) => v === '↘ inverse'));

    await filter.fill('');
    assert.equal(await rows(page).count(), 517);
    await headerStaysInView(page);
    // Sorting from the stuck header works where the user is.
    await page.getByRole('button', { name: 'Linearity' }).click();
    const values = (await column(page, 'Linearity')).filter(Boolean).map(Number);
    assert.deepEqual(values, [...values].sort((a, b) => b - a));
    await page.screenshot({ path: join(ARTEFACTS, 'report-sticky-header.png') });
    assert.deepEqual(errors, []);
    await close();
  });

  it('fits a split editor: no sideways scrolling from 480 px up, one card per row when narrow, the header still in view', async () => {
    const { file } = await bigReport(517);
    for (const width of [480, 800, 1000]) {
      const { page, errors, close } = await open(file, { width, height: 800 });
      assert.ok(await noSidewaysScroll(page), `no sideways scrolling at ${width} px`);
      await page.getByRole('searchbox', { name: 'Filter series' }).fill('lambada');
      assert.ok(await noSidewaysScroll(page), `filtered, at ${width} px`);
      await page.getByRole('searchbox', { name: 'Filter series' }).fill('');
      await headerStaysInView(page);
      if (width === 480) await page.screenshot({ path: join(ARTEFACTS, 'report-narrow.png') });
      assert.deepEqual(errors, []);
      await close();
    }
  });

  it('keeps hostile names as text in the file and on the page', async () => {
    const out = join(dir, 'hostile.html');
    const run = report([join(FIXTURES, 'hostile.csv')], out);
    assert.equal(run.status, 0, run.stderr);
    const html = readFileSync(out, 'utf8');
    assert.ok(!html.includes('<img src=x'), 'the data block escapes <');
    assert.ok(html.includes('\\u003cimg src=x onerror=window.__pwned=1\\u003e'));

    const { page, attempted, errors, close } = await open(out);
    await page.locator('.el-series-table tbody tr').first().click();
    assert.ok(await page.getByText('<img src=x onerror=window.__pwned=1>').first().isVisible());
    assert.equal(await page.locator('img, b, [onerror], [onload]').count(), 0);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), undefined);
    assert.deepEqual(attempted, []);
    assert.deepEqual(errors, []);
    await close();
  });

  it('lists each family of a task emergent in two families, with a family name that is markup shown as text', async () => {
    const data = join(dir, 'families');
    const rows = ['model,family,params,task,metric,score,n'];
    const late = [0, 0.001, 0, 0.002, 0.3, 0.6];
    const early = [0, 0.001, 0.3, 0.6, 0.7, 0.8];
    [1e8, 3e8, 1e9, 3e9, 1e10, 3e10].forEach((p, i) => rows.push(`late-${p},late,${p},jumpy,exact_match,${late[i]},2000`, `x-${p},<img src=x onerror=alert(1)>,${p},jumpy,exact_match,${early[i]},2000`));
    mkdirSync(data);
    writeFileSync(join(data, 'two.csv'), rows.join('\n') + '\n');
    const out = join(dir, 'families.html');
    assert.equal(report([data], out).status, 0);
    const { page, errors, close } = await open(out);
    const cells = await page.locator('.el-thresholds tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.children).map((td) => td.textContent)));
    assert.deepEqual(cells, [
      ['jumpy exact_match', '<img src=x onerror=alert(1)>', '1B', '—', '300M – 1B'],
      ['jumpy exact_match', 'late', '10B', '—', '3B – 10B'],
    ]);
    assert.equal(await page.locator('.el-thresholds img').count(), 0);
    // And its chart: one panel for the task, both families drawn in it, after the table.
    const panels = page.locator('.el-thresholds ~ .el-grid .el-panel');
    assert.equal(await panels.count(), 1);
    assert.equal(await panels.first().locator('.el-points circle').count(), 12);
    assert.deepEqual(errors, []);
    await close();
  });
});

