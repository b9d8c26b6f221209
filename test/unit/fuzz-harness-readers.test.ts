// Fuzzing the Inspect, lighteval, HELM and wide-table readers with fast-check: their JSON and CSV mutated, and the
// binary files (`.eval` ZIP archives, Parquet) corrupted byte by byte, cut short and spliced. A reader must never
// throw, must finish in time that grows with the input, and must point inside the text it read. FUZZ_RUNS raises
// the number of runs.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { ReadResult } from '../../server/src/core/types';
import { readResultsBytes, readResultsText } from '../../server/src/readers';
import { samplesDir } from '../fixtures/readers/support';
import { writeZip, type Method } from '../helpers/zip';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const params = { numRuns: RUNS };

const HEADER = {
  version: 2,
  status: 'success',
  eval: { task: 'inspect_evals/arith_2_shot', model: 'hf/acme/lm-1.4b', config: { epochs: 2 }, dataset: { samples: 3 } },
  results: { total_samples: 6, completed_samples: 6, scores: [{ name: 'match', scorer: 'match', scored_samples: 3, metrics: { accuracy: { name: 'accuracy', value: 0.5 }, stderr: { name: 'stderr', value: 0.25 } } }] },
};
const SUMMARIES = [1, 2, 3].flatMap((id) => [1, 2].map((epoch) => ({ id, epoch, target: `${id * 7}`, scores: { match: { value: id === 1 ? 'I' : 'C', answer: `${id * 7}` } } })));
const REDUCTIONS = [{ scorer: 'match', samples: [{ sample_id: 1, value: 0 }, { sample_id: 2, value: 1 }, { sample_id: 3, value: 0.5 }] }];

const TEXT_SEEDS: [file: string, text: string][] = [
  ['log.json', JSON.stringify({ ...HEADER, samples: SUMMARIES, reductions: REDUCTIONS }, null, 2)],
  ['logs.json', JSON.stringify({ 'a.eval': HEADER, 'b.eval': { ...HEADER, status: 'cancelled' } }, null, 2)],
  ['results_2025.json', JSON.stringify({ config_general: { model_name: 'acme/lm-7b', model_config: { revision: 'step-100' } }, results: { 'lighteval|gsm8k:main|5': { em: 0.4, em_stderr: 0.02 }, all: { em: 0.4 } }, config_tasks: { 'lighteval|gsm8k:main|5': { effective_num_docs: 100 } } }, null, 2)],
  ['run:model=acme_lm-1b/stats.json', JSON.stringify([{ name: { name: 'exact_match', split: 'test' }, count: 1, sum: 0.6, sum_squared: 0.36, mean: 0.6 }, { name: { name: 'num_instances', split: 'test' }, count: 1, mean: 50 }, { name: { name: 'exact_match', split: 'test', perturbation: { name: 'robustness' } }, count: 1, mean: 0.5 }], null, 2)],
  ['per_instance_stats.json', JSON.stringify([{ instance_id: 'id1', train_trial_index: 0, stats: [{ name: { name: 'exact_match', split: 'test' }, count: 1, sum_squared: 1, mean: 1 }] }], null, 2)],
  ['groups/json/g.json', JSON.stringify({ title: 'g', header: [{ value: 'Model' }, { value: 'EM', lower_is_better: false, metadata: { metric: 'EM', run_group: 'G' } }, { value: '# eval', metadata: { metric: '# eval', run_group: 'G' } }], rows: [[{ value: 'Llama 3 (8B)' }, { value: 0.5 }, { value: 50 }]] }, null, 2)],
  ['board.csv', 't,model,average,arc,mmlu,precision,params_b\n🟢,acme/lm-1b,30,31.5,25.1,float16,1\n🟢,acme/lm-1b,29,30.5,24.1,4bit,0\n🔶,acme/lm-7b,40,41,35,bfloat16,7\n'],
  ['summary.csv', 'dataset,version,metric,mode,lm-1b,lm-7b\nmmlu,1,accuracy,ppl,25,40\ngsm8k,1,accuracy,gen,-,12\n'],
];

const hostile = fc.oneof(
  fc.constantFrom('NaN', '1e400', '-1', '"..."', 'null', '[]', '{}', '"C"', '"N"', '"\\ud800"', ',,', '}', ']', '"', '\n', '|', '%'),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.integer({ min: 1, max: 2_000 }).map((n) => '['.repeat(n)),
);

const edits = fc.array(fc.tuple(fc.constantFrom('cut', 'insert', 'replace'), fc.nat(), fc.nat({ max: 100 }), hostile), { minLength: 1, maxLength: 4 });

function edit(text: string, changes: [string, number, number, string][]): string {
  return changes.reduce((t, [kind, at, len, piece]) => {
    const i = at % (t.length + 1);
    if (kind === 'cut') return t.slice(0, i);
    return t.slice(0, i) + piece + t.slice(kind === 'replace' ? i + len : i);
  }, text);
}

/** Milliseconds an input may take: linear in its size, generous for a loaded CI machine. */
const budget = (size: number) => 2_000 + size / 500;

async function timed(size: number, read: () => ReadResult | Promise<ReadResult>): Promise<ReadResult> {
  const start = performance.now();
  const result = await read(); // a throw fails the property with its input
  const ms = performance.now() - start;
  assert.ok(ms < budget(size), `${ms.toFixed(0)} ms for ${size} bytes`);
  return result;
}

