// Fuzzing the readers with fast-check: real result files mutated (truncated, spliced with wrong types, huge
// numbers, NaN/Infinity, deep nesting, long lines, replacement characters and lone surrogates, duplicated
// keys) and arbitrary JSON in a results-like shape. A reader must never throw and every problem and observation
// must point inside the text; a hang fails the test's timeout (adversarial-corpus.test.ts bounds each case's time
// against a valid file of its size). FUZZ_RUNS raises the number of runs.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { createJsonlReader, readResultsText } from '../../server/src/readers/index';
import { assertWellFormed } from '../helpers/ranges';

const ROOT = resolve(__dirname, '../..');
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const example = (path: string) => readFileSync(join(ROOT, 'examples', path), 'utf8');

const SEEDS: Record<string, string[]> = {
  json: [
    example('lm-eval/example-org__toy-lm-2.8b/results_2025-01-01T00-00-04.json'),
    example('big-bench/modified_arithmetic/results/scores_BIG-G_8b_T=0.json'),
  ],
  csv: [example('tables/word-unscramble.csv')],
  tsv: [example('tables/inverse-scaling.tsv')],
  jsonl: [example('tables/more-tasks.jsonl')],
};

function readWhole(file: string, text: string): void {
  assertWellFormed(text, readResultsText(file, text)); // a throw fails the property with the input that caused it
}

function readByLines(file: string, text: string): void {
  const reader = createJsonlReader(file);
  text.split(/\r\n|\r|\n/).forEach((line, i) => reader.line(line, i));
  assertWellFormed(text, reader.finish());
}

const hostile = fc.oneof(
  fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e400', '-1e400', '1e-400', '9'.repeat(400), '-0', '0x1F', '1.', '.5', '01'),
  fc.constantFrom('null', 'true', '""', '[]', '{}', '"\\u0000"', '"\\ud800"', '\uFFFD\uFFFD', '\ud800', '\udc00x', '\u2028', '\t\r\n'),
  fc.constantFrom('"results": 1,', '"results": {"t": {"acc,none": "x"}},', '"acc,none": [1],', '"config": null,', '"n-shot": -1,', ',,', '}', ']', '"'),
  fc.integer({ min: 1, max: 2_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
  fc.integer({ min: 1, max: 2_000 }).map((n) => '{"a":'.repeat(n)),
  fc.integer({ min: 1, max: 20_000 }).map((n) => 'x'.repeat(n)),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
);

/** A seed with a few edits: cuts, insertions of hostile text, and duplicated slices. */
const mutated = (seeds: string[]) =>
  fc
    .tuple(
      fc.nat({ max: seeds.length - 1 }).map((i) => seeds[i]),
      fc.array(fc.tuple(fc.constantFrom('cut', 'insert', 'replace', 'duplicate'), fc.nat(), fc.nat({ max: 200 }), hostile), { minLength: 1, maxLength: 4 }),
    )
    .map(([seed, edits]) =>
      edits.reduce((text, [kind, at, len, piece]) => {
        const i = at % (text.length + 1);
        if (kind === 'cut') return text.slice(0, i);
        if (kind === 'insert') return text.slice(0, i) + piece + text.slice(i);
        if (kind === 'replace') return text.slice(0, i) + piece + text.slice(i + len);
        return text.slice(0, i) + text.slice(i, i + len) + text.slice(i);
      }, seed),
    );

/** Arbitrary JSON where the readers look: the lm-eval and BIG-bench top-level keys. */
const resultsObject = fc
  .record({
    results: fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 3 })),
    configs: fc.jsonValue({ maxDepth: 2 }),
    'n-shot': fc.jsonValue({ maxDepth: 1 }),
    model_name: fc.jsonValue({ maxDepth: 1 }),
    scores: fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 5 }),
    model: fc.jsonValue({ maxDepth: 2 }),
    preferred_score: fc.jsonValue({ maxDepth: 1 }),
  }, { requiredKeys: [] });
const resultsShaped = resultsObject.map((o) => JSON.stringify(o, null, 1));

/** Rows of random cells, some of them numbers a table reader will try to read. */
const table = (sep: string) =>
  fc
    .array(fc.array(fc.oneof(fc.string({ maxLength: 10 }), fc.double().map(String), hostile), { maxLength: 8 }), { maxLength: 30 })
    .map((rows) => ['model' + sep + 'task' + sep + 'metric' + sep + 'score', ...rows.map((r) => r.join(sep))].join('\n'));

const params = { numRuns: RUNS };

describe('fuzz: readers never throw, hang or point outside the text', { timeout: 120_000 }, () => {
  it('lm-eval and BIG-bench .json, mutated', () => {
    fc.assert(fc.property(mutated(SEEDS.json), (text) => readWhole('results.json', text)), params);
  });

  it('.json with arbitrary values under the results keys', () => {
    fc.assert(fc.property(resultsShaped, (text) => readWhole('results.json', text)), params);
  });

  it('.csv and .tsv, mutated and generated', () => {
    fc.assert(fc.property(fc.oneof(mutated(SEEDS.csv), table(',')), (text) => readWhole('scores.csv', text)), params);
    fc.assert(fc.property(fc.oneof(mutated(SEEDS.tsv), table('\t')), (text) => readWhole('scores.tsv', text)), params);
  });

  // readResultsText reads .jsonl through createJsonlReader too, so the line-by-line API covers both.
  it('.jsonl, mutated, line by line', () => {
    const lines = fc.oneof(mutated(SEEDS.jsonl), fc.array(resultsObject.map((o) => JSON.stringify(o)), { maxLength: 3 }).map((l) => l.join('\n')));
    fc.assert(
      fc.property(lines, (text) => readByLines('rows.jsonl', text)),
      params,
    );
  });

  // Two one-line results documents in a row once made the JSON and JSON Lines readers call each other forever.
  it('reports no internal errors', () => {
    const line = JSON.stringify({ results: { t: { 'acc,none': 0.5 } } });
    for (const file of ['a.json', 'a.jsonl']) {
      const messages = readResultsText(file, `${line}\n${line}`).problems.map((p) => p.message);
      assert.deepEqual(messages.filter((m) => m.startsWith('internal error')), [], file);
    }
    fc.assert(
      fc.property(fc.oneof(mutated(SEEDS.json), resultsShaped, mutated(SEEDS.csv), mutated(SEEDS.jsonl)), (text) => {
        for (const file of ['a.json', 'a.csv', 'a.jsonl'])
          assert.deepEqual(readResultsText(file, text).problems.filter((p) => p.message.startsWith('internal error')), [], file);
      }),
      params,
    );
  });

  it('a 10 MB line, in each format', () => {
    const long = 'x'.repeat(10 * 1024 * 1024);
    readWhole('results.json', `{"results": {"t": {"acc,none": "${long}"}}}`);
    readWhole('results.json', `{"results": ${'['.repeat(100_000)}`);
    readWhole('scores.csv', `model,task,score\nm,${long},0.5\n`);
    readWhole('scores.tsv', `model\ttask\tscore\n${long}\n`);
    readWhole('rows.jsonl', `{"model": "m", "task": "${long}", "score": 0.5}\n{`);
    readByLines('rows.jsonl', `{"model": "m", "task": "${long}", "score": 0.5}\n{`);
  });
});
