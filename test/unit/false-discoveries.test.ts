// Multiple comparisons: a borderline jump is emergent on its own, but among many series tested it may be chance.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analysis-host';
import { oneSidedP } from '../../server/src/core/stats';
import type { SeriesResult } from '../../server/src/core/results';
import { readResultsText } from '../../server/src/readers';
import { AnalysisSnapshot } from '../../server/src/lsp/analysis-snapshot';
import { IncrementalAnalysis } from '../../server/src/lsp/incremental-analysis';
import { WorkspaceIndex } from '../../server/src/lsp/workspace-index';
import { DEFAULT_SETTINGS } from '../../server/src/protocol';
import { toTable } from '../../cli/src/report';
import { curve, LADDER } from '../helpers/synthetic';

const SIZES = LADDER.slice(0, 6);
// Flat at the 0 baseline, then a jump: about 7 SE with 4000 items per model, about 2.5 SE with 300.
const STRONG = curve({ task: 'strong', metric: 'exact_match', params: SIZES, scores: [0, 0, 0, 0.2, 0.35, 0.5], n: 4000 });
const BORDERLINE = curve({ task: 'borderline', metric: 'exact_match', params: SIZES, scores: [0, 0, 0.002, 0.002, 0.12, 0.13], stderr: [0.004, 0.004, 0.004, 0.004, 0.045, 0.045] });
/** Tasks at chance: tested, never flagged. */
const flat = (count: number, family = 'toy') =>
  Array.from({ length: count }, (_, i) => curve({ task: `flat_${i}`, metric: 'exact_match', family, params: SIZES, scores: SIZES.map(() => 0.001), n: 4000 })).flat();

const byTask = (series: readonly SeriesResult[], task: string) => series.find((s) => s.task === task)!;

