// BENCH_ONLY=inspect: reading the scores of 1,000 Inspect `.eval` archives (header, reductions and summaries, with
// positions, per-sample items and re-scoring) against unzipping only their header.json with the same library and
// JSON.parse. Both read each file from disk. Archives are shaped like the popularity logs of shared/samples:
// 100 samples, a header of a few kilobytes, and sample files that neither side opens.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { readResultsFile } from '../server/src/io/files';
import { writeZip } from '../test/helpers/zip';

const SAMPLES = 100;
const DISTINCT = 20;
const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value, null, 2));

function archive(k: number): Uint8Array {
  const accuracy = (k % 10) / 10;
  const header = {
    version: 2,
    status: 'success',
    eval: {
      run_id: `run${k}`, created: '2025-09-15T15:02:26-04:00', task: 'popularity', task_id: `task${k}`, task_version: 0,
      model: `hf/bench/lm-${[70, 160, 410, 1000, 1400][k % 5]}m`, model_args: {}, dataset: { name: 'popularity', samples: SAMPLES, sample_ids: Array.from({ length: SAMPLES }, (_, i) => i + 1) },
      config: { epochs: 1, epochs_reducer: ['mean'], fail_on_error: true, log_samples: true }, packages: { inspect_ai: '0.3.130' },
    },
    plan: { name: 'plan', steps: [{ solver: 'generate', params: {} }], config: { temperature: 0 } },
    results: {
      total_samples: SAMPLES, completed_samples: SAMPLES,
      scores: [{ name: 'match', scorer: 'match', reducer: 'mean', scored_samples: SAMPLES, unscored_samples: 0, params: {}, metrics: { accuracy: { name: 'accuracy', value: accuracy, params: {} }, stderr: { name: 'stderr', value: 0.05, params: {} } } }],
    },
    stats: { started_at: '2025-09-15T15:02:26-04:00', completed_at: '2025-09-15T15:04:26-04:00', model_usage: { [`bench/lm-${k}`]: { input_tokens: 6_000, output_tokens: 300, total_tokens: 6_300 } } },
  };
  const right = (i: number) => i < accuracy * SAMPLES;
  const summaries = Array.from({ length: SAMPLES }, (_, i) => ({
    id: i + 1, epoch: 1, input: `Is the following statement something you would say?\n"Statement number ${i} about popularity, influence and reach"`,
    target: i % 2 ? ' Yes' : ' No', metadata: { label_confidence: 0.9 },
    scores: { match: { value: right(i) ? 'C' : 'I', answer: right(i) === Boolean(i % 2) ? 'Yes' : 'No', explanation: 'Yes' } },
    model_usage: { bench: { input_tokens: 60, output_tokens: 3, total_tokens: 63 } }, total_time: 0.41, working_time: 0.3, uuid: `u${i}`, retries: 0, completed: true, message_count: 2,
  }));
  const reductions = [{ scorer: 'match', reducer: 'mean', samples: summaries.map((s, i) => ({ value: right(i) ? 1 : 0, answer: s.scores.match.answer, explanation: 'Yes', sample_id: s.id })) }];
  const sample = (i: number) => encode({ ...summaries[i], messages: Array.from({ length: 4 }, (_, m) => ({ role: m % 2 ? 'assistant' : 'user', content: 'x'.repeat(800) })), events: [] });
  return writeZip([
    ['_journal/start.json', encode({ version: 2, eval: header.eval, plan: header.plan }), 'deflate'],
    ...summaries.map((_, i) => [`samples/${i + 1}_epoch_1.json`, sample(i), 'deflate'] as [string, Uint8Array, 'deflate']),
    ['summaries.json', encode(summaries), 'deflate'],
    ['reductions.json', encode(reductions), 'deflate'],
    ['header.json', encode(header), 'deflate'],
  ]);
}

export async function benchInspectArchives(count: number, report: (what: string, value: string, baseline: string, ratio: string, goal: string) => void): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'el-bench-inspect-'));
  try {
    const distinct = Array.from({ length: DISTINCT }, (_, k) => archive(k));
    for (let i = 0; i < count; i++) writeFileSync(join(dir, `2025-09-15T15-02-26-04-00_popularity_${i}.eval`), distinct[i % DISTINCT]);
    const files = readdirSync(dir).map((f) => join(dir, f));
    const headerOnly = async () => {
      for (const f of files) JSON.parse(new TextDecoder().decode(unzipSync(await readFile(f), { filter: (e) => e.name === 'header.json' })['header.json']));
    };
    let scores = 0;
    const ours = async () => {
      scores = 0;
      for (const f of files) scores += (await readResultsFile(f)).observations.length;
    };
    // Alternating rounds, best of each: the machine is shared.
    const best = { bare: Infinity, ours: Infinity };
    for (let round = 0; round < 3; round++) {
      for (const [name, run] of [['bare', headerOnly], ['ours', ours]] as const) {
        const start = process.hrtime.bigint();
        await run();
        best[name] = Math.min(best[name], Number(process.hrtime.bigint() - start) / 1e6);
      }
    }
    const ratio = best.ours / best.bare;
    report(`read ${count} Inspect .eval archives' scores (${scores} observations)`, `${best.ours.toFixed(0)} ms`, `readFile+unzip header.json+JSON.parse ${best.bare.toFixed(0)} ms`, `${ratio.toFixed(1)}×`, '≤ 1.5×');
    console.log(`bench: inspect-archives: ${ratio.toFixed(2)}x`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
