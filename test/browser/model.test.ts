// What the charts are asked to draw, without a browser: panel models from real analysed series, and the views the
// extension builds from the language server's answers (a fake source over the same analysis).
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { SeriesResult } from '../../server/src/core/results';
import { buildView } from '../../server/src/lsp/chart-view';
import { logTicks } from '../../webview/src/chart';
import type { ChartSeries } from '../../server/src/protocol';
import { toChartSeries } from '../../server/src/wire/chart-series';
import { comparePanelTitle, familyColours, multiStepPanel, seriesPanel, viewAxes, viewLegend } from '../../webview/src/model';
import { analyzePaths, analyzeResults, fakeSource, FIXTURES, ROOT } from './harness';
import { analyze } from '../../server/src/core/analysis-host';
import { curve, LADDER } from '../helpers/synthetic';
import { formatCount } from '../../server/src/core/format';

let results: SeriesResult[];
let series: ChartSeries[];
const byFamily = (family: string, metric = 'exact_match') => series.find((s) => s.family === family && s.metric === metric)!;

before(async () => {
  // Through JSON, as the results arrive over LSP: no shared objects between points and emergence.
  results = await analyzeResults([join(FIXTURES, 'scaling.csv')]);
  series = results.map(toChartSeries);
});

describe('panel models', () => {
  it('places points on the chosen axis, with error bars and the emergence band between the right models', () => {
    const acme = byFamily('acme');
    const panel = seriesPanel([acme], 'params', familyColours([acme]));
    assert.equal(panel.layers[0].points.length, 7);
    assert.deepEqual(panel.layers[0].points.map((p) => p.x), acme.points.map((p) => p.params));
    const last = panel.layers[0].points[6];
    assert.deepEqual([last.lo, last.hi], [0.58 - 0.0156, 0.58 + 0.0156]);
    assert.ok(acme.emergence);
    assert.deepEqual([panel.bands[0].x1, panel.bands[0].x2], [acme.points[acme.emergence.lastNearChance].params, acme.points[acme.emergence.firstAbove].params]);
    assert.deepEqual(panel.baselines.map((b) => b.y), [0]);

    const flops = seriesPanel([acme], 'flops', familyColours([acme]));
    assert.equal(flops.xLabel, 'Training FLOPs');
    assert.deepEqual(flops.layers[0].points.map((p) => p.x), acme.points.map((p) => p.flops));
    assert.equal(flops.layers[0].fit, null, 'the fit is only drawn on the axis it was made on');
    assert.deepEqual(viewAxes([acme]), ['params', 'flops']);
  });

  it('draws a 0 out of n against chance 0 up to the resolution bound, ≈ 3/n, and says so in its tooltip', () => {
    // A generated answer (chance 0) on 200 items: the small models answer none, so they are below 3/200 = 0.015.
    const obs = curve({ task: 'arithmetic_4da', metric: 'exact_match', params: LADDER.slice(0, 6), scores: [0, 0, 0, 0.01, 0.12, 0.3], n: 200, file: '/r/a.csv' });
    const [s] = JSON.parse(JSON.stringify(analyze(obs).series.map(toChartSeries))) as ChartSeries[];
    const points = seriesPanel([s], 'params', familyColours([s])).layers[0].points;
    assert.deepEqual(points.slice(0, 3).map((p) => p.hi), [0.015, 0.015, 0.015]);
    assert.match(points[0].value, /; 0 of 200 bounds it only below ≈ 0\.015 \(95 %\)$/);
    assert.ok(points[3].hi < 0.025 && !/bounds it/.test(points[3].value), 'a score above 0 keeps its own error bar');
  });

  it('draws a 0 from items tried several times up to 3 over the tries: 200 items × 4 tries, 0 of 800 → 0.00375', () => {
    const obs = curve({ task: 'arithmetic_4da', metric: 'accuracy', params: LADDER.slice(0, 6), scores: [0, 0, 0, 0.01, 0.12, 0.3], n: 200, file: '/r/a.csv' }).map((o) => ({ ...o, baseline: 0, attempts: 800 }));
    const [s] = JSON.parse(JSON.stringify(analyze(obs).series.map(toChartSeries))) as ChartSeries[];
    const points = seriesPanel([s], 'params', familyColours([s])).layers[0].points;
    assert.deepEqual(points.slice(0, 3).map((p) => p.hi), [0.00375, 0.00375, 0.00375]);
    assert.match(points[0].value, /; 0 of 800 tries bounds it only below ≈ 0\.003[78] \(95 %\)$/);
  });

  it('draws the logistic fit in score units: baseline + (ceiling − baseline) · σ(k(u − u0))', async () => {
    const acme = byFamily('acme');
    const fit = seriesPanel([acme], 'params', new Map()).layers[0].fit!;
    assert.equal(fit.length, 64);
    assert.equal(fit[0].x, acme.points[0].params);
    assert.ok(Math.abs(fit[63].x - acme.points[6].params!) / acme.points[6].params! < 1e-9);
    const { midpoint, slope } = acme.fit!;
    for (const { x, y } of fit) assert.ok(Math.abs(y - 1 / (1 + Math.exp(-slope * (Math.log10(x) - Math.log10(midpoint))))) < 1e-12);
    assert.ok(fit.every((f, i) => i === 0 || f.y >= fit[i - 1].y), 'rising');

    // A four-way multiple-choice task: the fit runs from the 0.25 baseline to the ceiling of 1.
    const [choice] = await analyzePaths([join(FIXTURES, 'multiple-choice.csv')]);
    assert.equal(choice.baseline?.value, 0.25);
    const curve = seriesPanel([choice], undefined, new Map()).layers[0].fit!;
    const z = (x: number) => 1 / (1 + Math.exp(-choice.fit!.slope * (Math.log10(x) - Math.log10(choice.fit!.midpoint))));
    for (const { x, y } of curve) assert.ok(Math.abs(y - (0.25 + 0.75 * z(x))) < 1e-12);
  });

  it("overlays families with one colour each and one baseline entry, and names each family's band", () => {
    const both = [byFamily('acme'), byFamily('zenith')];
    const panel = seriesPanel(both, undefined, familyColours(both));
    assert.deepEqual(panel.layers.map((l) => [l.name, l.colour]), [['acme', 0], ['zenith', 1]]);
    assert.deepEqual(panel.bands.map((b) => b.family), [{ name: 'acme', colour: 0 }, { name: 'zenith', colour: 1 }]);
    assert.match(panel.bands[1].label, /^zenith: emerges between /);
    assert.deepEqual(seriesPanel([both[0]], undefined, familyColours(both)).bands.map((b) => b.family), [null], 'one family: nothing to tell apart');
    assert.equal(panel.baselines.length, 1);
    const legend = viewLegend([panel]);
    assert.deepEqual(legend.filter((e) => e.kind === 'colour').map((e) => e.label), ['acme', 'zenith']);
    assert.match(legend.find((e) => e.kind === 'baseline')!.label, /^random baseline 0 \(assumed: /);
  });

  it('colours families by one fixed order, whichever series comes first and whatever else the view holds', () => {
    const [acme, zenith] = [byFamily('acme'), byFamily('zenith')];
    assert.deepEqual([...familyColours([zenith, acme])], [...familyColours([acme, zenith])]);
    // The workspace's families decide: zenith alone in a view keeps the slot it has beside acme.
    assert.equal(familyColours([zenith], ['zenith', 'acme']).get('zenith'), familyColours([acme, zenith]).get('zenith'));
  });

  it("keeps y inside the metric's range: error bars of a model at 0 stop at 0, perplexity on a log axis", async () => {
    const acme = byFamily('acme');
    assert.deepEqual(acme.range, [0, 1]);
    const panel = seriesPanel([acme], 'params', new Map());
    assert.deepEqual(panel.yRange, [0, 1]);
    assert.equal(panel.yLog, false);
    assert.equal(panel.layers[0].points[1].lo, 0, '0.001 ± 0.001 → from 0');
    const examples = (await analyzeResults([join(ROOT, 'examples')])).map(toChartSeries);
    const ppl = examples.find((s) => s.metric === 'perplexity')!;
    assert.equal(ppl.logScale, true);
    assert.equal(seriesPanel([ppl], undefined, new Map()).yLog, true);
    for (const s of examples) assert.equal(s.logScale, /perplexity|^ppl|bits_per_byte|loss/.test(s.metric), `${s.metric}: a log axis for losses only`);
  });

  it('computes the multi-step view as p = s^(1/k), with s itself as k = 1', () => {
    const acme = byFamily('acme');
    const panel = multiStepPanel(acme, 'params')!;
    assert.deepEqual(panel.layers.map((l) => l.name.split(':')[0]), ['k = 1', 'k = 2', 'k = 3', 'k = 4', 'k = 5']);
    const s = Math.min(1, Math.max(0, acme.points[6].normalized));
    panel.layers.forEach((layer, i) => {
      const k = i === 0 ? 1 : acme.multiStep!.steps[i - 1].k;
      assert.ok(Math.abs(layer.points[6].y - s ** (1 / k)) < 1e-12, `k = ${k}`);
    });
    assert.equal(multiStepPanel(byFamily('acme', 'edit_similarity'), 'params'), null, 'none for partial-credit metrics');
  });

  it('labels log axes with powers of ten when the data span decades, with round steps when they do not', () => {
    assert.deepEqual(logTicks(5e6, 6e10, 8), [1e7, 1e8, 1e9, 1e10]);
    assert.deepEqual(logTicks(1e16, 1e24, 4), [1e16, 1e19, 1e22]);
    assert.deepEqual(logTicks(1.5e8, 3e9, 6), [2e8, 5e8, 1e9, 2e9]);
    assert.deepEqual(logTicks(1.1e9, 1.9e9, 6), [1.2e9, 1.4e9, 1.6e9, 1.8e9], 'even steps when no 1-2-5 value falls inside');
    // A y axis wants three ticks at least: 1-2-5 steps for a perplexity axis, even steps for bits per byte.
    assert.deepEqual(logTicks(10, 120, 8, 3), [10, 20, 50, 100]);
    assert.deepEqual(logTicks(0.93, 1.33, 4, 3), [1, 1.1, 1.2, 1.3]);
  });
});

describe('views built from the language server', () => {
  const source = () => fakeSource(results);

  it('plots a series with the other families of the same task and metric', async () => {
    const view = await buildView({ kind: 'series', id: byFamily('acme').id }, source());
    assert.deepEqual(view.series.map((s) => `${s.family}/${s.metric}`), ['acme/exact_match', 'zenith/exact_match']);
    assert.equal(view.title, 'Scaling curve: arith_3d (0-shot)');
  });

  it('compares metrics with the discontinuous one first, whichever was asked for', async () => {
    const view = await buildView({ kind: 'compare', id: byFamily('acme', 'edit_similarity').id }, source());
    assert.deepEqual(view.series.map((s) => s.metric), ['exact_match', 'edit_similarity']);
    assert.equal(view.note, undefined);
    const alone = await buildView({ kind: 'compare', id: byFamily('zenith').id }, source());
    assert.match(alone.note ?? '', /No other metric/);
  });

  it('charts a same-task loss once when it is also a sibling metric', async () => {
    const exact = results.find((s) => s.family === 'acme' && s.metric === 'exact_match')!;
    const sibling = exact.metricFlaw.siblings[0];
    const withLoss = { ...exact, lossSeries: [{ seriesId: sibling.seriesId, task: exact.task, metric: sibling.metric, verdict: sibling.verdict, kind: 'same-task' as const }] };
    const view = await buildView({ kind: 'compare', id: exact.id }, fakeSource(results.map((s) => (s.id === exact.id ? withLoss : s))));
    assert.deepEqual(view.series.map((s) => s.id), [exact.id, sibling.seriesId]);
  });

  it('lists every emergent series, most breakthrough-like first, and says when a series is gone', async () => {
    const emergent = await buildView({ kind: 'emergent' }, source());
    assert.deepEqual(emergent.series.map((s) => s.family), ['acme', 'zenith']);
    assert.ok(emergent.series[0].breakthroughness! >= emergent.series[1].breakthroughness!);
    assert.equal(emergent.title, 'Emergent tasks (2)');
    assert.deepEqual(emergent.families?.sort(), ['acme', 'zenith'], 'every family of the workspace, for the colours');
    // A jump that may be chance is plotted too, after the emergent ones, and the title counts it apart.
    const acme = results.find((s) => s.family === 'acme' && s.metric === 'exact_match')!;
    const possibly = await buildView({ kind: 'emergent' }, fakeSource(results.map((s) => (s === acme ? { ...s, verdict: 'possibly-emergent' as const } : s))));
    assert.deepEqual(possibly.series.map((s) => [s.family, s.verdict]), [['zenith', 'emergent'], ['acme', 'possibly-emergent']]);
    assert.equal(possibly.title, 'Emergent tasks (1, and 1 possibly emergent)');
    const report = await buildView({ kind: 'report' }, source());
    assert.equal(report.series.length, results.length);
    // The editor's report has the thresholds table the standalone one has: the task emerges in both families.
    assert.deepEqual(report.thresholds?.map((r) => r.family).sort(), ['acme', 'zenith']);
    const first = (family: string) => results.find((s) => s.family === family && s.metric === 'exact_match')!.emergence!.firstAbove.model.params;
    assert.deepEqual(report.thresholds?.map((r) => [r.family, r.params]).sort(), [['acme', formatCount(first('acme')!)], ['zenith', formatCount(first('zenith')!)]]);
    const gone = await buildView({ kind: 'series', id: 'nope' }, source());
    assert.deepEqual(gone.series, []);
    assert.match(gone.note ?? '', /no longer in the workspace/);
  });
});

describe('views of the explanations (bundled examples: gsm8k with and without chain-of-thought, per-sample logs)', () => {
  let examples: SeriesResult[];
  before(async () => {
    examples = await analyzeResults([join(ROOT, 'examples')]);
  });
  const gsm8k = (prompting: string | undefined, filter = 'strict-match') =>
    examples.find((s) => s.task === 'gsm8k' && s.metric === 'exact_match' && s.prompting === prompting && s.filter === filter)!;

  it('plots the run with a technique and the run without in one chart, from either side', async () => {
    const cot = gsm8k('cot');
    const plain = gsm8k(undefined);
    assert.ok(cot.technique?.helpsFrom, 'the examples have chain-of-thought helping from some scale');
    for (const id of [cot.id, plain.id]) {
      const view = await buildView({ kind: 'series', id }, fakeSource(examples));
      assert.deepEqual(new Set(view.series.map((s) => s.id)), new Set([cot.id, plain.id]));
      assert.match(view.title, /with and without chain-of-thought$/);
      const panel = seriesPanel(view.series, undefined, familyColours(view.series));
      const names = Object.fromEntries(panel.layers.map((l) => [l.name, l.without]));
      assert.deepEqual(names, { 'toy-lm, with chain-of-thought': false, 'toy-lm, without chain-of-thought': true });
      const helps = cot.points.find((p) => p.model.name === cot.technique!.helpsFrom!.model)!;
      assert.deepEqual(panel.rules.map((r) => r.x), [helps.model.params]);
      assert.match(panel.rules[0].label, /^chain-of-thought helps from 7\.25B \(example-org\/toy-lm-6\.9b\) on$/);
      const legend = viewLegend([panel]);
      assert.ok(legend.some((e) => e.kind === 'without' && /without chain-of-thought/.test(e.label)));
      assert.ok(legend.some((e) => e.kind === 'rule'));
    }
    // A series without a technique pair stays alone, named by its family.
    const mmlu = examples.find((s) => s.task === 'mmlu')!;
    const alone = await buildView({ kind: 'series', id: mmlu.id }, fakeSource(examples));
    assert.deepEqual(seriesPanel(alone.series, undefined, new Map()).layers.map((l) => [l.name, l.without]), [['toy-lm', false]]);
  });

  it('compares an emergent metric with its re-scored siblings and the loss of the same models, each labelled', async () => {
    const cot = gsm8k('cot');
    const view = await buildView({ kind: 'compare', id: cot.id }, fakeSource(examples));
    const [main, ...others] = view.series;
    assert.equal(main.id, cot.id);
    const titles = others.map((s) => comparePanelTitle(s, main));
    assert.deepEqual(titles.sort(), [
      'Loss view: wikitext (0-shot), bits_per_byte',
      'char_partial_credit (re-scored from per-sample logs)',
      'edit_similarity (re-scored from per-sample logs)',
      'exact_match (re-scored from per-sample logs)',
    ]);
    assert.equal(comparePanelTitle(main, main), 'exact_match');
    const edit = others.find((s) => s.metric === 'edit_similarity')!;
    assert.equal(edit.verdict, 'smooth', 'the graded re-scoring of an emergent exact match rises smoothly');
    assert.equal(edit.prompting, 'cot', 'the log joined gsm8k_cot, not plain gsm8k written in the same results file');
    assert.equal(edit.shots, 8);
    assert.equal(view.note, undefined);
  });
});