describe('multiple-comparison correction (Benjamini–Hochberg)', () => {
  it('turns a jump of z standard errors into a one-sided p-value', () => {
    assert.ok(Math.abs(oneSidedP(1.6449) - 0.05) < 1e-4);
    assert.ok(Math.abs(oneSidedP(0) - 0.5) < 1e-6);
    assert.ok(oneSidedP(8) < 1e-14);
    assert.equal(oneSidedP(NaN), 1);
  });

  it('keeps a borderline jump when few series are tested and calls it only possibly emergent among many', () => {
    const few = analyze([...STRONG, ...BORDERLINE]);
    assert.equal(byTask(few.series, 'borderline').verdict, 'emergent', 'emergent on its own');
    assert.equal(byTask(few.series, 'borderline').significance?.significantAfterCorrection, true);
    assert.deepEqual(few.falseDiscoveries, { tested: 2, flagged: 2, significant: 2, emergentFlagged: 2, emergentSignificant: 2, fdr: 0.05 });

    const many = analyze([...STRONG, ...BORDERLINE, ...flat(200)]);
    const strong = byTask(many.series, 'strong').significance!;
    const borderline = byTask(many.series, 'borderline').significance!;
    assert.equal(byTask(many.series, 'borderline').verdict, 'possibly-emergent', 'a claim that does not survive is not reported as emergent');
    assert.match(byTask(many.series, 'borderline').reason, /may be chance: not significant after the multiple-comparison check over 202 series \(q = /);
    assert.ok(byTask(many.series, 'borderline').emergence, 'the jump is still described');
    assert.equal(strong.significantAfterCorrection, true);
    assert.equal(borderline.significantAfterCorrection, false);
    assert.equal(borderline.tested, 202);
    // Step-up adjusted p-values: the larger p is ranked 2nd of 202 tests.
    assert.ok(Math.abs(borderline.q! - Math.min(1, (202 * borderline.p!) / 2)) < 1e-12);
    assert.ok(Math.abs(strong.q! - Math.min((202 * strong.p!) / 1, borderline.q!)) < 1e-12);
    assert.deepEqual(many.falseDiscoveries, { tested: 202, flagged: 2, significant: 1, emergentFlagged: 2, emergentSignificant: 1, fdr: 0.05 });
    // Series without a claim are counted, with no p of their own.
    assert.deepEqual(byTask(many.series, 'flat_0').significance, { claim: null, p: null, q: null, tested: 202, flagged: 2, fdr: 0.05, significantAfterCorrection: null });

    const table = toTable(many, { all: false });
    assert.match(table, /^⚡\? possibly emergent +borderline/m);
    assert.match(table, /^⚡ emergent +strong/m);
    assert.match(table, /1 of 2 claims \(emergent, inverse, U-shaped\) stay significant at a 5 % false-discovery rate over the 202 series tested \(Benjamini–Hochberg\); the others are reported by what the data still support/);
  });

  it('puts falls and dips through the same check: a fall of about 2.3 SE among many series is not called inverse', () => {
    // 0.60 → 0.545 over eight sizes with 1000 items each: binomial SE ≈ 0.0155, so the change is 0.055 / 0.022 ≈ 2.5 SE
    // (11 % of the range above the 0.5 baseline) and p ≈ 0.006; among 401 series its q is far above 5 %.
    const fall = curve({ task: 'falling', params: LADDER, scores: [0.6, 0.595, 0.585, 0.58, 0.57, 0.56, 0.55, 0.545], n: 1000, baseline: 0.5 });
    const alone = byTask(analyze(fall).series, 'falling');
    assert.equal(alone.verdict, 'inverse');
    assert.equal(alone.significance?.claim, 'inverse');
    const crowd = byTask(analyze([...fall, ...flat(400)]).series, 'falling');
    assert.notEqual(crowd.verdict, 'inverse');
    assert.equal(crowd.significance?.significantAfterCorrection, false);
    assert.match(crowd.reason, /the fall seen \(falls by .*\) does not survive the multiple-comparison check over 401 series/);
  });

  it('takes its false-discovery rate from the thresholds', () => {
    const loose = analyze([...STRONG, ...BORDERLINE, ...flat(200)], { thresholds: { fdr: 0.5 } });
    assert.equal(byTask(loose.series, 'borderline').verdict, 'emergent');
  });

  it('corrects over the whole workspace in the editor, not one model family at a time', () => {
    const index = new WorkspaceIndex();
    const table = (rows: ReturnType<typeof curve>) =>
      ['model,family,params,task,metric,score,stderr,n', ...rows.map((o) => [o.model.name, o.model.family, o.model.params, o.task, o.metric, o.score, o.stderr ?? '', o.n ?? ''].join(','))].join('\n');
    index.setDisk('/ws/mixed.csv', { kind: 'results', result: readResultsText('/ws/mixed.csv', table([...STRONG, ...BORDERLINE])) });
    index.setDisk('/ws/other.csv', { kind: 'results', result: readResultsText('/ws/other.csv', table(flat(200, 'other'))) });
    const analysis = new IncrementalAnalysis();
    let snapshot = analysis.update(index, DEFAULT_SETTINGS, AnalysisSnapshot.empty()).snapshot;
    assert.equal(byTask(snapshot.series, 'borderline').significance?.tested, 202);
    assert.equal(byTask(snapshot.series, 'borderline').verdict, 'possibly-emergent');

    // More series tested elsewhere: still not significant, but its mark now says another count and q.
    index.setDisk('/ws/third.csv', { kind: 'results', result: readResultsText('/ws/third.csv', table(flat(100, 'third'))) });
    const more = analysis.update(index, DEFAULT_SETTINGS, snapshot);
    snapshot = more.snapshot;
    assert.equal(byTask(snapshot.series, 'borderline').significance?.tested, 302);
    assert.ok(more.affected?.has('/ws/mixed.csv'), 'its file is re-published with the new count');
    index.deleteDisk('/ws/third.csv');
    snapshot = analysis.update(index, DEFAULT_SETTINGS, snapshot).snapshot;

    // The other family's file goes away: the borderline jump, in a partition not re-analysed, is significant again.
    index.deleteDisk('/ws/other.csv');
    const update = analysis.update(index, DEFAULT_SETTINGS, snapshot);
    snapshot = update.snapshot;
    assert.equal(byTask(snapshot.series, 'borderline').verdict, 'emergent');
    assert.ok(update.affected?.has('/ws/mixed.csv'), 'its file is re-published');
  });
});
