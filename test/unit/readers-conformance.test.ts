// Format readers on real published result files (shared/samples beside the project; see its SOURCES.md).
// Expected values are read from the files independently with JSON.parse.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import type { ReadResult } from '../../server/src/core/types';
import { createJsonlReader, readResultsText } from '../../server/src/readers';
import { findOne, samplesDir, samplesMissing, sliceRange } from '../fixtures/readers/support';

function filesUnder(folder: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(full);
    }
  };
  walk(join(samplesDir, folder));
  return out;
}

function read(file: string): { text: string; result: ReadResult } {
  const text = readFileSync(file, 'utf8');
  return { text, result: readResultsText(file, text) };
}

/** Scores an lm-eval file holds, counted straight from JSON.parse: numeric metric keys other than stderr. */
function expectedScores(text: string): number {
  const results = (JSON.parse(text) as { results: Record<string, Record<string, unknown>> }).results;
  let count = 0;
  for (const metrics of Object.values(results)) {
    for (const [key, value] of Object.entries(metrics)) {
      if (typeof value === 'number' && !key.split(',')[0].endsWith('_stderr')) count++;
    }
  }
  return count;
}

describe('conformance: every lm-eval sample file', { skip: samplesMissing }, () => {
  const files = samplesMissing ? [] : ['lm-eval-v0.3-pythia', 'lm-eval-v0.3-opt', 'lm-eval-v0.3-bloom', 'lm-eval-v0.3-harness-branch', 'lm-eval-v0.4-mamba2', 'lm-eval-v0.4-samples'].flatMap(filesUnder).filter((f) => f.endsWith('.json'));

  it('reads every score, without problems, with ranges on the score literal', () => {
    assert.ok(files.length >= 60, `only ${files.length} files`);
    for (const file of files) {
      const { text, result } = read(file);
      const name = relative(samplesDir, file);
      assert.match(result.format ?? '', /^lm-eval-v0\.[34]$/, name);
      assert.deepEqual(result.problems, [], name);
      assert.equal(result.observations.length, expectedScores(text), name);
      for (const o of result.observations) assert.equal(Number(sliceRange(text, o.range)), o.score, `${name} ${o.task} ${o.metric}`);
    }
  });

  it('gives the same observations through the tolerant parser (damaged copy)', () => {
    for (const file of files.slice(0, 12)) {
      const { text, result } = read(file);
      const damaged = readResultsText(file, text + '\n,');
      assert.equal(damaged.problems.length, 1, file);
      assert.deepEqual(damaged.observations, result.observations, file);
    }
  });
});

describe('conformance: Pythia, OPT, BLOOM (lm-eval v0.3)', { skip: samplesMissing }, () => {
  it('reads Pythia 1.4b-deduped step143000 zero-shot', () => {
    const file = join(samplesDir, 'lm-eval-v0.3-pythia/pythia-1.4b-deduped/zero-shot/1.4b-deduped_step143000.json');
    const { text, result } = read(file);
    const raw = JSON.parse(text).results.lambada_openai;
    const acc = findOne(result.observations, { task: 'lambada_openai', metric: 'acc' });
    assert.deepEqual([acc.score, acc.stderr, acc.shots, acc.n], [raw.acc, raw.acc_stderr, 0, undefined]);
    assert.deepEqual([acc.model.name, acc.model.revision, acc.model.step], ['EleutherAI/pythia-v1.1-1.4b-deduped', 'step143000', 143000]);
    assert.equal(result.format, 'lm-eval-v0.3');
  });

  it('reads the training-step series of Pythia 1.4b', () => {
    const files = filesUnder('lm-eval-v0.3-pythia/pythia-1.4b-deduped/zero-shot');
    const steps = files.map((f) => read(f).result.observations[0].model.step).sort((a, b) => a! - b!);
    assert.ok(steps.length >= 20);
    assert.deepEqual(steps.slice(0, 3), [0, 1, 2]);
    assert.equal(steps[steps.length - 1], 143000);
  });

  it('reads five-shot Pythia files as 5-shot', () => {
    for (const file of filesUnder('lm-eval-v0.3-pythia').filter((f) => f.includes('five-shot'))) {
      const { result } = read(file);
      assert.ok(result.observations.length > 0 && result.observations.every((o) => o.shots === 5), file);
    }
  });

  it('names OPT and BLOOM models as written in model_args', () => {
    const names = [...filesUnder('lm-eval-v0.3-opt'), ...filesUnder('lm-eval-v0.3-bloom')].map((f) => read(f).result.observations[0].model.name);
    assert.ok(names.includes('facebook/opt-125m') && names.includes('facebook/opt-66b'));
    assert.ok(names.includes('bigscience/bloom-560m') && names.includes('bigscience/bloom-7b1'));
    assert.equal(new Set(names).size, 13);
  });

  it('names LLaMA harness-branch models from the file name (model_args is a local path)', () => {
    for (const file of filesUnder('lm-eval-v0.3-harness-branch').filter((f) => f.endsWith('.json'))) {
      const { result } = read(file);
      const size = /llama-(\d+B)_/.exec(file)![1];
      const shots = file.includes('_bbh_3-shot') ? 3 : 5;
      assert.ok(result.observations.every((o) => o.model.name === `llama-${size}` && o.shots === shots), file);
    }
  });

  it('ignores the markdown README beside them', () => {
    const readme = filesUnder('lm-eval-v0.3-harness-branch').find((f) => f.endsWith('README.md'))!;
    assert.equal(read(readme).result.format, null);
  });
});

