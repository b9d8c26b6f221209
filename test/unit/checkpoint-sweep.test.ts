// A sweep over the training checkpoints of one model: a sharp gain there is about training, not model size, and
// the marks and the hover say so.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analysisOf } from '../../server/src/core/analysis-host';
import type { Observation } from '../../server/src/core/types';
import { AnalysisSnapshot } from '../../server/src/lsp/analysis-snapshot';
import { fileDiagnostics } from '../../server/src/lsp/diagnostics';
import { explanationMarkdown } from '../../server/src/lsp/explanation';
import { hoverMarkdown } from '../../server/src/lsp/hover';
import { DEFAULT_SETTINGS } from '../../server/src/protocol';

const FILE = '/runs/sweep.csv';
const STEPS = [1000, 2000, 4000, 8000, 16000, 32000, 64000, 143000];
const SCORES = [0, 0.001, 0, 0.002, 0.25, 0.4, 0.5, 0.55];

const observations: Observation[] = STEPS.map((step, i) => ({
  task: 'long_addition',
  metric: 'exact_match',
  model: { name: 'acme/lm-1.4b', step, revision: `step${step}` },
  score: SCORES[i],
  n: 2000,
  range: { file: FILE, line: i + 1, character: 20, endLine: i + 1, endCharacter: 25 },
}));

describe('checkpoint sweeps', () => {
  it('says a jump over checkpoints is a gain during training, not emergence with scale', () => {
    const analysis = analysisOf(observations);
    const series = analysis.series();
    const sweep = series.find((s) => s.checkpointSweep)!;
    assert.equal(sweep.verdict, 'emergent');
    assert.equal(sweep.significance?.claim, 'emergent', 'a claim like any other in the multiple-comparison check');
    const snapshot = new AnalysisSnapshot(analysis, 0);
    const state = { key: FILE, origin: 'disk' as const, content: { kind: 'results' as const, result: { format: 'table-csv' as const, observations, problems: [] } } };
    const [mark] = fileDiagnostics(state, snapshot, DEFAULT_SETTINGS, []).filter((d) => d.code === 'emergent');
    assert.match(mark.message, /^long_addition \(exact_match\) emerges during training of acme\/lm-1\.4b checkpoints: near chance up to /);
    const hover = hoverMarkdown(FILE, 5, { snapshot, observations })!;
    assert.match(hover, /These are checkpoints of one model: a sharp gain during training, not emergence with model size\./);
    assert.match(explanationMarkdown(sweep), /- Over training, not scale: these are checkpoints of one model/);
  });
});
