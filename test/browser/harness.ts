// Headless Chromium for the chart suites: the shipped bundles (dist/webview.*) served in the webview's own page and
// CSP, a stand-in for acquireVsCodeApi that records what the page posts, and series from the real analysis.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { analyze } from '../../server/src/core/analysis-host';
import { parseOverrides } from '../../server/src/core/overrides';
import type { SeriesResult } from '../../server/src/core/results';
import type { Observation } from '../../server/src/core/types';
import { seriesSummary } from '../../server/src/lsp/custom-requests';
import { withBuildLock } from '../helpers/build-lock';
import type { ChartSeries, ChartView, SeriesSummary, ViewRequest } from '../../server/src/protocol';
import { buildView, type SeriesSource } from '../../server/src/lsp/chart-view';
import { max } from 'simple-statistics';
import { collectFiles, OVERRIDES_FILE, readResultsFile } from '../../server/src/io/files';
import { chartHtml } from '../../client/src/chart/html';
import type { HostMessage, WebviewMessage, WebviewState } from '../../webview/src/contract';
import { toChartSeries } from '../../server/src/wire/chart-series';
import { skipUnlessRequired } from '../helpers/required';

export const ROOT = resolve(__dirname, '../..');
export const DIST = join(ROOT, 'dist');
export const FIXTURES = join(ROOT, 'test/fixtures/browser');
export const ARTEFACTS = join(ROOT, 'test-results/browser');
export const CHROMIUM = '/usr/bin/chromium';
export const NO_CHROMIUM = skipUnlessRequired(existsSync(CHROMIUM) ? false : 'chromium not found: install Debian chromium to run the browser suite');

const ORIGIN = 'http://chart.test';
const NONCE = 'test-nonce-0123456789';

function newest(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), 0);
}

/**
 * Builds the bundles the suites load (chart page, report page, CLI) unless they are newer than their sources.
 * Same lock as the protocol suites, so parallel test files never read a half-written dist/.
 */
