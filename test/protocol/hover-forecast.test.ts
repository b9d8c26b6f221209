// The hover's forecast line and the resolution of a zero score, straight from the analysis.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analysisOf } from '../../server/src/core/analysis-host';
import type { Observation } from '../../server/src/core/types';
import { AnalysisSnapshot } from '../../server/src/lsp/analysis-snapshot';
import { hoverMarkdown } from '../../server/src/lsp/hover';
import { curve } from '../helpers/synthetic';

function snapshotOf(observations: Observation[]): AnalysisSnapshot {
  return new AnalysisSnapshot(analysisOf(observations, { overrides: { tasks: { chained: { steps: 4 }, later: { steps: 4 } } } }), 0);
}

const FILE = '/results/forecast.csv';
const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
const U = Array.from({ length: 10 }, (_, i) => 7 + 0.5 * i);
const PARAMS = U.map((u) => 10 ** u);
const perStep = U.map((u) => sigmoid(1.2 * (u - 9.5)));
const hoverAt = (obs: Observation[], all: Observation[], i: number) => hoverMarkdown(FILE, obs[i].range.line, { snapshot: snapshotOf(all), observations: obs })!;
const forecastParagraph = (value: string) => value.split('\n\n').find((l) => l.startsWith('**Forecast**'));

describe('hover: forecasts', () => {
  it('says how the forecast from the smaller models did, and how such forecasts did on the workspace', () => {
    const exact = curve({ task: 'chained', metric: 'exact_match', params: PARAMS, scores: perStep.map((p) => Math.round(5000 * p ** 4) / 5000), n: 5000, baseline: 0, file: FILE });
    const graded = curve({ task: 'chained', metric: 'edit_similarity', params: PARAMS, scores: perStep, stderr: PARAMS.map(() => 0.005), baseline: 0, file: '/results/graded.csv' });
    const line = forecastParagraph(hoverAt(exact, [...exact, ...graded], 8));
    assert.match(line ?? '', /^\*\*Forecast\*\* \(backtest\): from the models below [\d.]+B the continuous-metric chain put it at [\d.]+B \([\d.]+B–[\d.]+B\), measured [\d.]+B; on this workspace such forecasts erred by a median [\d.]+ decades, 1 of 1 intervals held\.$/);
  });

  it('forecasts a series still at chance from its graded metric, naming the metric escaped', () => {
    const zeros = curve({ task: 'later', metric: 'exact_match', params: PARAMS.slice(0, 6), scores: PARAMS.slice(0, 6).map(() => 0), n: 5000, baseline: 0, file: FILE });
    const graded = curve({ task: 'later', metric: 'edit_similarity', params: PARAMS.slice(0, 6), scores: perStep.slice(0, 6), stderr: PARAMS.slice(0, 6).map(() => 0.002), baseline: 0, file: '/results/graded.csv' });
    const line = forecastParagraph(hoverAt(zeros, [...zeros, ...graded], 2));
    assert.match(line ?? '', /^\*\*Forecast\*\*: 10 % of the range at [\d.]+B \([\d.]+B–[\d.]+B\) by the continuous-metric chain on edit\\_similarity, from 6 models\.$/);
  });

  it('names the families a step count was fitted with, where this family scores 0 throughout', () => {
    const early = [
      ...curve({ task: 'pooled', metric: 'exact_match', family: 'early', params: PARAMS, scores: perStep.map((p) => Math.round(5000 * p ** 4) / 5000), n: 5000, baseline: 0, file: '/results/early.csv' }),
      ...curve({ task: 'pooled', metric: 'edit_similarity', family: 'early', params: PARAMS, scores: perStep, stderr: PARAMS.map(() => 0.005), baseline: 0, file: '/results/early.csv' }),
    ];
    const zeros = curve({ task: 'pooled', metric: 'exact_match', family: 'late', params: PARAMS.slice(0, 6), scores: PARAMS.slice(0, 6).map(() => 0), n: 200, baseline: 0, file: FILE });
    const graded = curve({ task: 'pooled', metric: 'edit_similarity', family: 'late', params: PARAMS.slice(0, 6), scores: U.slice(0, 6).map((u) => sigmoid(1.2 * (u - 10.5))), stderr: PARAMS.slice(0, 6).map(() => 0.005), baseline: 0, file: '/results/graded.csv' });
    const line = forecastParagraph(hoverAt(zeros, [...early, ...zeros, ...graded], 2));
    assert.match(line ?? '', /by the continuous-metric chain on edit\\_similarity \(step count k ≈ [345](\.\d)? fitted with early too, where the score left 0\), from 6 models\.$/);
  });

  it('says when the chain links through a sigmoid, which fits a multiple-choice score far better than p^k', () => {
    // Probability of the right choice q = σ(1.5 (u − 9.5)); accuracy logit s = −3 + 1.2 logit q, still below 2 % here.
    const q = U.slice(0, 5).map((u) => sigmoid(1.5 * (u - 9.5)));
    const acc = curve({ task: 'choices', metric: 'acc', params: PARAMS.slice(0, 5), scores: q.map((x) => Math.round(5000 * sigmoid(-3 + 1.2 * Math.log(x / (1 - x)))) / 5000), n: 5000, baseline: 0, file: FILE });
    const graded = curve({ task: 'choices', metric: 'edit_similarity', params: PARAMS.slice(0, 5), scores: q, stderr: PARAMS.slice(0, 5).map(() => 0.005), baseline: 0, file: '/results/graded.csv' });
    const line = forecastParagraph(hoverAt(acc, [...acc, ...graded], 2));
    assert.match(line ?? '', /by the continuous-metric chain on edit\\_similarity \(through a sigmoid link, which fits these models better than p\^k\), from 5 models\.$/);
  });

  it('lists every method that gives a forecast, each with its interval', () => {
    const five = PARAMS.slice(0, 5);
    const exact = curve({ task: 'later', metric: 'exact_match', params: five, scores: perStep.slice(0, 5).map((p) => Math.round(5000 * p ** 4) / 5000), n: 5000, baseline: 0, file: FILE });
    const graded = curve({ task: 'later', metric: 'edit_similarity', params: five, scores: perStep.slice(0, 5), stderr: five.map(() => 0.002), baseline: 0, file: '/results/graded.csv' });
    const loss = curve({ task: 'wikitext', metric: 'bits_per_byte', params: five, scores: U.slice(0, 5).map((u) => 1.2 - 0.05 * (u - 7)), stderr: five.map(() => 0.001), file: '/results/loss.csv' });
    const line = forecastParagraph(hoverAt(exact, [...exact, ...graded, ...loss], 2)) ?? '';
    assert.match(line, /^\*\*Forecast\*\*: 10 % of the range at [\d.]+B \([\d.]+B–[\d.]+B\) by the continuous-metric chain on edit\\_similarity, from 5 models; at [\d.]+B \([\d.]+[MB]–[\d.]+B\) by the loss threshold on bits\\_per\\_byte \(a threshold loss holds within this family only\), from 5 models\.$/);
  });

  it('says what data would make a forecast possible for a series at chance with nothing to forecast from', () => {
    const zeros = curve({ task: 'later', metric: 'exact_match', params: PARAMS.slice(0, 6), scores: PARAMS.slice(0, 6).map(() => 0), n: 5000, baseline: 0, file: FILE });
    // The reason is escaped for Markdown, as all text from the analysis is.
    assert.equal(forecastParagraph(hoverAt(zeros, zeros, 2)), '**Forecast**: none\\: no graded metric of this task in the data\\: log the samples \\(lm\\-eval \\-\\-log\\_samples\\) to forecast from one.');
  });

  it('says why the backtest of an emergent series made no forecast from the models below its jump', () => {
    const exact = curve({ task: 'bare', metric: 'exact_match', params: PARAMS, scores: perStep.map((p) => Math.round(5000 * p ** 4) / 5000), n: 5000, baseline: 0, file: FILE });
    const line = forecastParagraph(hoverAt(exact, exact, 8));
    assert.equal(line, '**Forecast** (backtest): none from the models below 10B (no graded metric of this task in the data\\: log the samples \\(lm\\-eval \\-\\-log\\_samples\\) to forecast from one).');
  });

  it('says when the graded metric of a series at chance is flat too', () => {
    const zeros = curve({ task: 'later', metric: 'exact_match', params: PARAMS.slice(0, 6), scores: PARAMS.slice(0, 6).map(() => 0), n: 5000, baseline: 0, file: FILE });
    const flat = curve({ task: 'later', metric: 'edit_similarity', params: PARAMS.slice(0, 6), scores: [0.3, 0.31, 0.29, 0.3, 0.3, 0.31], stderr: PARAMS.slice(0, 6).map(() => 0.01), baseline: 0, file: '/results/graded.csv' });
    assert.equal(forecastParagraph(hoverAt(zeros, [...zeros, ...flat], 2)), '**Forecast**: no forecast\\: the continuous metric is flat too.');
  });

  it('gives no forecast line to a smooth series', () => {
    const ramp = curve({ task: 'ramp', metric: 'acc', params: PARAMS, scores: U.map((u) => 0.3 + 0.05 * (u - 7)), n: 1000, baseline: 0.25, file: FILE });
    assert.equal(forecastParagraph(hoverAt(ramp, ramp, 3)), undefined);
  });

  it('says a score of 0 out of n items is at chance within the resolution of n items', () => {
    const zeros = curve({ task: 'later', metric: 'exact_match', params: PARAMS.slice(0, 6), scores: PARAMS.slice(0, 6).map(() => 0), n: 1000, baseline: 0, file: FILE });
    assert.match(hoverAt(zeros, zeros, 2), /: at chance within the resolution of 1000 items \(0 of 1000 bounds it below ≈ 0\.003 at 95 %\)/);
  });

  it('bounds a 0 by every try where each item was tried several times: 10 items × 5 tries, 0 of 50 → below 3/50', () => {
    const zeros = curve({ task: 'later', metric: 'accuracy', params: PARAMS.slice(0, 6), scores: PARAMS.slice(0, 6).map(() => 0), n: 10, baseline: 0, file: FILE }).map((o) => ({ ...o, attempts: 50 }));
    assert.match(hoverAt(zeros, zeros, 2), /: at chance within the resolution of 10 items tried 5 times each \(0 of 50 bounds it below ≈ 0\.06 at 95 %\)/);
  });
});
