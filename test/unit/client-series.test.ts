// What the VS Code client makes of a series: the CSV on the clipboard,
// the Explorer's order and the command arguments it accepts. Series come from the real analysis.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analysis-host';
import type { SeriesResult } from '../../server/src/core/results';
import { COMMANDS, type SeriesSummary } from '../../server/src/protocol';
import { HOVER_LINK_COMMANDS, restrictTrust, seriesIdOf, SERVER_MARKDOWN, taskArgumentOf } from '../../client/src/commandIds';
import { csvCell, seriesCsv } from '../../client/src/seriesCsv';
import { groupByVerdict, seriesPicks } from '../../client/src/seriesList';
import { forMessage, noIcons } from '../../client/src/text';
import { curve, LADDER } from '../helpers/synthetic';

const emergent = (task: string, family = 'toy'): SeriesResult => {
  const [series] = analyze(curve({ task, family, params: LADDER, scores: [0.25, 0.25, 0.26, 0.25, 0.26, 0.25, 0.6, 0.8], n: 1000, baseline: 0.25, file: `/ws/${family}.csv` })).series;
  assert.equal(series.verdict, 'emergent');
  return series;
};

const summary = (over: Partial<SeriesSummary>): SeriesSummary => ({
  id: over.task ?? 't', task: 't', metric: 'acc', family: 'f', verdict: 'smooth', verdictLabel: '↗ smooth', reason: 'r', breakthroughness: null, uri: 'file:///x', line: 0, ...over,
});

describe('client: series as CSV', () => {
  it('has a header and one row per point, with workspace-relative sources and 1-based lines', () => {
    const series = emergent('lens_arith');
    const lines = seriesCsv(series, (f) => f.replace('/ws/', '')).trimEnd().split('\n');
    assert.equal(lines.length, 1 + LADDER.length);
    const header = lines[0].split(',');
    const row = (i: number) => Object.fromEntries(lines[i].split(',').map((v, k) => [header[k], v]));
    assert.deepEqual(
      { task: row(1).task, model: row(1).model, x: row(1).x, score: row(1).score, verdict: row(1).verdict, file: row(1).file, line: row(1).line, baseline: row(1).baseline },
      { task: 'lens_arith', model: 'toy-10000000', x: '10000000', score: '0.25', verdict: 'emergent', file: 'toy.csv', line: '2', baseline: '0.25' },
    );
    assert.equal(row(8).above_chance, 'true');
  });

  it('quotes per RFC 4180 and keeps names from running as spreadsheet formulas', () => {
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('two\nlines'), '"two\nlines"');
    assert.equal(csvCell('=HYPERLINK("http://x")'), `"'=HYPERLINK(""http://x"")"`);
    assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvCell(-0.5), '-0.5', 'numbers stay numbers');
    assert.equal(csvCell(undefined), '');
    assert.equal(csvCell(Number.NaN), '');
  });
});

describe('client: untrusted names in quick picks and notifications', () => {
  it('keeps icon and link syntax as text', () => {
    assert.equal(noIcons('$(zap) hi'), '$\u200b(zap) hi');
    assert.equal(forMessage('[run](command:x)'), '[run]\u200b(command:x)');
  });
});

describe('client: Explorer order and quick pick', () => {
  it('groups by verdict, emergent first, strongest breakthroughness first, unknown ones last', () => {
    const groups = groupByVerdict([
      summary({ task: 'smooth1', verdict: 'smooth', breakthroughness: 3 }),
      summary({ task: 'e-weak', verdict: 'emergent', breakthroughness: 2 }),
      summary({ task: 'e-none', verdict: 'emergent', breakthroughness: null }),
      summary({ task: 'e-strong', verdict: 'emergent', breakthroughness: 40 }),
      summary({ task: 'flat1', verdict: 'flat', breakthroughness: 0 }),
      summary({ task: 'inv', verdict: 'inverse', breakthroughness: -5 }),
      summary({ task: 'newer', verdict: 'wavy' as SeriesSummary['verdict'] }),
    ]);
    assert.deepEqual(groups.map((g) => g.verdict), ['emergent', 'inverse', 'smooth', 'flat', 'insufficient']);
    assert.deepEqual(groups[0].series.map((s) => s.task), ['e-strong', 'e-weak', 'e-none']);
  });

  it('keeps `$(…)` in names from drawing icons in the quick pick', () => {
    const [pick] = seriesPicks([summary({ task: '$(alert) x', verdict: 'emergent', verdictLabel: '⚡ emergent ≥ 6.9B', reason: 'see $(bug)' })]);
    assert.equal(pick.label, '$(zap) $\u200b(alert) x');
    assert.equal(pick.description, 'f · acc · ⚡ emergent ≥ 6.9B');
    assert.equal(pick.detail, '⚡ emergent ≥ 6.9B: see $\u200b(bug)');
  });

  it('says in the quick pick that a possibly emergent series may be chance', () => {
    const [pick] = seriesPicks([summary({ task: 'x', verdict: 'possibly-emergent', verdictLabel: '⚡? possibly emergent ≥ 6.9B', reason: 'r' })]);
    assert.equal(pick.label, '$(question) x');
    assert.match(pick.description, /possibly emergent ≥ 6\.9B$/);
  });
});

describe('client: command arguments and hover trust', () => {
  it('accepts the protocol arguments and nothing else', () => {
    assert.equal(seriesIdOf({ seriesId: 'a|b' }), 'a|b');
    assert.equal(seriesIdOf({ kind: 'series', seriesId: 'a' }), 'a', 'an Explorer item');
    for (const bad of [undefined, null, 'a', [], {}, { seriesId: 1 }, { seriesId: '' }]) assert.equal(seriesIdOf(bad), undefined);
    assert.deepEqual(taskArgumentOf({ task: 'mmlu', suggested: 0.25 }), { task: 'mmlu', suggested: 0.25 });
    assert.deepEqual(taskArgumentOf({ task: 'mmlu', suggested: 'x' }), { task: 'mmlu' });
    assert.deepEqual(taskArgumentOf({ task: 'mmlu', suggested: Number.NaN }), { task: 'mmlu' });
    for (const bad of [undefined, { task: '' }, { task: 3 }, ['mmlu']]) assert.equal(taskArgumentOf(bad), undefined);
  });

  it('trusts exactly the protocol commands in server markdown, never HTML', () => {
    assert.deepEqual([...HOVER_LINK_COMMANDS].sort(), Object.values(COMMANDS).sort());
    assert.deepEqual(SERVER_MARKDOWN, { isTrusted: { enabledCommands: HOVER_LINK_COMMANDS }, supportHtml: false });
    const md = restrictTrust({ isTrusted: true as boolean | { enabledCommands: readonly string[] }, supportHtml: true, supportThemeIcons: true });
    assert.deepEqual(md, { isTrusted: { enabledCommands: HOVER_LINK_COMMANDS }, supportHtml: false, supportThemeIcons: false });
  });
});
