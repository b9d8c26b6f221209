// Hover markdown straight from the analysis, for cases the fixture workspace does not hold.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import type { Observation } from '../../server/src/core/types';
import { AnalysisSnapshot, indexByFile } from '../../server/src/lsp/analysis-snapshot';
import { hoverMarkdown } from '../../server/src/lsp/hover';
import { curve } from '../helpers/synthetic';

function snapshotOf(observations: Observation[]): AnalysisSnapshot {
  const { series, problems } = analyze(observations);
  return new AnalysisSnapshot({ series: () => series, byId: new Map(series.map((s) => [s.id, s])), groupsOf: () => [{ series, ...indexByFile(series, problems) }] }, 0);
}

const FILE = '/results/long.csv';
const sizes = Array.from({ length: 16 }, (_, i) => 1e7 * 10 ** (i / 4));

describe('hover markdown', () => {
  it('elides the middle of a long series but keeps the hovered row', () => {
    const obs = curve({ task: 'lens_long', params: sizes, scores: sizes.map((_, i) => (i < 9 ? 0.001 : 0.1 + 0.05 * i)), n: 2000, file: FILE });
    const value = hoverMarkdown(FILE, obs[7].range.line, snapshotOf(obs), obs)!;
    const rows = value.split('\n').filter((l) => /^\| (▶|✓)? ?\| toy\\-/.test(l));
    assert.equal(rows.length, 11, 'five first, five last, and the hovered one');
    assert.match(value, /^\| ▶ \| toy\\-/m);
    assert.match(value, /^\| \| … 2 more \| \| \|$/m);
    assert.match(value, /^\| \| … 3 more \| \| \|$/m);
  });

  it('says what is missing when there is no random baseline', () => {
    const obs = curve({ task: 'lens_custom', metric: 'score', params: sizes.slice(0, 6), scores: [1, 1.1, 1.2, 1.5, 1.9, 2.4], file: FILE });
    const value = hoverMarkdown(FILE, obs[2].range.line, snapshotOf(obs), obs)!;
    assert.match(value, /no random baseline is known for this task/);
    assert.match(value, /\*\*Multi-step hypothesis\*\*: not computed: score/);
    assert.match(value, /\*\*Metric-flaw hypothesis\*\*: score \(score\) is of unknown kind/);
  });

  it('explains a result that is in no series', () => {
    const obs: Observation[] = [{ task: 'lens_odd', metric: 'acc', model: { name: 'mystery-model' }, score: 0.4, range: { file: FILE, line: 3, character: 5, endLine: 3, endCharacter: 8 } }];
    const value = hoverMarkdown(FILE, 3, snapshotOf(obs), obs)!;
    assert.match(value, /mystery\\-model: 0\.4/);
    assert.match(value, /Not part of a scaling series: the model has no known scale/);
  });

  it('returns nothing for a line without results', () => {
    const obs = curve({ task: 'lens_long', params: sizes.slice(0, 4), scores: [0.1, 0.2, 0.3, 0.4], file: FILE });
    assert.equal(hoverMarkdown(FILE, 99, snapshotOf(obs), obs), null);
  });
});
