// Paired comparisons on the same items: per-sample logs of two sizes that answered the same documents.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { sampleStandardDeviation } from 'simple-statistics';
import { analysisOf } from '../../server/src/core/analysis-host';
import { ItemCollector, pairedDifference } from '../../server/src/core/paired';
import type { Observation } from '../../server/src/core/types';
import { readResultsText } from '../../server/src/readers';
import { AnalysisSnapshot } from '../../server/src/lsp/analysis-snapshot';
import { explanationMarkdown } from '../../server/src/lsp/explanation';
import { hoverMarkdown } from '../../server/src/lsp/hover';
import { seededRandom } from '../helpers/random';

const collect = (values: number[], ids = values.map((_, i) => i)) => {
  const c = new ItemCollector();
  values.forEach((v, i) => c.add(ids[i], v));
  return c.finish()!;
};

describe('paired comparisons', () => {
  it('takes the mean and the standard error of the per-item differences on shared documents', () => {
    const next = seededRandom(3);
    const a = Array.from({ length: 200 }, () => (next() < 0.3 ? 1 : 0));
    const b = a.map((v) => (v === 1 || next() < 0.2 ? 1 : 0));
    // Given in another order: pairing is by document id, not by position.
    const ids = a.map((_, i) => (i * 37) % 200);
    const d = ids.map((_, i) => b[i] - a[i]);
    const paired = pairedDifference(collect(a, ids), collect(b, ids))!;
    assert.equal(paired.items, 200);
    assert.ok(Math.abs(paired.mean - d.reduce((x, y) => x + y) / 200) < 1e-12);
    assert.ok(Math.abs(paired.se - sampleStandardDeviation(d) / Math.sqrt(200)) < 1e-12);
  });

  it('does not pair when some records of a log have no document id: the scores would not cover the mean', () => {
    const lines = Array.from({ length: 100 }, (_, i) => JSON.stringify({ ...(i % 10 === 0 ? { doc_id: i } : {}), target: '1', resps: [['1']], filtered_resps: ['1'], filter: 'none', metrics: ['exact_match'], exact_match: 1 }));
    const [o] = readResultsText('/runs/acme__toy-1b/samples_t_2025-01-01T00-00-00.jsonl', lines.join('\n')).observations.filter((x) => x.metric === 'exact_match');
    assert.equal(o.n, 100);
    assert.equal(o.items, undefined);
  });

  it('declines when the documents differ or repeat', () => {
    const values = Array.from({ length: 100 }, (_, i) => i % 2);
    assert.equal(pairedDifference(collect(values), collect(values, values.map((_, i) => i + 50))), undefined, 'half the documents shared');
    assert.equal(pairedDifference(collect(values.slice(0, 10)), collect(values.slice(0, 10))), undefined, 'too few items');
    assert.equal(collect([1, 0], [4, 4]), undefined, 'a document scored twice');
  });

  it('judges the emergent jump on the items both sizes answered, and says so', () => {
    // Nested skills: each size gets right every item the smaller one did, and more (difficulty below its skill).
    const next = seededRandom(11);
    const difficulty = Array.from({ length: 400 }, () => next());
    const skills = [0, 0, 0, 0.15, 0.3, 0.5];
    const sizes = ['100m', '300m', '1b', '3b', '10b', '30b'];
    const observations: Observation[] = sizes.flatMap((size, k) => {
      const file = `/runs/acme__toy-${size}/samples_nested_2025-01-01T00-00-00.jsonl`;
      const lines = difficulty.map((d, doc) => JSON.stringify({ doc_id: doc, target: '1', resps: [['x']], filtered_resps: ['x'], filter: 'none', metrics: ['exact_match'], exact_match: d < skills[k] ? 1 : 0 }));
      return readResultsText(file, lines.join('\n')).observations.filter((o) => o.metric === 'exact_match');
    });
    const analysis = analysisOf(observations);
    const all = analysis.series();
    const [series] = all;
    assert.equal(series.verdict, 'emergent');
    const e = series.emergence!;
    assert.equal(e.pairedItems, 400);
    const before = difficulty.map((d) => (d < skills[2] ? 1 : 0));
    const after = difficulty.map((d) => (d < skills[3] ? 1 : 0));
    const diffs = after.map((v, i) => v - before[i]);
    const pairedZ = diffs.reduce((x, y) => x + y) / 400 / (sampleStandardDeviation(diffs) / Math.sqrt(400));
    assert.ok(Math.abs(e.jumpZ - pairedZ) < 1e-9, `jump z ${e.jumpZ} against ${pairedZ} from the items`);
    const unpaired = e.jump / Math.hypot(series.points[3].normalizedStderr, series.points[2].normalizedStderr);
    assert.ok(e.jumpZ > unpaired, 'sharper than two independent errors');

    const snapshot = new AnalysisSnapshot(analysis, 0);
    const at = series.points[3].range;
    const hover = hoverMarkdown(at.file, at.line, { snapshot, observations: observations.filter((o) => o.range.file === at.file) })!;
    assert.match(hover, /a jump of [\d.]+ pts \([\d.]+ SE, paired over 400 items\)/);
    assert.match(explanationMarkdown(series), /- Jump: [\d.]+ pts of the range \([\d.]+ SE, paired over the 400 items both models answered\)/);
  });
});
