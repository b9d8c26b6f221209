// The extension side of the charts against a recording stand-in for the VS Code API (test/browser/fake-vscode.ts):
// one panel per view kind, nothing posted before the page is ready, validated messages, files opened only when the
// chart holds them, live refresh, revival by the serializer, and export through the save dialog.
import { strict as assert } from 'node:assert';
import Module from 'node:module';
import { join } from 'node:path';
import { before, beforeEach, describe, it } from 'node:test';
import type { ExtensionContext } from 'vscode';
import type { SeriesResult } from '../../server/src/core/results';
import type { ChartView } from '../../server/src/protocol';
import type { HostMessage } from '../../webview/src/contract';
import { analyzeResults, fakeSource, FIXTURES } from './harness';

// `vscode` exists only inside the editor: resolve it to the stand-in before the panels module loads.
const FAKE = require.resolve('./fake-vscode');
const modules = Module as unknown as { _resolveFilename(request: string, ...rest: unknown[]): string };
const resolveFilename = modules._resolveFilename;
modules._resolveFilename = function (request, ...rest) {
  // eslint-disable-next-line no-restricted-syntax -- forwards Node's own arguments (three at most)
  return request === 'vscode' ? FAKE : resolveFilename.call(this, request, ...rest);
};
const vscode = require('./fake-vscode') as typeof import('./fake-vscode');
const { registerCharts, VIEW_TYPE } = require('../../client/src/chart/index') as typeof import('../../client/src/chart/index');
const { recorded, EventEmitter, Uri } = vscode;

const settle = (ms = 20) => new Promise((done) => setTimeout(done, ms));
const views = (panel: InstanceType<typeof vscode.FakePanel>) => (panel.webview.posted as HostMessage[]).filter((m): m is Extract<HostMessage, { type: 'view' }> => m.type === 'view');
const lastView = (panel: InstanceType<typeof vscode.FakePanel>): ChartView | undefined => views(panel).pop()?.view;

