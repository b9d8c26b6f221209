// The chart webview in headless Chromium, as a user sees it: the shipped bundle under the webview's CSP, fed
// series from the real analysis of fixtures and examples, checked for points, panels, marks, tooltips,
// keyboard use, the axis toggle, themes, hostile names and exports. Screenshots go to test-results/browser/.
import { max, min } from 'simple-statistics';
import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { buildView } from '../../server/src/lsp/chart-view';
import type { SeriesResult } from '../../server/src/core/results';
import type { ChartSeries, ChartView } from '../../server/src/protocol';
import { toChartSeries } from '../../server/src/wire/chart-series';
import { analyze } from '../../server/src/core/analysis-host';
import { curve } from '../helpers/synthetic';
import { analyzePaths, analyzeResults, ARTEFACTS, ChartPage, ensureBuilt, fakeSource, find, FIXTURES, launch, NO_CHROMIUM, pngSize, ROOT } from './harness';

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** A panel's y-axis tick labels: their values (Plot writes − for minus) and vertical centres on screen. */
const yTicks = (panel: Locator) =>
  panel.locator('g[aria-label="y-axis tick label"] text').evaluateAll((texts) =>
    texts.map((t) => {
      const r = t.getBoundingClientRect();
      return { value: Number((t.textContent ?? '').replace('\u2212', '-')), y: r.top + r.height / 2 };
    }),
  );

const box = (l: Locator): Promise<Box> => l.evaluate((e) => e.getBoundingClientRect().toJSON() as Box);
const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

