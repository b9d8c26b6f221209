// Hover markdown straight from the analysis, for cases the fixture workspace does not hold.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analysisOf } from '../../server/src/core/analysis-host';
import type { Observation } from '../../server/src/core/types';
import { AnalysisSnapshot } from '../../server/src/lsp/analysis-snapshot';
import { explanationMarkdown } from '../../server/src/lsp/explanation';
import { hoverMarkdown } from '../../server/src/lsp/hover';
import { curve } from '../helpers/synthetic';
import { DEFAULT_THRESHOLDS } from '../../server/src/core/config';

function snapshotOf(observations: Observation[]): AnalysisSnapshot {
  return new AnalysisSnapshot(analysisOf(observations), 0);
}

const FILE = '/results/long.csv';
const sizes = Array.from({ length: 16 }, (_, i) => 1e7 * 10 ** (i / 4));

describe('hover markdown', () => {
  it('keeps a flat series to its first lines: no hypotheses where there is no jump to explain', () => {
    const obs = curve({ task: 'mmlu_anatomy', params: sizes.slice(0, 8), scores: [0.34, 0.36, 0.35, 0.37, 0.36, 0.38, 0.37, 0.39], n: 135, file: FILE });
    const value = hoverMarkdown(FILE, obs[3].range.line, { snapshot: snapshotOf(obs), observations: obs })!;
    assert.match(value, /^\*\*— mmlu\\_anatomy \\\(acc\\\)\*\* in \*\*toy\*\* — flat above chance$/m);
    assert.doesNotMatch(value, /Multi-step|Metric flaw|Loss view/);
    assert.ok(value.split(/\n\n+/).length <= 5, value);
  });

  it("judges this model against chance at the analysis's significance, not at a fixed 2 SE", () => {
    // 0.40 of 100 items against chance 0.25: 3.1 SE above it, 20 points of the range.
    const obs = curve({ task: 'mmlu_anatomy', params: sizes.slice(0, 6), scores: [0.36, 0.37, 0.38, 0.38, 0.39, 0.4], n: 100, file: FILE });
    const line = (significance: number) => {
      const snapshot = new AnalysisSnapshot(analysisOf(obs, { thresholds: { significance } }), 0);
      return hoverMarkdown(FILE, obs[5].range.line, { snapshot, observations: obs, thresholds: { ...DEFAULT_THRESHOLDS, significance } })!.split('\n\n')[2];
    };
    assert.match(line(3), /vs chance 0\.25 \(assumed\): clearly above chance \(\+20 pts of the range, 3\.1 SE\)$/);
    assert.match(line(3.5), /vs chance 0\.25 \(assumed\): within noise of chance \(\+20 pts of the range, 3\.1 SE\)$/, 'at 3.5 SE, 3.1 is not enough');
  });

  it('shows no multi-step view for a multiple-choice task whose step count is unknown', () => {
    const obs = curve({ task: 'mmlu_college_physics', params: sizes.slice(0, 8), scores: [0.25, 0.26, 0.25, 0.26, 0.25, 0.45, 0.55, 0.6], n: 2000, file: FILE });
    const snapshot = snapshotOf(obs);
    assert.equal(snapshot.series[0].verdict, 'emergent');
    const value = hoverMarkdown(FILE, obs[6].range.line, { snapshot, observations: obs })!;
    assert.doesNotMatch(value, /Multi-step/);
    assert.match(value, /\*\*Metric flaw\*\*: acc is all-or-nothing/);
  });

  it('names a loss view only of the same task or of language modelling', () => {
    const jump = curve({ task: 'lens_jump', metric: 'exact_match', params: sizes.slice(0, 8), scores: [0, 0.001, 0, 0.002, 0.001, 0.2, 0.45, 0.7], n: 2000, file: FILE });
    const other = curve({ task: 'lambada_openai', metric: 'perplexity', params: sizes.slice(0, 8), scores: [60, 40, 28, 20, 14, 10, 7.5, 6], file: '/results/other.csv' });
    const alone = hoverMarkdown(FILE, jump[6].range.line, { snapshot: snapshotOf([...jump, ...other]), observations: jump })!;
    assert.doesNotMatch(alone, /Loss view/, "LAMBADA's perplexity is not this task's loss");
    const text = curve({ task: 'wikitext', metric: 'bits_per_byte', params: sizes.slice(0, 8), scores: [1.4, 1.3, 1.2, 1.1, 1.0, 0.9, 0.8, 0.7], file: '/results/other.csv' });
    const withText = hoverMarkdown(FILE, jump[6].range.line, { snapshot: snapshotOf([...jump, ...text]), observations: jump })!;
    assert.match(withText, /\*\*Loss view\*\*: wikitext bits\\_per\\_byte \(language modelling\) falls smoothly over the same models/);
  });

  it('never cuts the scale text of a model mid-word', () => {
    const obs = curve({ task: 'lens_x', params: sizes.slice(0, 4), scores: [0.1, 0.2, 0.3, 0.4], n: 1000, file: FILE }).map((o) => ({ ...o, model: { ...o.model, name: `${'very-long-organisation-name/'.repeat(4)}${o.model.name}` } }));
    const value = hoverMarkdown(FILE, obs[2].range.line, { snapshot: snapshotOf(obs), observations: obs })!;
    assert.doesNotMatch(value.split('\n\n')[2], /…\)/);
    assert.match(value.split('\n\n')[2], /parameters, from the file\)/);
  });

  it('says a result of an ignored task is left out, not that its model has no size', () => {
    const obs: Observation[] = [{ task: 'lens_skip', metric: 'acc', model: { name: 'toy-1b', params: 1e9 }, score: 0.4, range: { file: FILE, line: 3, character: 5, endLine: 3, endCharacter: 8 } }];
    const value = hoverMarkdown(FILE, 3, { snapshot: snapshotOf([]), observations: obs, isIgnored: (task) => task === 'lens_skip' })!;
    assert.match(value, /Left out of the analysis: emergence\\-lens\.json ignores this task/);
    assert.doesNotMatch(value, /no known scale/);
  });

  it('keeps the ends and the current row of a long series in the full explanation', () => {
    const many = Array.from({ length: 60 }, (_, i) => 1e7 * 10 ** (i / 15));
    const obs = curve({ task: 'lens_long', params: many, scores: many.map((_, i) => (i < 30 ? 0.001 : 0.1 + 0.01 * i)), n: 2000, file: FILE });
    const value = explanationMarkdown(snapshotOf(obs).series[0], 20);
    const rows = value.split('\n').filter((l) => /^\| (▶|✓)? ?\| toy\\-/.test(l));
    assert.equal(rows.length, 11, 'five first, five last, and the current one');
    assert.match(value, /^\| ▶ \| toy\\-/m);
    assert.match(value, /^\| \| … 15 more \| \| \|$/m);
    assert.match(value, /^\| \| … 34 more \| \| \|$/m);
  });

  it('says what is missing when there is no random baseline', () => {
    const obs = curve({ task: 'lens_custom', metric: 'score', params: sizes.slice(0, 6), scores: [1, 1.1, 1.2, 1.5, 1.9, 2.4], file: FILE });
    const snapshot = snapshotOf(obs);
    const value = hoverMarkdown(FILE, obs[2].range.line, { snapshot, observations: obs })!;
    assert.match(value, /no random baseline is known for this task/);
    const full = explanationMarkdown(snapshot.series[0], 2);
    assert.match(full, /## Multi-step hypothesis\n\nnot computed: score/);
    assert.match(full, /## Metric-flaw hypothesis\n\nscore \(score\) is of unknown kind/);
  });

  it('explains a result that is in no series', () => {
    const obs: Observation[] = [{ task: 'lens_odd', metric: 'acc', model: { name: 'mystery-model' }, score: 0.4, range: { file: FILE, line: 3, character: 5, endLine: 3, endCharacter: 8 } }];
    const value = hoverMarkdown(FILE, 3, { snapshot: snapshotOf(obs), observations: obs })!;
    assert.match(value, /mystery\\-model: 0\.4/);
    assert.match(value, /Not part of a scaling series: the model has no known scale/);
  });

  it('returns nothing for a line without results', () => {
    const obs = curve({ task: 'lens_long', params: sizes.slice(0, 4), scores: [0.1, 0.2, 0.3, 0.4], file: FILE });
    assert.equal(hoverMarkdown(FILE, 99, { snapshot: snapshotOf(obs), observations: obs }), null);
  });
});
