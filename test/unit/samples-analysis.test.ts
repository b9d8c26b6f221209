// Whole-pipeline checks on real published result files (../shared/samples beside the project).
// Known answers: Pythia's MMLU stays at chance and LAMBADA rises smoothly (Pythia paper evals);
// Mamba-2 improves smoothly on the common zero-shot tasks and sits at chance on MMLU.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analysis-host';
import type { SeriesResult } from '../../server/src/core/results';
import type { Observation } from '../../server/src/core/types';
import { collectFiles, readResultsFile } from '../../server/src/io/files';
import { samplesDir, samplesMissing } from '../fixtures/readers/support';

const samples = samplesDir;
const missing = samplesMissing;

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
    const ppl = only(series, (s) => s.task === 'lambada_openai' && s.metric === 'perplexity' && s.shots === 0 && !s.checkpointSweep);
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

describe('verdicts a reader of the numbers would give, on every real folder', { skip: missing }, () => {
  const minGain = 0.1;
  let all: SeriesResult[] = [];

  it('reads every sample folder', async () => {
    all = (await analyzeFolder('.')).series;
    assert.ok(all.length > 900, `series: ${all.length}`);
  });

  it('never states a verdict its own numbers contradict', () => {
    for (const s of all) {
      const z = s.points.map((p) => p.normalized);
      const where = `${s.id}: ${s.verdict} on ${z.map((v) => v.toFixed(2)).join(', ')}`;
      if (s.baseline && s.ceiling !== null) assert.ok(z.every((v) => v <= 1.05), `no score past the ceiling: ${where}`);
      if (s.verdict === 'saturated') assert.ok(z.every((v) => v >= 0.9), where);
      if (s.verdict === 'flat' && s.chanceLevel === 'at') assert.ok(!s.points.some((p) => p.aboveChance), where);
      if (s.verdict === 'smooth') assert.ok(z[z.length - 1] > z[0], where);
      if (s.verdict === 'inverse') assert.ok(z[z.length - 1] < z[0], where);
      if (s.verdict === 'emergent' || s.verdict === 'possibly-emergent') {
        const onset = s.points.indexOf(s.emergence!.firstAbove);
        assert.ok(onset >= 2 && z.slice(0, onset).every((v) => Math.abs(v) < minGain), `near chance before the onset: ${where}`);
        assert.ok(s.points[onset].aboveChance && z[z.length - 1] >= minGain, where);
      }
      // A claim reported under its verdict survived the correction; one that did not is not reported so.
      if (s.verdict === 'emergent' || s.verdict === 'inverse' || s.verdict === 'u-shaped') assert.equal(s.significance?.significantAfterCorrection, true, where);
      if (s.significance?.significantAfterCorrection === false) assert.notEqual(s.verdict, s.significance.claim, where);
    }
  });

  it('gives bias metrics (CrowS-Pairs) no capability verdict', () => {
    const crows = all.filter((s) => s.task.startsWith('crows_pairs'));
    assert.ok(crows.length >= 80, `CrowS-Pairs series: ${crows.length}`);
    assert.ok(crows.every((s) => s.verdict === 'not-ability'));
  });

  it('finds no MMLU subject of Pythia emergent with size, nor possibly so', () => {
    const mmlu = all.filter((s) => s.family === 'pythia-v1.1-deduped' && s.task.startsWith('hendrycksTest-'));
    assert.ok(mmlu.length >= 57 * 4, `subjects × shots × metrics: ${mmlu.length}`);
    assert.deepEqual(mmlu.filter((s) => s.verdict === 'emergent' || s.verdict === 'possibly-emergent').map((s) => s.id), []);
  });

  it('calls BLOOM on high-school statistics (20 %, 21 %, 18 %, 25 %, 33 %, 216 items) only possibly emergent', () => {
    const s = only(all, (x) => x.family === 'bloom' && x.task === 'hendrycksTest-high_school_statistics' && x.metric === 'acc' && x.shots === 0);
    assert.equal(s.verdict, 'possibly-emergent');
    assert.ok(s.significance!.q! > 0.05);
  });

  it('reads SQuAD 2.0 as percentages: BLOOM F1 rises from 1.9 % to 12.6 %, and best_exact sits at the no-answer rate', () => {
    const f1 = only(all, (x) => x.family === 'bloom' && x.task === 'squad2' && x.metric === 'f1');
    assert.ok(Math.abs(f1.points[0].score - 0.018591225589833205) < 1e-12);
    assert.ok(Math.abs(f1.points[4].score - 0.12640343596838946) < 1e-12);
    assert.equal(f1.verdict, 'smooth');
    const best = only(all, (x) => x.family === 'bloom' && x.task === 'squad2' && x.metric === 'best_exact');
    assert.equal(best.baseline?.value, 0.5007);
    assert.equal(best.verdict, 'flat');
    assert.equal(best.chanceLevel, 'at');
    assert.ok(all.filter((x) => x.task === 'squad2').every((x) => x.verdict !== 'saturated'));
  });

  it('knows two-way tasks: XStoryCloze in English rises smoothly from 61 % to 71 % over chance 0.5, in both families', () => {
    for (const family of ['bloom', 'xglm']) {
      const s = only(all, (x) => x.family === family && x.task === 'xstory_cloze_en' && x.metric === 'acc');
      assert.equal(s.baseline?.value, 0.5);
      assert.equal(s.baseline?.source, 'registry');
      assert.equal(s.verdict, 'smooth');
    }
    for (const s of all.filter((x) => /^(pawsx|xcopa|xwinograd|xstory_cloze)_/.test(x.task) && x.metric === 'acc')) assert.equal(s.baseline?.value, 0.5, s.id);
  });

  it('calls steady climbs of OPT smooth: LAMBADA 38 % → 74 %, WinoGrande 50 % → 69 %, ARC-Easy 44 % → 72 %', () => {
    for (const task of ['lambada_openai', 'winogrande', 'arc_easy']) {
      assert.equal(only(all, (x) => x.family === 'opt' && x.task === task && x.metric === 'acc').verdict, 'smooth', task);
    }
  });
});