describe('conformance: Mamba-2 and Llama-3 (lm-eval v0.4)', { skip: samplesMissing }, () => {
  it('reads Mamba-2 130m lambada_openai with n, params and direction', () => {
    const file = join(samplesDir, 'lm-eval-v0.4-mamba2/results-0.4.3/state-spaces__mamba2-130m/results_2025-03-02T06-44-13.841373.json');
    const { result } = read(file);
    assert.equal(result.format, 'lm-eval-v0.4');
    const acc = findOne(result.observations, { task: 'lambada_openai', metric: 'acc' });
    assert.deepEqual([acc.score, acc.stderr, acc.n, acc.filter, acc.higherIsBetter, acc.shots], [0.43916165340578306, 0.0069142189603916375, 5153, 'none', true, 0]);
    assert.deepEqual([acc.model.name, acc.model.params], ['state-spaces/mamba2-130m', 128989632]);
    assert.equal(findOne(result.observations, { task: 'lambada_openai', metric: 'perplexity' }).higherIsBetter, false);
  });

  it('reads the five Mamba-2 sizes with their parameter counts', () => {
    const params = filesUnder('lm-eval-v0.4-mamba2').map((f) => read(f).result.observations[0].model.params);
    for (const p of [128989632, 368346624, 780161280, 1343757312, 2702599680]) assert.ok(params.includes(p), String(p));
  });

  it('gives the MMLU group the members\' 5 shots and total n', () => {
    const mmluFiles = filesUnder('lm-eval-v0.4-mamba2').filter((f) => readFileSync(f, 'utf8').includes('"mmlu_anatomy"'));
    assert.equal(mmluFiles.length, 3);
    for (const file of mmluFiles) {
      const { text, result } = read(file);
      assert.ok(result.observations.every((o) => o.shots === 5), file);
      const samples = JSON.parse(text)['n-samples'] as Record<string, { effective: number }>;
      const total = Object.values(samples).reduce((sum, s) => sum + s.effective, 0);
      assert.equal(findOne(result.observations, { task: 'mmlu' }).n, total);
      assert.equal(total, 14042);
    }
  });

  it('reads the Llama-3 asdiv run with --limit 50', () => {
    const folder = 'lm-eval-v0.4-samples/results/asdiv/meta-llama__Meta-Llama-3-8B-Instruct';
    const file = filesUnder(folder).find((f) => f.endsWith('.json'))!;
    const acc = findOne(read(file).result.observations, { task: 'asdiv' });
    assert.deepEqual([acc.score, acc.n, acc.shots, acc.model.name, acc.model.params], [0.92, 50, 8, 'meta-llama/Meta-Llama-3-8B-Instruct', 8030261248]);
  });

  it('reads the per-sample log the same whole or streamed: per-item acc averages to the aggregate', () => {
    const folder = 'lm-eval-v0.4-samples/results/asdiv/meta-llama__Meta-Llama-3-8B-Instruct';
    const file = filesUnder(folder).find((f) => f.endsWith('.jsonl'))!;
    const whole = read(file).result;
    assert.equal(whole.format, 'lm-eval-samples');
    const acc = findOne(whole.observations, { task: 'asdiv', metric: 'acc' });
    assert.deepEqual([acc.score, acc.n, acc.model.name], [0.92, 50, 'meta-llama/Meta-Llama-3-8B-Instruct']);
    const reader = createJsonlReader(file);
    readFileSync(file, 'utf8').split('\n').forEach((line, i) => reader.line(line, i));
    assert.deepEqual(reader.finish(), whole);
  });
});
