// The curve memory (core/curve-memory.ts): an edit re-analyses a whole family, and a curve that came out the same,
// number for number, keeps what was worked out for it; any difference the classification could see starts afresh.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { CurvePoint } from '../../server/src/core/classify';
import { DEFAULT_THRESHOLDS } from '../../server/src/core/config';
import { CurveMemory } from '../../server/src/core/curve-memory';

/** Near chance up to 1B, then well above it: an emergent curve of six sizes. */
const curve = (): CurvePoint[] =>
  [0.01, 0.0, 0.02, 0.01, 0.45, 0.7].map((z, i) => ({ u: 8 + i / 2, z, s: 0.02, label: `${10 ** (i / 2)}x`, pairedSe: i === 4 ? 0.03 : undefined }));

describe('curve memory', () => {
  it('keeps the classification, fit and interval of a curve that came back the same (a copy, not the same objects)', () => {
    const memory = new CurveMemory(DEFAULT_THRESHOLDS);
    const first = memory.facts('s', curve(), true, false);
    assert.equal(first.classification.verdict, 'emergent');
    const x = curve().map((p) => 10 ** p.u);
    const interval = first.interval(x);
    const fit = first.fit;
    const again = memory.facts('s', curve(), true, false);
    assert.equal(again.classification, first.classification);
    assert.equal(again.interval(x), interval);
    assert.equal(again.fit, fit);
    assert.equal(memory.size, 1);
  });

  it('classifies afresh a curve that differs in one score, one error, one label, or only in whether a paired error is known', () => {
    const changes: ((c: CurvePoint[]) => void)[] = [
      (c) => (c[5].z = 0.7000001),
      (c) => (c[2].s = 0.021),
      (c) => (c[3].label = 'other'),
      (c) => (c[4].pairedSe = undefined),
      (c) => (c[1].pairedSe = 0.03),
      (c) => (c[4].pairedSe = 0.031),
      (c) => c.pop(),
    ];
    for (const change of changes) {
      const memory = new CurveMemory(DEFAULT_THRESHOLDS);
      const first = memory.facts('s', curve(), true, false).classification;
      const changed = curve();
      change(changed);
      assert.notEqual(memory.facts('s', changed, true, false).classification, first, change.toString());
    }
  });

  it('classifies afresh when only the baseline or the relative wording changes, and forgets series no longer there', () => {
    const memory = new CurveMemory(DEFAULT_THRESHOLDS);
    const first = memory.facts('s', curve(), true, false).classification;
    assert.notEqual(memory.facts('s', curve(), false, false).classification, first);
    const relative = memory.facts('s', curve(), false, true).classification;
    assert.notEqual(relative, first);
    memory.facts('t', curve(), true, false);
    memory.retainOnly(new Set(['t']));
    assert.equal(memory.size, 1);
  });

  it('takes a NaN score as equal to a NaN score (a curve with a missing value is still the same curve)', () => {
    const memory = new CurveMemory(DEFAULT_THRESHOLDS);
    const withNaN = () => curve().map((p, i) => (i === 0 ? { ...p, s: Number.NaN } : p));
    const first = memory.facts('s', withNaN(), true, false).classification;
    assert.equal(memory.facts('s', withNaN(), true, false).classification, first);
  });
});
