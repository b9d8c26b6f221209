// Deterministic draws (core/random.ts): the onset interval's array-at-a-time stream must give exactly the draws of
// the one-at-a-time generators, or every interval would move.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { NormalStream, normalDraws, seededRandom } from '../../server/src/core/random';

describe('normal draws', () => {
  it('fills arrays with the numbers normalDraws(seededRandom(seed)) gives one by one, across fills of any length', () => {
    for (const seed of [0, 1, 0x5eed, -7, 0x7fffffff]) {
      const one = normalDraws(seededRandom(seed));
      const stream = new NormalStream(seed);
      for (const length of [1, 0, 3, 450, 2]) {
        const filled = new Float64Array(length);
        stream.fill(filled);
        const expected = Array.from({ length }, () => one());
        assert.deepEqual(Array.from(filled), expected, `seed ${seed}, a fill of ${length}`);
      }
    }
  });

  it('draws standard normal numbers: mean near 0 and variance near 1 over 100,000 draws', () => {
    const filled = new Float64Array(100_000);
    new NormalStream(42).fill(filled);
    const mean = filled.reduce((a, b) => a + b, 0) / filled.length;
    const variance = filled.reduce((a, b) => a + (b - mean) ** 2, 0) / (filled.length - 1);
    assert.ok(Math.abs(mean) < 0.02, `mean ${mean}`);
    assert.ok(Math.abs(variance - 1) < 0.02, `variance ${variance}`);
  });
});