export function ensureBuilt(): void {
  withBuildLock(() => {
    const outputs = ['webview.js', 'webview.css', 'report.js', 'report.css', 'cli.js'].map((f) => join(DIST, f));
    const sources = ['webview', 'server/src', 'cli/src', 'build.mjs'].map((p) => newest(join(ROOT, p)));
    if (outputs.every((o) => existsSync(o) && statSync(o).mtimeMs > max(sources))) return;
    const built = spawnSync(process.execPath, ['build.mjs', 'webview', 'report', 'cli'], { cwd: ROOT, encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`node build.mjs webview report cli failed:\n${built.stderr}`);
  });
}

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Series as the language server sends them: the real readers and analysis, through JSON as over LSP. */
export async function analyzeResults(paths: string[]): Promise<SeriesResult[]> {
  const { files } = await collectFiles(paths);
  const observations: Observation[] = [];
  for (const file of files) for (const o of (await readResultsFile(file)).observations) observations.push(o);
  const overridesFile = paths.map((p) => join(p, OVERRIDES_FILE)).find((f) => existsSync(f));
  const overrides = overridesFile ? parseOverrides(readFileSync(overridesFile, 'utf8'), overridesFile).overrides : {};
  return JSON.parse(JSON.stringify(analyze(observations, { overrides }).series)) as SeriesResult[];
}

/** The chart data the extension posts to the page for those series. */
export async function analyzePaths(paths: string[]): Promise<ChartSeries[]> {
  return (await analyzeResults(paths)).map(toChartSeries);
}

/** The language server's index over fixed results, counting reads, and its chartView answer. */
export function fakeSource(results: SeriesResult[]): SeriesSource & { requests: string[]; chartView(request: ViewRequest): Promise<ChartView> } {
  const requests: string[] = [];
  const summaries: SeriesSummary[] = results.map((s) => seriesSummary(s, pathToFileURL(s.points[0].range.file).href));
  const source: SeriesSource & { requests: string[] } = {
    requests,
    listSeries: async () => (requests.push('list'), summaries),
    getSeries: async (id) => (requests.push(id), results.find((s) => s.id === id) ?? null),
  };
  return { ...source, chartView: (request) => buildView(request, source) };
}

export function find(series: ChartSeries[], task: string, metric: string, family?: string): ChartSeries {
  const found = series.find((s) => s.task === task && s.metric === metric && (family === undefined || s.family === family));
  if (!found) throw new Error(`no series ${task} / ${metric} / ${family ?? 'any family'}`);
  return found;
}

/** What the stand-in VS Code API and the CSP listener record in the page. */
export interface Recorder {
  __posted: WebviewMessage[];
  __state: WebviewState | undefined;
  __violations: string[];
  __pwned?: unknown;
}

export class ChartPage {
  readonly blocked: string[] = [];
  readonly errors: string[] = [];

  private constructor(readonly page: Page) {}

  /** The webview's HTML (client/src/chart/html.ts) at a fake origin, with the bundles from dist/. */
  static async open(browser: Browser, viewport = { width: 1100, height: 800 }): Promise<ChartPage> {
    const page = await browser.newPage({ viewport });
    const chart = new ChartPage(page);
    page.on('pageerror', (e) => chart.errors.push(e.message));
    page.setDefaultTimeout(10_000);
    // tsx (esbuild keepNames) wraps named functions in __name(); functions sent to the page need it there too.
    await page.addInitScript({ content: 'window.__name = (f) => f;' });
    await page.addInitScript(() => {
      const w = window as unknown as Recorder & { acquireVsCodeApi(): unknown };
      w.__posted = [];
      w.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
      w.acquireVsCodeApi = () => ({
        postMessage: (m: WebviewMessage) => w.__posted.push(JSON.parse(JSON.stringify(m))),
        getState: () => w.__state,
        setState: (s: WebviewState) => (w.__state = s),
      });
    });
    const files: Record<string, [string, string]> = {
      '/': [chartHtml({ cspSource: ORIGIN, script: `${ORIGIN}/webview.js`, style: `${ORIGIN}/webview.css` }, NONCE), 'text/html'],
      '/webview.js': [readFileSync(join(DIST, 'webview.js'), 'utf8'), 'text/javascript'],
      '/webview.css': [readFileSync(join(DIST, 'webview.css'), 'utf8'), 'text/css'],
    };
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url());
      const file = url.origin === ORIGIN ? files[url.pathname] : undefined;
      if (!file) {
        chart.blocked.push(url.href);
        return route.abort();
      }
      return route.fulfill({ body: file[0], contentType: file[1] });
    });
    await page.goto(`${ORIGIN}/`);
    await page.waitForFunction(() => (window as unknown as Recorder).__posted.some((m) => m.type === 'ready'));
    return chart;
  }

  /** Posts a host message the way the extension does; resolves once the page's own listener (registered first) ran. */
  async send(message: HostMessage): Promise<void> {
    await this.page.evaluate(
      (m) =>
        new Promise<void>((done) => {
          window.addEventListener('message', () => done(), { once: true });
          window.postMessage(m, '*');
        }),
      message,
    );
  }

  async show(view: ChartView, request?: ViewRequest): Promise<void> {
    const kind = view.kind;
    const fallback: ViewRequest = kind === 'series' || kind === 'compare' ? { kind, id: view.series[0]?.id ?? 'none' } : { kind };
    await this.send({ type: 'view', view, request: request ?? fallback });
  }

  recorder(): Promise<Recorder> {
    return this.page.evaluate(() => {
      const w = window as unknown as Recorder;
      return { __posted: w.__posted, __state: w.__state, __violations: w.__violations, __pwned: w.__pwned };
    });
  }

  async waitForPosted<T extends WebviewMessage['type']>(type: T): Promise<Extract<WebviewMessage, { type: T }>> {
    const handle = await this.page.waitForFunction((t) => (window as unknown as Recorder).__posted.filter((m) => m.type === t).pop(), type);
    return (await handle.jsonValue()) as Extract<WebviewMessage, { type: T }>;
  }

  async screenshot(name: string): Promise<void> {
    mkdirSync(ARTEFACTS, { recursive: true });
    await this.page.screenshot({ path: join(ARTEFACTS, `${name}.png`), fullPage: true });
  }
}

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(png: Buffer): { width: number; height: number } {
  if (png.subarray(1, 4).toString('latin1') !== 'PNG') throw new Error('not a PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
