import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analysis-host';
import { curve, LADDER } from '../helpers/synthetic';

const step = { task: 'gsm8k', metric: 'exact_match', params: LADDER, scores: [0, 0.004, 0.002, 0.006, 0.01, 0.25, 0.41, 0.55], n: 1000 };

describe('joining observations into series', () => {
  it('keeps one point per model and warns about a duplicated result, naming the one used', () => {
    const observations = curve(step);
    const copy = { ...observations[3], score: 0.02, range: { ...observations[3].range, file: '/results/rerun.csv', line: 40 } };
    const { series, problems } = analyze([...observations, copy]);
    assert.equal(series[0].points.length, 8);
    assert.equal(series[0].points[3].score, 0.02);
    const warning = problems.find((p) => p.severity === 'warning' && /Duplicate/.test(p.message));
    assert.ok(warning, 'duplicate warning');
    assert.match(warning.message, /rerun\.csv:41/);
    assert.equal(warning.range.line, observations[3].range.line);
  });

  it('leaves out a model without a size, once, and says how to fix it', () => {
    const observations = curve(step);
    observations.push({ ...observations[0], model: { name: 'mystery-model' } }, { ...observations[1], metric: 'other', model: { name: 'mystery-model' } });
    const { series, problems } = analyze(observations);
    const gsm = series.find((s) => s.metric === 'exact_match' && s.family === 'toy')!;
    assert.equal(gsm.points.length, 8);
    const missing = problems.filter((p) => /no parameter count/.test(p.message));
    assert.equal(missing.length, 1);
    assert.equal(missing[0].message, 'Model "mystery-model" has no parameter count: left out of scaling series. Set its size under "models" in emergence-lens.json.');
  });

  it('lists every model without a size in one problem, where the first is named', () => {
    const observations = curve(step);
    const apiModels = ['openai/gpt-4o', 'anthropic/claude-3-opus', 'google/gemini-pro'];
    apiModels.forEach((name, i) => observations.push({ ...observations[i], model: { name }, range: { ...observations[i].range, line: 50 + i } }));
    const missing = analyze(observations).problems.filter((p) => /no parameter count/.test(p.message));
    assert.equal(missing.length, 1);
    assert.match(missing[0].message, /^3 models have no parameter count \("openai\/gpt-4o", "anthropic\/claude-3-opus", "google\/gemini-pro"\): left out of scaling series\. Set their sizes/);
    assert.equal(missing[0].range.line, 50);
  });

  it('keeps different families, shot counts and prompting apart', () => {
    const observations = [...curve({ ...step, family: 'a' }), ...curve({ ...step, family: 'b' }), ...curve({ ...step, family: 'a', shots: 5 })];
    assert.equal(analyze(observations).series.length, 3);
  });

  it('drops tasks the override file ignores', () => {
    const { series } = analyze(curve(step), { overrides: { tasks: { gsm8k: { ignore: true } } } });
    assert.equal(series.length, 0);
  });
});

describe('configurable thresholds', () => {
  it('a stricter effect-size floor turns the same jump into no emergence, from the settings or the override file', () => {
    assert.equal(analyze(curve(step)).series[0].verdict, 'emergent');
    // No model is 60 % of the range above chance, so none is clearly above it.
    assert.notEqual(analyze(curve(step), { thresholds: { minGain: 0.6 } }).series[0].verdict, 'emergent');
    assert.notEqual(analyze(curve(step), { overrides: { thresholds: { minGain: 0.6 } } }).series[0].verdict, 'emergent');
    // The settings win over the file.
    assert.equal(analyze(curve(step), { thresholds: { minGain: 0.1 }, overrides: { thresholds: { minGain: 0.6 } } }).series[0].verdict, 'emergent');
  });

  it('an override baseline replaces the assumed one and is not called assumed', () => {
    const s = analyze(curve(step), { overrides: { tasks: { gsm8k: { baseline: 0.001 } } } }).series[0];
    assert.deepEqual([s.baseline?.value, s.baseline?.source, s.baseline?.assumed], [0.001, 'override', false]);
  });
});

describe('scale axis', () => {
  it('uses training FLOPs when asked and known for every model, else stays on parameters', () => {
    const withFlops = curve(step).map((o, i) => ({ ...o, model: { ...o.model, flops: 6 * LADDER[i] * 3e11 } }));
    assert.equal(analyze(withFlops, { x: 'flops' }).series[0].xAxis, 'flops');
    const partial = withFlops.map((o, i) => (i === 2 ? { ...o, model: { ...o.model, flops: undefined } } : o));
    assert.equal(analyze(partial, { x: 'flops' }).series[0].xAxis, 'params');
    // The workspace file's axis wins over the editor-wide setting.
    assert.equal(analyze(withFlops, { x: 'params', overrides: { x: 'flops' } }).series[0].xAxis, 'flops');
    const s = analyze(withFlops, { x: 'flops' }).series[0];
    assert.equal(s.emergence?.firstAbove.x, 6 * 7.2e9 * 3e11);
  });
});