describe('chart panels in the extension', () => {
  let results: SeriesResult[];
  const id = (family: string, metric = 'exact_match') => results.find((s) => s.family === family && s.metric === metric)!.id;

  before(async () => {
    results = await analyzeResults([join(FIXTURES, 'scaling.csv')]);
  });

  let charts: ReturnType<typeof registerCharts>;
  let index: InstanceType<typeof EventEmitter<void>>;
  let context: { extensionUri: InstanceType<typeof Uri>; subscriptions: { dispose(): void }[] };
  beforeEach(() => {
    for (const d of context?.subscriptions ?? []) d.dispose();
    Object.assign(recorded, { panels: [], shown: [], info: [], errors: [], written: [], pick: undefined, saveTo: undefined, context: new Map() });
    index = new EventEmitter<void>();
    context = { extensionUri: Uri.file('/ext'), subscriptions: [] };
    charts = registerCharts(context as unknown as ExtensionContext, { ...fakeSource(results), onDidChangeIndex: index.event as never, pickSeries: async () => recorded.pick });
  });

  it('opens a webview limited to dist/ with a nonce CSP, and sends the view once the page is ready', async () => {
    await charts.plotSeries(id('acme'));
    assert.equal(recorded.panels.length, 1);
    const [panel] = recorded.panels;
    assert.equal(panel.viewType, VIEW_TYPE);
    const options = panel.webview.options as { enableScripts: boolean; localResourceRoots: { fsPath: string }[] };
    assert.equal(options.enableScripts, true);
    assert.deepEqual(options.localResourceRoots.map((u) => u.fsPath), ['/ext/dist']);
    const nonce = /script-src 'nonce-([\w-]+)'/.exec(panel.webview.html)?.[1];
    assert.ok(nonce && nonce.length >= 40);
    assert.ok(panel.webview.html.includes(`<script nonce="${nonce}" src="https:///ext/dist/webview.js">`));
    assert.equal(panel.webview.posted.length, 0, 'nothing posted before the page listens');

    panel.webview.send({ type: 'ready' });
    await settle();
    const [message] = views(panel);
    assert.deepEqual(message.request, { kind: 'series', id: id('acme') });
    assert.deepEqual(message.view.series.map((s) => s.family), ['acme', 'zenith']);
    assert.equal(panel.title, 'Scaling curve: arith_3d (0-shot)');
  });

  it('keeps one panel per view kind: a second plot reveals and updates it', async () => {
    await charts.plotSeries(id('acme'));
    const [panel] = recorded.panels;
    panel.webview.send({ type: 'ready' });
    await settle();
    await charts.plotSeries(id('zenith'));
    assert.equal(recorded.panels.length, 1);
    assert.equal(panel.revealed, 1);
    assert.deepEqual(views(panel).pop()?.request, { kind: 'series', id: id('zenith') });
    await charts.plotAllEmergent();
    assert.equal(recorded.panels.length, 2, 'another kind, another panel');
    // Export Chart is in the palette while a chart is open, and leaves it when the last one closes.
    assert.equal(recorded.context.get('emergenceLens.chartOpen'), true);
    recorded.panels[0].dispose();
    assert.equal(recorded.context.get('emergenceLens.chartOpen'), true);
    recorded.panels[1].dispose();
    assert.equal(recorded.context.get('emergenceLens.chartOpen'), false);
  });

  it('acts only on valid messages: files the chart shows, series it holds', async () => {
    await charts.compareMetrics(id('acme', 'edit_similarity'));
    const [panel] = recorded.panels;
    panel.webview.send({ type: 'ready' });
    await settle();
    const shown = lastView(panel)!;
    assert.deepEqual(shown.series.map((s) => s.metric), ['exact_match', 'edit_similarity']);
    const point = shown.series[0].points[3];

    panel.webview.send({ type: 'open', file: '/etc/passwd', line: 0 });
    panel.webview.send({ type: 'open', file: point.file, line: -4 });
    panel.webview.send({ type: 'open', file: point.file });
    await settle();
    assert.equal(recorded.shown.length, 0);
    panel.webview.send({ type: 'open', file: point.file, line: point.line });
    await settle();
    assert.equal(recorded.shown.length, 1);
    assert.equal(recorded.shown[0].uri.fsPath, point.file);
    assert.equal(recorded.shown[0].options.selection.startLine, point.line);

    panel.webview.send({ type: 'plot', kind: 'series', seriesId: id('zenith') });
    await settle();
    assert.equal(recorded.panels.length, 1, 'zenith is not in this chart');
    panel.webview.send({ type: 'plot', kind: 'series', seriesId: shown.series[1].id });
    await settle();
    assert.equal(recorded.panels.length, 2);
  });

  it('redraws open charts when the index changes, and hidden ones when they come back', async () => {
    await charts.plotAllEmergent();
    const [panel] = recorded.panels;
    panel.webview.send({ type: 'ready' });
    await settle();
    assert.equal(views(panel).length, 1);
    index.fire();
    await settle(500);
    assert.equal(views(panel).length, 2, 'refreshed after the debounce');

    panel.setVisible(false);
    index.fire();
    await settle(500);
    assert.equal(views(panel).length, 2, 'not while hidden');
    panel.setVisible(true);
    panel.webview.send({ type: 'ready' });
    await settle();
    assert.ok(views(panel).length >= 3);
  });

  it('brings charts back after a reload from the state the page saved, and drops unusable state', async () => {
    const serializer = recorded.serializers.get(VIEW_TYPE)!;
    const revived = new vscode.FakePanel(VIEW_TYPE, 'Emergent Tasks');
    await serializer.deserializeWebviewPanel(revived, { request: { kind: 'emergent' }, axis: 'flops' });
    assert.match(revived.webview.html, /Content-Security-Policy/);
    revived.webview.send({ type: 'ready' });
    await settle();
    assert.equal(lastView(revived)?.kind, 'emergent');
    assert.equal(lastView(revived)?.series.length, 2);

    const garbage = new vscode.FakePanel(VIEW_TYPE, 'x');
    await serializer.deserializeWebviewPanel(garbage, { request: { kind: 'series', id: 42 } });
    assert.equal(garbage.disposed, true);
    const duplicate = new vscode.FakePanel(VIEW_TYPE, 'x');
    await serializer.deserializeWebviewPanel(duplicate, { request: { kind: 'emergent' } });
    assert.equal(duplicate.disposed, true, 'one panel per kind');
  });

  it('exports through the page and saves where the user picks', async () => {
    await charts.exportChart();
    assert.match(recorded.info[0], /Open a chart first/);

    await charts.plotSeries(id('acme'));
    const [panel] = recorded.panels;
    panel.webview.send({ type: 'ready' });
    await settle();
    recorded.pick = 'PNG';
    await charts.exportChart();
    assert.deepEqual(panel.webview.posted.at(-1), { type: 'export', format: 'png' });

    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    recorded.saveTo = Uri.file('/workspace/chart.png');
    panel.webview.send({ type: 'exported', format: 'png', data: png.toString('base64'), width: 2, height: 2 });
    await settle();
    assert.equal(recorded.written.length, 1);
    assert.deepEqual(Buffer.from(recorded.written[0].bytes), png);

    recorded.saveTo = undefined;
    panel.webview.send({ type: 'exported', format: 'svg', data: '<svg/>', width: 2, height: 2 });
    panel.webview.send({ type: 'exported', format: 'svg', data: '<script>x</script>', width: 2, height: 2 });
    await settle();
    assert.equal(recorded.written.length, 1, 'cancelled dialog, and a non-SVG refused');
  });
});
