// Whole-pipeline checks on real published result files (../shared/samples beside the project).
// Known answers: Pythia's MMLU stays at chance and LAMBADA rises smoothly (Pythia paper evals);
// Mamba-2 improves smoothly on the common zero-shot tasks and sits at chance on MMLU.
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import type { SeriesResult } from '../../server/src/core/results';
import type { Observation } from '../../server/src/core/types';
import { collectFiles, readResultsFile } from '../../server/src/io/files';

const samples = resolve(__dirname, '../../../shared/samples');
const missing = existsSync(samples) ? false : `shared samples not found at ${samples}`;

async function analyzeFolder(folder: string) {
  const { files } = await collectFiles([join(samples, folder)]);
  const observations: Observation[] = [];
  for (const file of files) for (const o of (await readResultsFile(file)).observations) observations.push(o);
  return analyze(observations);
}

function only(series: SeriesResult[], test: (s: SeriesResult) => boolean): SeriesResult {
  const found = series.filter(test);
  assert.equal(found.length, 1, `expected one series, found ${found.map((s) => s.id).join(', ') || 'none'}`);
  return found[0];
}

describe('Pythia (lm-eval v0.3), eight sizes', { skip: missing }, () => {
  it('joins the eight zero-shot files into one family series per task', async () => {
    const { series } = await analyzeFolder('lm-eval-v0.3-pythia');
    const lambada = only(series, (s) => s.task === 'lambada_openai' && s.metric === 'acc' && s.shots === 0 && !s.checkpointSweep);
    assert.equal(lambada.points.length, 8);
    assert.equal(lambada.verdict, 'smooth');
    const ppl = only(series, (s) => s.task === 'lambada_openai' && s.metric === 'ppl' && s.shots === 0 && !s.checkpointSweep);
    assert.equal(ppl.higherIsBetter, false);
    assert.equal(ppl.verdict, 'smooth');
  });

  it('finds MMLU subjects at chance, not emergent', async () => {
    const { series } = await analyzeFolder('lm-eval-v0.3-pythia');
    const mmlu = series.filter((s) => s.task.startsWith('hendrycksTest-') && s.metric === 'acc' && !s.checkpointSweep);
    assert.ok(mmlu.length >= 57 * 2, `MMLU series: ${mmlu.length}`);
    assert.ok(mmlu.every((s) => s.baseline?.value === 0.25 && s.baseline.assumed));
    const emergent = mmlu.filter((s) => s.verdict === 'emergent');
    assert.ok(emergent.length <= 2, `MMLU subjects called emergent: ${emergent.map((s) => s.task).join(', ')}`);
    assert.ok(mmlu.filter((s) => s.verdict === 'flat').length > mmlu.length / 2);
  });

  it('makes the checkpoints of pythia-1.4b a series over training tokens', async () => {
    const { series } = await analyzeFolder('lm-eval-v0.3-pythia');
    const sweep = only(series, (s) => s.checkpointSweep && s.task === 'lambada_openai' && s.metric === 'acc');
    assert.equal(sweep.xAxis, 'tokens');
    assert.ok(sweep.points.length >= 20, `checkpoints: ${sweep.points.length}`);
    const last = sweep.points[sweep.points.length - 1];
    assert.equal(last.model.tokens, 299_892_736_000);
  });
});

describe('Mamba-2 (lm-eval v0.4), five sizes', { skip: missing }, () => {
  it('finds smooth gains on the common zero-shot tasks, with sizes from the file', async () => {
    const { series } = await analyzeFolder('lm-eval-v0.4-mamba2');
    const lambada = only(series, (s) => s.task === 'lambada_openai' && s.metric === 'acc');
    assert.deepEqual(
      lambada.points.map((p) => p.model.params),
      [128989632, 368346624, 780161280, 1343757312, 2702599680],
    );
    assert.equal(lambada.points[0].n, 5153);
    assert.equal(lambada.verdict, 'smooth');
    assert.equal(only(series, (s) => s.task === 'hellaswag' && s.metric === 'acc_norm').verdict, 'smooth');
  });

  it('does not call the slightly falling MMLU group inverse scaling', async () => {
    const { series } = await analyzeFolder('lm-eval-v0.4-mamba2');
    const mmlu = only(series, (s) => s.task === 'mmlu' && s.metric === 'acc');
    assert.equal(mmlu.shots, 5);
    assert.notEqual(mmlu.verdict, 'inverse');
    assert.notEqual(mmlu.verdict, 'emergent');
  });
});
