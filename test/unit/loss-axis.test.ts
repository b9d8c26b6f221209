// The charts' Loss axis: any curve of a family with a loss over the same models can be drawn against that loss, not
// only an emergent one; a loss is not drawn against itself, and a curve with a model the loss lacks gets no axis.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analysis-host';
import type { Observation } from '../../server/src/core/types';
import { curve, LADDER } from '../helpers/synthetic';

// WikiText bits per byte falling as a power law in size.
const BPB = LADDER.map((n) => 2.4 * (n / 1e7) ** -0.07);
const wikitext = curve({ task: 'wikitext', metric: 'bits_per_byte', params: LADDER, scores: BPB, stderr: LADDER.map(() => 0.002) });
// A smooth rise from chance (0.25) that no classifier calls emergent.
const ramp = curve({ task: 'hellaswag', metric: 'acc', params: LADDER, scores: [0.27, 0.3, 0.34, 0.38, 0.43, 0.48, 0.53, 0.58], n: 10000, baseline: 0.25 });

describe('loss axis', () => {
  it('places a smooth curve on the family loss, each model at its own bits per byte', () => {
    const { series } = analyze([...wikitext, ...ramp]);
    const s = series.find((x) => x.task === 'hellaswag')!;
    assert.equal(s.verdict, 'smooth');
    assert.deepEqual(s.lossAxis, { task: 'wikitext', metric: 'bits_per_byte' });
    assert.deepEqual(s.points.map((p) => p.loss), BPB);
  });

  it('does not draw the loss against itself', () => {
    const { series } = analyze([...wikitext, ...ramp]);
    assert.equal(series.find((x) => x.task === 'wikitext')!.lossAxis, undefined);
  });

  it('gives no loss axis when the loss lacks one of the curve’s models', () => {
    const { series } = analyze([...wikitext.slice(0, -1), ...ramp]);
    assert.equal(series.find((x) => x.task === 'hellaswag')!.lossAxis, undefined);
  });
});

describe('loss axis of a checkpoint sweep', () => {
  // One model at eight checkpoints: its points share the model's name, and each must take its own checkpoint's loss.
  const STEPS = [1000, 2000, 4000, 8000, 16000, 32000, 64000, 128000];
  const LOSS = STEPS.map((s) => 3.5 * (s / 1000) ** -0.1);
  const sweep = (task: string, metric: string, scores: number[], extra: Partial<Observation> = {}): Observation[] =>
    STEPS.map((step, i) => ({
      task,
      metric,
      model: { name: 'acme/lm-1.4b', params: 1.4e9, revision: `step${step}`, step },
      score: scores[i],
      range: { file: `/results/step${step}.json`, line: 3, character: 10, endLine: 3, endCharacter: 14 },
      ...extra,
    }));

  it('places each checkpoint on its own loss', () => {
    const { series } = analyze([...sweep('wikitext', 'bits_per_byte', LOSS, { stderr: 0.002 }), ...sweep('hellaswag', 'acc', [0.26, 0.28, 0.31, 0.34, 0.37, 0.4, 0.43, 0.46], { n: 10000, baseline: 0.25 })]);
    const s = series.find((x) => x.task === 'hellaswag')!;
    assert.equal(s.checkpointSweep, true);
    assert.deepEqual(s.lossAxis, { task: 'wikitext', metric: 'bits_per_byte' });
    assert.deepEqual(s.points.map((p) => p.loss), LOSS);
  });
});