/** Every position is a whole, non-negative line and column; in a text file, also inside its lines. */
function assertPlaces(result: ReadResult, text?: string): void {
  const lines = text?.split(/\r\n|\r|\n/);
  for (const range of [...result.problems.map((p) => p.range), ...result.observations.map((o) => o.range)]) {
    for (const n of [range.line, range.character, range.endLine, range.endCharacter]) assert.ok(Number.isInteger(n) && n >= 0, JSON.stringify(range));
    if (lines) assert.ok(range.endLine < lines.length && range.character <= lines[range.line].length, JSON.stringify(range));
  }
  for (const p of result.problems) assert.ok(p.message.length > 0 && !p.message.startsWith('internal error'), p.message);
  for (const o of result.observations) assert.ok(Number.isFinite(o.score), `${o.task} ${o.metric}`);
}

const archive = (method: Method, extra: [string, Uint8Array, Method][] = []) =>
  writeZip([
    ['header.json', new TextEncoder().encode(JSON.stringify(HEADER, null, 2)), method],
    ['summaries.json', new TextEncoder().encode(JSON.stringify(SUMMARIES)), method],
    ['reductions.json', new TextEncoder().encode(JSON.stringify(REDUCTIONS)), method],
    ...extra,
  ]);

/** A ZIP with byte edits: flipped bytes, a cut, a spliced run of random bytes. */
const damaged = (seeds: Uint8Array[]) =>
  fc
    .tuple(fc.nat({ max: seeds.length - 1 }).map((i) => seeds[i]), fc.array(fc.tuple(fc.constantFrom('flip', 'cut', 'splice'), fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 16 })), { minLength: 1, maxLength: 4 }))
    .map(([seed, changes]) =>
      changes.reduce((bytes, [kind, at, piece]) => {
        const i = at % (bytes.length + 1);
        if (kind === 'cut') return bytes.subarray(0, i);
        if (kind === 'flip') {
          const copy = bytes.slice();
          piece.forEach((b, k) => i + k < copy.length && (copy[i + k] ^= b || 1));
          return copy;
        }
        const out = new Uint8Array(bytes.length + piece.length);
        out.set(bytes.subarray(0, i));
        out.set(piece, i);
        out.set(bytes.subarray(i), i + piece.length);
        return out;
      }, seed),
    );

describe('fuzz: Inspect, lighteval, HELM and wide-table readers', { timeout: 180_000 }, () => {
  it('their JSON and CSV, mutated', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: TEXT_SEEDS.length - 1 }).map((i) => TEXT_SEEDS[i]), edits, async ([file, seed], changes) => {
        const text = edit(seed, changes);
        assertPlaces(await timed(text.length, () => readResultsText(`/w/${file}`, text)), text);
      }),
      params,
    );
  });

  it('the seeds themselves read, each with observations', () => {
    for (const [file, text] of TEXT_SEEDS) assert.ok(readResultsText(`/w/${file}`, text).observations.length > 0, file);
  });

  it('.eval archives (Deflate and Zstandard), corrupted', async () => {
    const seeds = [archive('deflate'), archive('zstd'), archive('deflate', [['samples/1_epoch_1.json', new Uint8Array(5000).fill(32), 'deflate']])];
    for (const seed of seeds) assert.ok((await readResultsBytes('/w/log.eval', seed)).observations.length > 0);
    await fc.assert(
      fc.asyncProperty(damaged(seeds), async (bytes) => assertPlaces(await timed(bytes.length, () => readResultsBytes('/w/log.eval', bytes)))),
      params,
    );
  });

  it('an archive that claims an entry of gigabytes, and random bytes with a ZIP signature, are refused in time', async () => {
    const seed = archive('deflate');
    // The central directory's uncompressed size of header.json (offset 24 of its record) set to 4 GB.
    const copy = seed.slice();
    const view = new DataView(copy.buffer);
    for (let i = copy.length - 22; i >= 0; i--) {
      if (view.getUint32(i, true) === 0x02014b50) {
        view.setUint32(i + 24, 0xfffffff0, true);
        break;
      }
    }
    const claims = await timed(copy.length, () => readResultsBytes('/w/log.eval', copy));
    assertPlaces(claims);
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), async (tail) => {
        const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...tail]);
        assertPlaces(await timed(bytes.length, () => readResultsBytes('/w/log.eval', bytes)));
      }),
      params,
    );
  });

  it('Parquet files, corrupted (the lighteval details sample when shared/samples is there, and random bytes)', async (t) => {
    const sample = join(samplesDir, 'lighteval-open-r1-olmo/results/details/EleutherAI/pythia-14m/2025-05-02T22-18-48.675173/details_lighteval|aime24|0_2025-05-02T22-18-48.675173.parquet');
    const random = fc.uint8Array({ maxLength: 4096 }).map((b) => new Uint8Array([...new TextEncoder().encode('PAR1'), ...b, ...new TextEncoder().encode('PAR1')]));
    await fc.assert(
      fc.asyncProperty(random, async (bytes) => assertPlaces(await timed(bytes.length, () => readResultsBytes('/w/details_x.parquet', bytes)))),
      params,
    );
    if (!existsSync(sample)) return t.diagnostic('shared samples missing: the real Parquet file is not fuzzed');
    const seed = new Uint8Array(readFileSync(sample));
    await fc.assert(
      fc.asyncProperty(damaged([seed]), async (bytes) => assertPlaces(await timed(bytes.length, () => readResultsBytes('/w/details_lighteval|aime24|0_2025-01-01T00-00-00.parquet', bytes)))),
      { numRuns: Math.min(RUNS, 60) },
    );
  });
});
