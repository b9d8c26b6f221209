// The fast JSON path accepts only JSON: whatever it reads without an error, JSON.parse reads to the same values
// (NaN and ±Infinity aside, the literals Python writes, which the readers accept on purpose).
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseJsonTree } from '../../server/src/readers/json-tree';

const RUNS = Number(process.env.FUZZ_RUNS ?? 500);
const numberish = fc.array(fc.constantFrom('0', '1', '7', '.', 'e', 'E', '+', '-'), { minLength: 1, maxLength: 8 }).map((chars) => chars.join(''));

describe('JSON numbers on the fast path', () => {
  it('reads what JSON.parse reads, and flags what it does not ("01", "1.", "1.e5")', () => {
    fc.assert(
      fc.property(numberish, (token) => {
        const text = `{"score": ${token}}`;
        const tree = parseJsonTree(text);
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          assert.ok(tree.errors.length > 0, `${token} is no JSON number, yet it was read without an error`);
          return;
        }
        assert.equal(tree.errors.length, 0, `${token} is JSON`);
        assert.equal(tree.root?.children?.[0].value, (parsed as { score: number }).score);
      }),
      { numRuns: RUNS },
    );
  });

  it('reads every number JSON.stringify writes to the same value', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        const text = JSON.stringify({ score: value });
        const tree = parseJsonTree(text);
        assert.equal(tree.errors.length, 0);
        assert.equal(tree.root?.children?.[0].value, JSON.parse(text).score);
      }),
      { numRuns: RUNS },
    );
  });

  it('names the malformed numbers of a file where they are', () => {
    for (const token of ['01', '1.', '1.e5', '-', '+1']) {
      const tree = parseJsonTree(`{"score": ${token}}`);
      assert.ok(tree.errors.length > 0, token);
      assert.ok(tree.errors[0].offset >= 10, `${token}: error at ${tree.errors[0].offset}`);
    }
  });
});