describe('chart webview', { skip: NO_CHROMIUM, timeout: 120_000 }, () => {
  let browser: Browser;
  let scaling: ChartSeries[];
  let examples: ChartSeries[];
  let hostile: ChartSeries[];
  let scalingResults: SeriesResult[];
  let exampleResults: SeriesResult[];
  const pages: ChartPage[] = [];

  const open = async (viewport?: { width: number; height: number }) => {
    const page = await ChartPage.open(browser, viewport);
    pages.push(page);
    return page;
  };

  /** A chart of one task switched to the Loss axis, whose label names the family's loss. */
  const onLossAxis = async (title: string, task: ChartSeries) => {
    const chart = await open();
    await chart.show({ kind: 'series', title, series: [task] });
    await chart.page.getByLabel('Loss').check();
    assert.equal(await chart.page.locator('.el-plot g[aria-label="x-axis label"]').textContent(), 'Loss: wikitext bits_per_byte (falling →)');
    return chart;
  };

  before(async () => {
    ensureBuilt();
    [browser, scalingResults, exampleResults, hostile] = await Promise.all([launch(), analyzeResults([join(FIXTURES, 'scaling.csv')]), analyzeResults([join(ROOT, 'examples')]), analyzePaths([join(FIXTURES, 'hostile.csv')])]);
    [scaling, examples] = [scalingResults.map(toChartSeries), exampleResults.map(toChartSeries)];
  });

  after(async () => {
    const seen = await Promise.all(pages.map(async (page) => ({ page, recorder: await page.recorder().catch(() => null) })));
    // Closed before asserting: a failed assertion must not leave Chromium (and this process) running.
    await browser?.close();
    // Every page: nothing blocked by the CSP, nothing fetched from elsewhere, no script errors.
    for (const { page, recorder } of seen) {
      assert.deepEqual(recorder?.__violations, [], 'CSP violations');
      assert.deepEqual(page.blocked, [], 'requests outside the bundle');
      assert.deepEqual(page.errors, [], 'page errors');
    }
  });

  it('draws two families of one task: points, error bars, dashed baseline, emergence bands, fits and a legend', async () => {
    const acme = find(scaling, 'arith_3d', 'exact_match', 'acme');
    const zenith = find(scaling, 'arith_3d', 'exact_match', 'zenith');
    const chart = await open();
    await chart.show({ kind: 'series', title: 'Scaling curve: arith_3d', series: [acme, zenith] });
    const page = chart.page;

    assert.equal(await page.locator('.el-panel').count(), 1);
    assert.equal(await page.locator('.el-points circle').count(), acme.points.length + zenith.points.length);
    assert.equal(await page.locator('.el-errorbar line').count(), 11);
    const fills = await page.locator('g.el-points').evaluateAll((gs) => gs.map((g) => getComputedStyle(g.querySelector('circle')!).fill));
    assert.equal(new Set(fills).size, 2, 'one colour per family');

    const baseline = page.locator('.el-baseline line');
    assert.equal(await baseline.count(), 1);
    assert.notEqual(await baseline.evaluate((l) => getComputedStyle(l).strokeDasharray), 'none');
    assert.match((await page.locator('.el-baseline title').textContent()) ?? '', /random baseline 0 \(assumed: /);
    assert.equal(await page.locator('.el-emergence rect').count(), 2, 'one band per emergent family');
    assert.match((await page.locator('.el-emergence title').first().textContent()) ?? '', /^acme: emerges between .*last near chance.*first clearly above/);
    // Whose band is whose: named on the chart, in the family's colour.
    assert.deepEqual(await page.locator('.el-band-label text').allTextContents(), ['acme', 'zenith']);
    const bandFills = await page.locator('.el-emergence rect').evaluateAll((rs) => rs.map((r) => getComputedStyle(r).fill));
    assert.deepEqual(bandFills, fills, 'each band in its family colour');
    const labelBoxes = await page.locator('.el-band-label text').evaluateAll((ts) => ts.map((t) => t.getBoundingClientRect().toJSON() as DOMRect));
    assert.ok(!overlaps(labelBoxes[0], labelBoxes[1]), 'the two names do not print over each other');
    assert.equal(await page.locator('.el-fit path').count(), 2);

    const legend = await page.locator('.el-view-legend li').allTextContents();
    assert.deepEqual(legend.slice(0, 2), ['acme', 'zenith']);
    assert.ok(legend.some((t) => /random baseline 0 \(assumed/.test(t)));
    assert.ok(legend.some((t) => t.startsWith('emergence:')));
    assert.equal(await page.locator('.el-plot g[aria-label="x-axis label"]').textContent(), 'Parameters');
    await chart.screenshot('series-two-families');
  });

  it('shows a tooltip on hover and on focus, moves with the arrow keys and opens the file line on click and Enter', async () => {
    const acme = find(scaling, 'arith_3d', 'exact_match', 'acme');
    const chart = await open();
    await chart.show({ kind: 'series', title: 'arith_3d', series: [acme] });
    const page = chart.page;
    const last = page.locator('.el-points circle').last();

    await last.hover();
    const tooltip = page.locator('.el-tooltip');
    await tooltip.waitFor({ state: 'visible' });
    assert.deepEqual(await tooltip.locator('div').allTextContents(), ['acme-40b', 'Parameters: 40B', 'exact_match: 0.58 ± 0.016 (reported)', 'n = 1000', 'browser/scaling.csv:14']);
    await chart.screenshot('series-tooltip');

    await last.click();
    const opened = await chart.waitForPosted('open');
    assert.deepEqual(opened, { type: 'open', file: acme.points[6].file, line: 13 });

    // Keyboard: one tab stop per panel, arrows walk the points in scale order, Enter opens.
    await page.locator('body').click({ position: { x: 2, y: 2 } });
    let tabs = 0;
    while (!(await page.evaluate(() => document.activeElement?.tagName === 'circle')) && tabs++ < 20) await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')?.split(', ')[0]), 'acme-10m');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    assert.equal(await tooltip.locator('.el-tooltip-title').textContent(), 'acme-160m');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string; line?: number }[] }).__posted.filter((m) => m.type === 'open').pop()?.line === 5);
    // The points table is the other keyboard path to every datum.
    await page.locator('.el-points-table summary').click();
    assert.equal(await page.locator('.el-points-table tbody tr').count(), 7);
  });

  it('switches the x axis between parameters and training FLOPs, keeps the choice in the webview state', async () => {
    const acme = find(scaling, 'arith_3d', 'exact_match', 'acme');
    const chart = await open();
    await chart.show({ kind: 'series', title: 'arith_3d', series: [acme] });
    const page = chart.page;
    const label = page.locator('.el-plot g[aria-label="x-axis label"]');
    assert.equal(await label.textContent(), 'Parameters');
    assert.ok((await page.locator('.el-plot g[aria-label="x-axis tick label"] text').allTextContents()).includes('1B'));

    await page.getByLabel('Training FLOPs').check();
    assert.equal(await label.textContent(), 'Training FLOPs');
    assert.ok((await page.locator('.el-plot g[aria-label="x-axis tick label"] text').allTextContents()).includes('1e20'));
    assert.equal(await page.locator('.el-points circle').count(), 7);
    // The fit was made against parameters: it is not redrawn on another axis.
    assert.equal(await page.locator('.el-fit').count(), 0);
    assert.equal((await chart.recorder()).__state?.axis, 'flops');
    await chart.screenshot('series-flops-axis');

    // New data (a live update) keeps the chosen axis.
    await chart.show({ kind: 'series', title: 'arith_3d', series: [{ ...acme, points: acme.points.slice(0, 5), emergence: null }] });
    assert.equal(await page.locator('.el-points circle').count(), 5);
    assert.equal(await label.textContent(), 'Training FLOPs');
  });

  it('offers the loss of the same models as the x axis of an emergent series, larger models still on the right', async () => {
    const task = find(examples, 'arithmetic_3da', 'acc', 'toy-lm');
    assert.equal(task.lossAxis, 'wikitext bits_per_byte');
    const chart = await onLossAxis('arithmetic_3da', task);
    const page = chart.page;
    const xs = await page.locator('.el-points circle').evaluateAll((cs) => cs.map((c) => c.getBoundingClientRect().left));
    assert.equal(xs.length, task.points.length);
    assert.ok(xs.every((x, i) => i === 0 || x > xs[i - 1]), 'points in order of size, left to right');
    // The emergence band sits between the losses of the last model near chance and the first above it.
    assert.equal(await page.locator('.el-emergence rect').count(), 1);
    assert.equal((await chart.recorder()).__state?.axis, 'loss');
    await chart.screenshot('series-loss-axis');
  });

  it('offers the loss axis for a smooth series of the same family too', async () => {
    const task = find(examples, 'hellaswag', 'acc', 'toy-lm');
    assert.equal(task.verdict, 'smooth');
    const chart = await onLossAxis('hellaswag', task);
    assert.equal(await chart.page.locator('.el-points circle').count(), task.points.length);
  });

  it('lays out small multiples that stay readable with 2 and with 60 panels', async () => {
    const emergent = examples.filter((s) => s.verdict === 'emergent');
    const chart = await open({ width: 1280, height: 900 });
    const page = chart.page;
    await chart.show({ kind: 'emergent', title: 'Emergent tasks (2)', series: emergent.slice(0, 2) });
    assert.equal(await page.locator('.el-panel').count(), 2);
    assert.equal(await page.locator('.el-points circle').count(), emergent[0].points.length + emergent[1].points.length);
    const two = await page.locator('.el-panel').evaluateAll((ps) => ps.map((p) => p.getBoundingClientRect().toJSON() as DOMRect));
    assert.equal(two[0].top, two[1].top, 'two panels share a row');
    await chart.screenshot('emergent-2');

    const many = Array.from({ length: 60 }, (_, i) => ({ ...emergent[i % emergent.length], id: `copy-${i}`, label: `task ${i}`, family: `family ${i % 5}` }));
    await chart.show({ kind: 'emergent', title: 'Emergent tasks (60)', series: many });
    assert.equal(await page.locator('.el-panel').count(), 60);
    const boxes = await page.locator('.el-panel').evaluateAll((ps) => ps.map((p) => ({ width: p.getBoundingClientRect().width, svg: p.querySelector('svg')!.getBoundingClientRect().width, host: (p.querySelector('.el-plot-host') as HTMLElement).clientWidth })));
    assert.ok(boxes.every((b) => b.width >= 240), 'no panel narrower than the grid minimum');
    assert.ok(boxes.every((b) => Math.abs(b.svg - b.host) <= 1), 'each chart fills its panel');
    const columns = new Set(await page.locator('.el-panel').evaluateAll((ps) => ps.map((p) => Math.round(p.getBoundingClientRect().left)))).size;
    assert.ok(columns >= 4, `${columns} columns at 1280 px`);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), 'no horizontal scrolling');
    assert.equal(await page.locator('.el-view-legend .el-swatch-colour').count(), 5, 'one legend entry per family');
    await chart.screenshot('emergent-60');
  });

  it('compares the discontinuous metric with its continuous sibling and shows the multi-step view', async () => {
    const exact = find(scaling, 'arith_3d', 'exact_match', 'acme');
    const similarity = find(scaling, 'arith_3d', 'edit_similarity', 'acme');
    assert.equal(exact.siblings[0]?.seriesId, similarity.id);
    const chart = await open();
    await chart.show({ kind: 'compare', title: 'Compare metrics: arith_3d', series: [exact, similarity] });
    const page = chart.page;
    assert.deepEqual(await page.locator('.el-panel-title').allTextContents(), ['exact_match', 'edit_similarity', 'Multi-step view: p = s^(1/k)']);
    const multi = page.locator('.el-panel').nth(2);
    const steps = exact.multiStep!.steps.length;
    assert.equal(await multi.locator('g.el-points').count(), steps + 1, 'observed s plus one curve per k');
    assert.equal(await multi.locator('.el-points circle').count(), (steps + 1) * exact.points.length);
    assert.ok((await multi.locator('.el-legend li').allTextContents()).some((t) => /^k = 3: /.test(t)));
    assert.equal(await multi.locator('g[aria-label="y-axis label"]').textContent(), 'implied per-step accuracy p');
    // p = s^(1/k) at the largest model, for k = 2.
    await multi.locator('g.el-points').nth(1).locator('circle').last().hover();
    const p = Math.min(1, Math.max(0, exact.points[6].normalized)) ** (1 / 2);
    assert.match((await page.locator('.el-tooltip').textContent()) ?? '', new RegExp(`p = ${String(+p.toPrecision(3)).replace('.', '\\.')} at k = 2`));
    await chart.screenshot('compare-metrics');
  });

  it('draws a prompting technique with and without in one chart: dashed hollow run without, a mark where it starts to help', async () => {
    const gsm8k = examples.filter((s) => s.task === 'gsm8k' && s.metric === 'exact_match' && s.filter === 'strict-match');
    const cot = gsm8k.find((s) => s.prompting === 'cot')!;
    const plain = gsm8k.find((s) => s.prompting === undefined)!;
    assert.equal(cot.technique?.withoutSeries, plain.id);
    const chart = await open();
    await chart.show({ kind: 'series', title: 'Scaling curve: gsm8k, with and without chain-of-thought', series: [cot, plain] });
    const page = chart.page;
    assert.equal(await page.locator('.el-points circle').count(), cot.points.length + plain.points.length);
    const style = (selector: string) => page.locator(selector).first().evaluate((e) => ({ fill: getComputedStyle(e).fill, dash: getComputedStyle(e).strokeDasharray }));
    assert.equal((await style('.el-points.el-without circle')).fill, 'none', 'hollow points for the run without');
    assert.notEqual((await style('.el-line.el-without path')).dash, 'none', 'a dashed line for the run without');
    assert.equal((await style('.el-line:not(.el-without) path')).dash, 'none');
    assert.match((await page.locator('.el-technique title').textContent()) ?? '', /^chain-of-thought helps from .* on$/);
    const legend = await page.locator('.el-view-legend li').allTextContents();
    assert.ok(legend.includes('toy-lm, with chain-of-thought'), legend.join(' | '));
    assert.ok(legend.some((t) => /dashed, hollow points: toy-lm, without chain-of-thought/.test(t)));
    await chart.screenshot('technique-pair');
  });

  it('labels re-scored metrics and the loss view in Compare Metrics', async () => {
    const cot = examples.find((s) => s.task === 'gsm8k' && s.prompting === 'cot' && s.metric === 'exact_match' && s.filter === 'strict-match')!;
    const others = [...cot.siblings.map((x) => x.seriesId), ...cot.loss.map((l) => l.seriesId)].map((id) => examples.find((s) => s.id === id)!);
    const chart = await open();
    await chart.show({ kind: 'compare', title: 'Compare metrics: gsm8k', series: [cot, ...others] });
    const titles = await chart.page.locator('.el-panel-title').allTextContents();
    assert.equal(titles[0], 'exact_match');
    assert.ok(titles.includes('edit_similarity (re-scored from per-sample logs)'), titles.join(' | '));
    assert.ok(titles.includes('Loss view: wikitext (0-shot), bits_per_byte'), titles.join(' | '));
    assert.equal(titles.at(-1), 'Multi-step view: p = s^(1/k)');
    await chart.screenshot('compare-rescored-loss');
  });

  it('draws perplexity on a log axis, so the large models are not squashed together', async () => {
    const ppl = find(examples, 'lambada_openai', 'perplexity');
    assert.ok(ppl.logScale);
    const chart = await open();
    await chart.show({ kind: 'series', title: 'Scaling curve: lambada_openai', series: [ppl] });
    const page = chart.page;
    const ticks = await yTicks(page.locator('.el-panel'));
    assert.ok(ticks.length >= 3, `${ticks.length} ticks`);
    // On a log axis equal ratios are equal distances: pixels per decade are the same between any two ticks.
    const perDecade = ticks.slice(1).map((t, i) => (ticks[i].y - t.y) / (Math.log10(t.value) - Math.log10(ticks[i].value)));
    assert.ok(max(perDecade) - min(perDecade) < 1.5, `pixels per decade ${perDecade.join(', ')}`);
    const ys = await page.locator('.el-points circle').evaluateAll((cs) => cs.map((c) => c.getBoundingClientRect().top));
    const last = ys.slice(-3);
    assert.ok(Math.abs(last[1] - last[0]) >= 15 && Math.abs(last[2] - last[1]) >= 15, `the three largest models ${last.map((y) => Math.round(y)).join(', ')} px apart`);
    await chart.screenshot('series-perplexity-log');
  });

  it('keeps fraction axes at or above 0, and starts them next to the baseline', async () => {
    const emergent = examples.filter((s) => s.verdict === 'emergent');
    const chart = await open({ width: 1280, height: 900 });
    const page = chart.page;
    await chart.show({ kind: 'emergent', title: 'Emergent tasks', series: emergent });
    for (let i = 0; i < emergent.length; i++) {
      const panel = page.locator('.el-panel').nth(i);
      const ticks = await yTicks(panel);
      assert.equal(min(ticks.map((t) => t.value)), 0, `${emergent[i].label}: ${ticks.map((t) => t.value).join(' ')}`);
      // Error bars of the models at 0 stop at 0 too.
      const zero = ticks.find((t) => t.value === 0)!.y;
      const bars = await panel.locator('.el-errorbar line').evaluateAll((ls) => ls.map((l) => l.getBoundingClientRect().bottom));
      assert.ok(bars.every((b) => b <= zero + 1), `${emergent[i].label}: an error bar below 0`);
    }
    // Four-way multiple choice at chance for the small models: the axis starts just under 0.25, not at 0.
    const [choice] = await analyzePaths([join(FIXTURES, 'multiple-choice.csv')]);
    await chart.show({ kind: 'series', title: 'four_way_choice', series: [choice] });
    const lowest = min((await yTicks(page.locator('.el-panel'))).map((t) => t.value));
    assert.ok(lowest > 0.1 && lowest <= 0.25, `lowest tick ${lowest}`);
  });

  it('draws a fit that cannot be taken for the dashed baseline, also when its midpoint lies beyond the data', async () => {
    const word = find(examples, 'word_unscramble', 'exact_match');
    assert.equal(word.fit?.extrapolated, true);
    const chart = await open();
    await chart.show({ kind: 'series', title: 'word_unscramble', series: [word] });
    const page = chart.page;
    const style = (selector: string) =>
      page.locator(selector).first().evaluate((e) => {
        const s = getComputedStyle(e);
        return { stroke: s.stroke, dash: s.strokeDasharray, width: parseFloat(s.strokeWidth) };
      });
    const fit = await style('.el-fit path');
    const baseline = await style('.el-baseline line');
    const point = await page.locator('.el-points circle').first().evaluate((c) => getComputedStyle(c).fill);
    assert.equal(fit.stroke, point, 'the fit is drawn in its family colour');
    assert.notEqual(fit.stroke, baseline.stroke);
    assert.equal(fit.dash, 'none', 'solid');
    assert.notEqual(baseline.dash, 'none', 'the baseline stays dashed');
    assert.ok(fit.width >= 2 * baseline.width, `fit ${fit.width}px, baseline ${baseline.width}px`);
    assert.match((await page.locator('.el-fit-note').textContent()) ?? '', /^fit midpoint \S+, beyond the data$/);
    assert.ok((await page.locator('.el-view-legend li').allTextContents()).includes('logistic fit, midpoint beyond the data (faint)'));
    await chart.screenshot('series-fit-extrapolated');
  });

  it('draws a series still at chance with a dashed forecast beyond its largest model and the interval of the forecast', async () => {
    const sizes = [1e7, 3.16e7, 1e8, 3.16e8, 1e9, 3.16e9];
    const perStep = sizes.map((x) => 1 / (1 + Math.exp(-0.8 * (Math.log10(x) - 10.5))));
    const observations = [
      ...curve({ task: 'later', metric: 'exact_match', params: sizes, scores: sizes.map(() => 0), n: 5000, baseline: 0 }),
      ...curve({ task: 'later', metric: 'edit_similarity', params: sizes, scores: perStep, stderr: sizes.map(() => 0.002), baseline: 0 }),
    ];
    const later = analyze(observations, { overrides: { tasks: { later: { steps: 4 } } } }).series.find((x) => x.metric === 'exact_match')!;
    const series = toChartSeries(JSON.parse(JSON.stringify(later)) as SeriesResult);
    assert.ok(series.forecast && series.forecast.scale > sizes[5], JSON.stringify(series.forecast));
    const chart = await open();
    await chart.show({ kind: 'series', title: 'later', series: [series] });
    const page = chart.page;
    const dash = await page.locator('.el-forecast path').evaluate((e) => getComputedStyle(e).strokeDasharray);
    assert.notEqual(dash, 'none', 'dashed');
    const right = async (selector: string) => max(await page.locator(selector).evaluateAll((els) => els.map((e) => e.getBoundingClientRect().right)));
    assert.ok((await right('.el-forecast path')) > (await right('.el-points circle')) + 20, 'the forecast reaches beyond the largest model');
    assert.equal(await page.locator('.el-forecast-interval line').count(), 1);
    assert.match((await page.locator('.el-forecast title').first().textContent()) ?? '', /^forecast: emerges at \S+ \(\S+–\S+\), continuous-metric chain$/);
    const legend = await page.locator('.el-view-legend li').allInnerTexts();
    assert.ok(legend.some((t) => /forecast emergence \(continuous-metric chain\).*90 % interval/.test(t)), `the legend names the method and the interval: ${legend.join(' | ')}`);
    await chart.screenshot('series-forecast');
  });

  it('shows the thresholds across families: one chart per task with a band per family, then the table', async () => {
    const view = await buildView({ kind: 'thresholds' }, fakeSource(scalingResults));
    assert.equal(view.title, 'Thresholds across families (1 task)');
    assert.deepEqual(view.series.map((s) => s.family).sort(), ['acme', 'zenith']);
    const chart = await open();
    await chart.show(view, { kind: 'thresholds' });
    const page = chart.page;
    assert.equal(await page.locator('.el-panel svg').count(), 1, 'both families in one chart');
    assert.deepEqual((await page.locator('.el-band-label').allTextContents()).sort(), ['acme', 'zenith'], 'each band says whose emergence it is');
    const rows = await page.locator('.el-thresholds tbody tr').evaluateAll((trs) => trs.map((tr) => tr.children[1].textContent));
    assert.deepEqual(rows.sort(), ['acme', 'zenith']);
    await chart.screenshot('thresholds');
  });

  it('gives a family the same colour in every view, whichever series a view starts from', async () => {
    const zenith = scalingResults.find((s) => s.family === 'zenith' && s.metric === 'exact_match')!;
    const source = fakeSource(scalingResults);
    const views: ChartView[] = [await buildView({ kind: 'series', id: zenith.id }, source), await buildView({ kind: 'emergent' }, source)];
    assert.equal(views[0].series[0].family, 'zenith', 'the series view starts from zenith, the emergent view from acme');
    assert.equal(views[1].series[0].family, 'acme');
    const chart = await open();
    const colours: string[][] = [];
    for (const view of views) {
      await chart.show(view, view.kind === 'series' ? { kind: 'series', id: zenith.id } : { kind: 'emergent' });
      const fill = (model: string) => chart.page.locator(`.el-points circle[aria-label^="${model}"]`).first().evaluate((c) => getComputedStyle(c).fill);
      colours.push([await fill('acme-10m'), await fill('zenith')]);
      assert.deepEqual((await chart.page.locator('.el-view-legend li').allTextContents()).slice(0, 2), ['acme', 'zenith'], 'families in one order');
    }
    assert.deepEqual(colours[0], colours[1]);
    assert.notEqual(colours[0][0], colours[0][1]);
  });

  it('tells small multiples apart: whole titles, the per-sample twin named, a jump that may be chance said so', async () => {
    // One jump that does not survive the multiple-comparison check, as the analysis reports it.
    const arithmetic = exampleResults.find((s) => s.task === 'arithmetic_3da')!;
    const results = exampleResults.map((s) => (s === arithmetic ? { ...s, verdict: 'possibly-emergent' as const } : s));
    const view = await buildView({ kind: 'emergent' }, fakeSource(results));
    assert.equal(view.title, 'Emergent tasks (5, and 1 possibly emergent)');
    assert.equal(view.series.at(-1)?.task, 'arithmetic_3da', 'possibly emergent after the emergent ones');
    for (const width of [1280, 480]) {
      const chart = await open({ width, height: 900 });
      const page = chart.page;
      await chart.show(view, { kind: 'emergent' });
      const titles = await page.locator('.el-panel-title').evaluateAll((ts) => ts.map((t) => ({ text: t.textContent ?? '', cut: t.scrollWidth > t.clientWidth || t.scrollHeight > t.clientHeight })));
      assert.equal(new Set(titles.map((t) => t.text)).size, titles.length, titles.map((t) => t.text).join(' | '));
      assert.deepEqual(titles.filter((t) => t.cut), [], 'no title is cut');
      const twins = titles.filter((t) => t.text.startsWith('gsm8k (strict-match'));
      assert.deepEqual(twins.map((t) => t.text).sort(), ['gsm8k (strict-match (per-sample), 8-shot, cot)', 'gsm8k (strict-match, 8-shot, cot)']);
      const subtitles = await page.locator('.el-panel-sub').allTextContents();
      assert.equal(subtitles.at(-1), 'toy-lm · acc · ⚡? possibly emergent ≥ 2.91B (may be chance)');
      assert.ok(subtitles.slice(0, -1).every((t) => / · ⚡ emergent ≥ /.test(t)), subtitles.join(' | '));
      assert.ok(await noSidewaysScroll(page), `no sideways scrolling at ${width} px`);
      await chart.screenshot(`emergent-titles-${width}`);
    }
  });

  it('places a tooltip beside its point, never over it: at the right edge, in small multiples and in a narrow editor', async () => {
    const acme = find(scaling, 'arith_3d', 'exact_match', 'acme');
    const emergent = examples.filter((s) => s.verdict === 'emergent');
    const cases: [{ width: number; height: number }, ChartView][] = [
      [{ width: 1100, height: 800 }, { kind: 'series', title: 'arith_3d', series: [acme] }],
      [{ width: 1280, height: 900 }, { kind: 'emergent', title: 'Emergent tasks', series: emergent }],
      [{ width: 480, height: 800 }, { kind: 'emergent', title: 'Emergent tasks', series: emergent.slice(0, 2) }],
    ];
    for (const [viewport, view] of cases) {
      const chart = await open(viewport);
      const page = chart.page;
      await chart.show(view);
      const tooltip = page.locator('.el-tooltip');
      const circles = page.locator('.el-points circle');
      const count = await circles.count();
      for (let i = 0; i < count; i++) {
        const circle = circles.nth(i);
        await circle.scrollIntoViewIfNeeded();
        await circle.hover();
        await tooltip.waitFor({ state: 'visible' });
        const [tip, point] = [await box(tooltip), await box(circle)];
        assert.ok(!overlaps(tip, point), `${viewport.width} px, point ${i}: tooltip ${JSON.stringify(tip)} over ${JSON.stringify(point)}`);
        assert.ok(tip.left >= 0 && tip.right <= viewport.width, `${viewport.width} px, point ${i}: tooltip inside the window`);
      }
      if (viewport.width === 480) await chart.screenshot('tooltip-narrow');
    }
  });

  it('fits a 480 px editor (a split) in every view: no sideways scrolling', async () => {
    const acme = find(scaling, 'arith_3d', 'exact_match', 'acme');
    const cot = examples.find((s) => s.task === 'gsm8k' && s.prompting === 'cot' && s.metric === 'exact_match' && s.filter === 'strict-match')!;
    const others = [...cot.siblings.map((x) => x.seriesId), ...cot.loss.map((l) => l.seriesId)].map((id) => examples.find((s) => s.id === id)!);
    const chart = await open({ width: 480, height: 800 });
    const page = chart.page;
    const views: ChartView[] = [
      { kind: 'series', title: 'Scaling curve: arith_3d (0-shot)', series: [acme, find(scaling, 'arith_3d', 'exact_match', 'zenith')] },
      { kind: 'emergent', title: 'Emergent tasks', series: examples.filter((s) => s.verdict === 'emergent') },
      { kind: 'compare', title: 'Compare metrics: gsm8k (strict-match, 8-shot, cot)', series: [cot, ...others] },
      { kind: 'report', title: 'Emergence report', series: examples },
    ];
    for (const view of views) {
      await chart.show(view);
      // The points table too, the widest thing in a panel.
      for (const summary of await page.locator('.el-points-table summary').all()) await summary.click();
      assert.ok(await noSidewaysScroll(page), `${view.kind}: no sideways scrolling at 480 px`);
      await chart.screenshot(`narrow-${view.kind}`);
    }
  });

  it('follows the VS Code theme through its CSS variables: light, dark and high contrast', async () => {
    const acme = find(scaling, 'arith_3d', 'exact_match', 'acme');
    const chart = await open();
    const page = chart.page;
    // What VS Code puts on the webview's <html> and <body>.
    const theme = (kind: string, vars: Record<string, string>) =>
      page.evaluate(
        ([k, v]) => {
          document.body.className = k;
          for (const [name, value] of Object.entries(v)) document.documentElement.style.setProperty(name, value);
        },
        [kind, vars] as const,
      );
    await theme('vscode-light', { '--vscode-editor-foreground': '#3b3b3b', '--vscode-editor-background': '#ffffff', '--vscode-charts-blue': '#1a85ff' });
    await chart.show({ kind: 'series', title: 'arith_3d', series: [acme] });
    const colours = () =>
      page.evaluate(() => ({
        text: getComputedStyle(document.querySelector('svg.el-plot')!).color,
        point: getComputedStyle(document.querySelector('.el-points circle')!).fill,
        background: getComputedStyle(document.body).backgroundColor,
        line: getComputedStyle(document.querySelector('.el-line path')!).strokeWidth,
      }));
    const light = await colours();
    assert.deepEqual([light.text, light.point, light.background], ['rgb(59, 59, 59)', 'rgb(26, 133, 255)', 'rgb(255, 255, 255)']);
    await chart.screenshot('theme-light');

    await theme('vscode-dark', { '--vscode-editor-foreground': '#cccccc', '--vscode-editor-background': '#1f1f1f', '--vscode-charts-blue': '#3794ff' });
    const dark = await colours();
    assert.deepEqual([dark.text, dark.point, dark.background], ['rgb(204, 204, 204)', 'rgb(55, 148, 255)', 'rgb(31, 31, 31)']);
    await chart.screenshot('theme-dark');

    await theme('vscode-high-contrast', { '--vscode-editor-foreground': '#ffffff', '--vscode-editor-background': '#000000', '--vscode-contrastBorder': '#6fc3df' });
    const contrast = await colours();
    assert.equal(contrast.text, 'rgb(255, 255, 255)');
    assert.equal(contrast.line, '2px', 'thicker lines in high contrast');
    assert.equal(await page.locator('.el-points circle').first().evaluate((c) => getComputedStyle(c).stroke), 'rgb(111, 195, 223)');
    await chart.screenshot('theme-high-contrast');
  });

  it('shows names from results files as text and runs none of them', async () => {
    assert.equal(hostile.length, 1);
    const [evil] = hostile;
    assert.equal(evil.task, '<img src=x onerror=window.__pwned=1>');
    const chart = await open();
    const page = chart.page;
    for (const kind of ['series', 'emergent', 'compare', 'report'] as const) {
      await chart.show({ kind, title: `${kind}: ${evil.label}`, series: [evil], note: evil.family, problems: [{ file: evil.task, line: 0, severity: 'error', message: evil.points[0].model }] });
      if (kind === 'report') await page.locator('.el-series-table tbody tr').first().click();
      await page.locator('.el-points circle').first().hover();
      await page.locator('.el-tooltip').waitFor({ state: 'visible' });
      assert.equal(await page.locator('img, script:not([src]), b, svg[onload], [onerror], [onmouseover]').count(), 0, `${kind}: no element from the data`);
      assert.ok(await page.getByText('<img src=x onerror=window.__pwned=1>').first().isVisible(), `${kind}: the task name is shown as text`);
    }
    assert.equal(await page.locator('.el-tooltip-title').textContent(), 'evil-0<svg onload=window.__pwned=3>');
    assert.ok(await page.getByText('<b onmouseover=window.__pwned=2>fam</b>').first().isVisible());
    await page.mouse.move(0, 0);
    assert.equal((await chart.recorder()).__pwned, undefined);
    await chart.screenshot('hostile-names');
  });

  it('exports the chart as an SVG that parses and a PNG of twice its size', async () => {
    const exact = find(scaling, 'arith_3d', 'exact_match', 'acme');
    const similarity = find(scaling, 'arith_3d', 'edit_similarity', 'acme');
    const chart = await open();
    const page = chart.page;
    await chart.show({ kind: 'compare', title: 'Compare metrics', series: [exact, similarity] });

    await chart.send({ type: 'export', format: 'svg' });
    const svg = await chart.waitForPosted('exported');
    assert.equal(svg.format, 'svg');
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      const root = doc.documentElement;
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        root: root.localName,
        width: Number(root.getAttribute('width')),
        height: Number(root.getAttribute('height')),
        plots: root.querySelectorAll('svg').length,
        circles: root.querySelectorAll('circle').length,
        texts: Array.from(root.querySelectorAll(':scope > text')).map((t) => t.textContent),
        classColours: root.querySelectorAll('circle[fill="currentColor"]').length,
      };
    }, svg.data);
    assert.equal(parsed.error, null);
    assert.equal(parsed.root, 'svg');
    assert.deepEqual([parsed.width, parsed.height], [svg.width, svg.height]);
    assert.equal(parsed.plots, 3);
    assert.equal(parsed.circles, exact.points.length * 2 + exact.points.length * (exact.multiStep!.steps.length + 1));
    assert.ok(parsed.texts.includes('exact_match') && parsed.texts.includes('acme'), 'titles and legend come along');
    assert.equal(parsed.classColours, 0, 'colours resolved, not left to CSS');

    await page.getByRole('button', { name: 'Export PNG' }).click();
    await page.waitForFunction(() => (window as unknown as { __posted: { format?: string }[] }).__posted.some((m) => m.format === 'png'));
    const png = (await chart.recorder()).__posted.find((m) => m.type === 'exported' && m.format === 'png');
    assert.ok(png && png.type === 'exported');
    const bytes = Buffer.from(png.data, 'base64');
    assert.deepEqual(pngSize(bytes), { width: svg.width * 2, height: svg.height * 2 });
    assert.deepEqual({ width: png.width, height: png.height }, pngSize(bytes));
    mkdirSync(ARTEFACTS, { recursive: true });
    writeFileSync(join(ARTEFACTS, 'export.svg'), svg.data);
    writeFileSync(join(ARTEFACTS, 'export.png'), bytes);
  });
});
