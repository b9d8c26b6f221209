// Prompting-technique emergence: where chain-of-thought or few-shot examples start to help (Wei et al. 2022, §4).
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analysisOf, analyze } from '../../server/src/core/analysis-host';
import { toJson } from '../../cli/src/report';
import { thresholdsIn } from '../../server/src/core/analyze-group';
import { curve, LADDER } from '../helpers/synthetic';
import { AnalysisSnapshot } from '../../server/src/lsp/analysis-snapshot';
import { explanationMarkdown } from '../../server/src/lsp/explanation';
import { hoverMarkdown } from '../../server/src/lsp/hover';
import { fileDiagnostics } from '../../server/src/lsp/diagnostics';
import { DEFAULT_SETTINGS } from '../../server/src/protocol';

// Plain prompting rises slowly; chain-of-thought is worse below 1.9B and better from 7.2B on (LADDER[5]).
const PLAIN = [0.1, 0.11, 0.12, 0.13, 0.14, 0.16, 0.18, 0.2];
const COT = [0.04, 0.05, 0.06, 0.08, 0.15, 0.35, 0.55, 0.7];

function pair(shotsWith = 0) {
  const without = curve({ task: 'lens_math', metric: 'exact_match', params: LADDER, scores: PLAIN, n: 2000, file: '/r/plain.csv' });
  const withCot = curve({ task: 'lens_math', metric: 'exact_match', params: LADDER, scores: COT, n: 2000, shots: shotsWith, file: '/r/cot.csv' }).map((o) => ({ ...o, prompting: shotsWith ? undefined : 'cot' }));
  return [...without.map((o) => ({ ...o, shots: 0 })), ...withCot];
}

describe('prompting techniques', () => {
  it('finds the scale from which chain-of-thought helps, and that it hurts below', () => {
    const result = analyze(pair());
    assert.equal(result.techniques?.length, 1);
    const t = result.techniques![0];
    assert.equal(t.technique, 'chain-of-thought');
    assert.deepEqual(t.helpsFrom, { model: `toy-${LADDER[5]}`, params: LADDER[5], flops: null });
    assert.equal(t.harmfulBelow, true);
    assert.equal(t.deltas.length, LADDER.length);
    assert.ok(Math.abs(t.deltas[7].delta - 0.5) < 1e-12);
    const cot = result.series.find((s) => s.prompting === 'cot')!;
    assert.equal(cot.technique, t);
    assert.deepEqual((toJson(result, thresholdsIn({})) as { techniques: unknown[] }).techniques, [t]);

    const snapshot = new AnalysisSnapshot(analysisOf(pair()), 0);
    const hover = hoverMarkdown('/r/cot.csv', 1, { snapshot, observations: pair() })!;
    assert.match(hover, /\*\*Prompting\*\*: chain\\-of\\-thought helps from 7\\\.2B on; hurts below\./);
    assert.match(explanationMarkdown(cot), /chain\\-of\\-thought helps from 7\\\.2B on; hurts below \(difference with − without, smallest to largest model: -0\.06, .*, \+0\.5\)/);

    const observations = pair().filter((o) => o.range.file === '/r/cot.csv');
    const marks = fileDiagnostics({ key: '/r/cot.csv', origin: 'disk', content: { kind: 'results', result: { format: 'table-csv', observations, problems: [] } } }, snapshot, DEFAULT_SETTINGS, []).filter((d) => d.code === 'technique');
    assert.deepEqual(marks.map((d) => [d.range.start.line, d.message]), [[6, 'lens_math (exact_match, 0-shot, cot): chain-of-thought helps from 7.2B on; hurts below']]);
  });

  it('treats few-shot against zero-shot as a technique, and reports none when it never helps', () => {
    const t = analyze(pair(5)).techniques!;
    assert.equal(t.length, 1);
    assert.equal(t[0].technique, '5-shot prompting');
    const never = analyze(pair().map((o) => (o.prompting ? { ...o, score: o.score / 10 } : o))).techniques![0];
    assert.equal(never.helpsFrom, null);
    assert.equal(never.harmfulBelow, true);
  });
});
