// Forecasts of the emergence scale on families whose generating curves are known: each method must put the known
// scale inside its interval, and noise or a smooth ramp must not give a confident forecast.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analysis-host';
import { thresholdsIn, type AnalysisOptions } from '../../server/src/core/analyze-group';
import { backtest } from '../../server/src/core/forecast/backtest';
import { driverIndex } from '../../server/src/core/forecast/drivers';
import { chartForecast, forecastSeries } from '../../server/src/core/forecast/forecast';
import type { ForecastMethod } from '../../server/src/core/forecast/types';
import type { Observation } from '../../server/src/core/types';
import { seededRandom } from '../../server/src/core/random';
import { parseOverrides } from '../../server/src/core/overrides';
import { curve } from '../helpers/synthetic';

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
const logit = (p: number): number => Math.log(p / (1 - p));
/** Ten sizes from 10M to ~316B, half a decade apart. */
const U = Array.from({ length: 10 }, (_, i) => 7 + 0.5 * i);
const PARAMS = U.map((u) => 10 ** u);
const ITEMS = 5000;
/** Scores as counts of items, as a harness writes them. */
const counted = (p: number): number => Math.round(p * ITEMS) / ITEMS;
/** The level at which a series counts as emerged: the default "clearly above chance" floor. */
const LEVEL = thresholdsIn({}).minGain;

function forecastOf(observations: Observation[], task: string, metric: string, options: AnalysisOptions = {}) {
  const { series } = analyze(observations, options);
  const s = series.find((x) => x.task === task && x.metric === metric)!;
  const upTo = s.emergence ? s.points.indexOf(s.emergence.firstAbove) : s.points.length;
  return { series: s, forecast: forecastSeries(s, driverIndex(series), thresholdsIn(options), upTo) };
}

function assertRecovers(f: ReturnType<typeof forecastOf>['forecast'], method: ForecastMethod, truth: number) {
  const m = f.forecasts.find((x) => x.method === method);
  assert.ok(m, `no ${method} forecast: ${f.none.map((n) => n.why).join('; ')}`);
  assert.ok(m.scale.low <= truth && truth <= m.scale.high, `${truth.toExponential(2)} outside [${m.scale.low.toExponential(2)}, ${m.scale.high.toExponential(2)}]`);
  assert.ok(Math.abs(Math.log10(m.scale.value / truth)) < 0.25, `forecast ${m.scale.value.toExponential(2)} vs ${truth.toExponential(2)}`);
  return m;
}

// Per-step success p(u) = σ(1.2 (u − 9.5)) measured by a graded metric; the all-or-nothing score is p^4.
const perStep = U.map((u) => sigmoid(1.2 * (u - 9.5)));
const chain = (task: string, graded: number[] = perStep) => [
  ...curve({ task, metric: 'exact_match', params: PARAMS, scores: perStep.map((p) => counted(p ** 4)), n: ITEMS, baseline: 0 }),
  ...curve({ task, metric: 'edit_similarity', params: PARAMS, scores: graded, stderr: PARAMS.map(() => 0.005), baseline: 0 }),
];
// p^4 = LEVEL where p = LEVEL^(1/4), i.e. at u = 9.5 + logit(LEVEL^(1/4)) / 1.2.
const chainTruth = 10 ** (9.5 + logit(LEVEL ** (1 / 4)) / 1.2);

describe('forecast: continuous-metric chain', () => {
  it('recovers the emergence scale from the models below it, with the step count known', () => {
    const { series, forecast } = forecastOf(chain('chained'), 'chained', 'exact_match', { overrides: { tasks: { chained: { steps: 4 } } } });
    assert.equal(series.verdict, 'emergent');
    const m = assertRecovers(forecast, 'continuous-chain', chainTruth);
    assert.deepEqual(m.link, { kind: 'steps', k: 4, known: true });
    assert.ok(m.scale.value > series.points[m.models - 1].x, 'the forecast lies beyond the models it used');
  });

  it('fits the step count when it is not known, and still covers the known scale', () => {
    const m = assertRecovers(forecastOf(chain('unnamed'), 'unnamed', 'exact_match').forecast, 'continuous-chain', chainTruth);
    assert.equal(m.link.kind, 'steps');
    assert.ok(m.link.kind === 'steps' && !m.link.known && Math.abs(m.link.k - 4) < 1, `k = ${m.link.kind === 'steps' ? m.link.k : '?'}`);
  });

  // A multiple-choice task: the graded metric is the probability of the right choice, q(u) = σ(1.5 (u − 9.5)), and
  // accuracy rises as a sigmoid in its logit, logit s = −3 + 1.2 logit q: at small q, s ≈ e^−3 q^1.2, which no q^k
  // follows (the best k puts the level 0.4 decades early). It reaches the level where logit q = (logit(LEVEL) + 3) / 1.2.
  const choiceTruth = 10 ** (9.5 + (logit(LEVEL) + 3) / 1.2 / 1.5);
  const rightChoice = U.map((u) => sigmoid(1.5 * (u - 9.5)));
  const choices = (task: string) => [
    ...curve({ task, metric: 'acc', params: PARAMS, scores: rightChoice.map((q) => counted(sigmoid(-3 + 1.2 * logit(q)))), n: ITEMS, baseline: 0 }),
    ...curve({ task, metric: 'edit_similarity', params: PARAMS, scores: rightChoice, stderr: PARAMS.map(() => 0.005), baseline: 0 }),
  ];

  it('links through a sigmoid in the graded metric where it fits far better than q^k, and recovers the scale', () => {
    const { series, forecast } = forecastOf(choices('choices'), 'choices', 'acc');
    assert.equal(series.verdict, 'emergent');
    const m = assertRecovers(forecast, 'continuous-chain', choiceTruth);
    assert.equal(m.link.kind, 'logistic');
    assert.ok(m.link.kind === 'logistic' && Math.abs(m.link.slope - 1.2) < 0.2, `slope ${m.link.kind === 'logistic' ? m.link.slope : '?'}`);
  });

  it('gives no forecast when the graded metric is noise around a constant (negative control)', () => {
    const noise = [0.31, 0.29, 0.3, 0.32, 0.28, 0.3, 0.31, 0.29, 0.3, 0.3];
    const flat = [
      ...curve({ task: 'noisy', metric: 'exact_match', params: PARAMS, scores: PARAMS.map(() => 0), n: ITEMS, baseline: 0 }),
      ...curve({ task: 'noisy', metric: 'edit_similarity', params: PARAMS, scores: noise, stderr: PARAMS.map(() => 0.01), baseline: 0 }),
    ];
    const { series, forecast } = forecastOf(flat, 'noisy', 'exact_match');
    assert.equal(series.verdict, 'flat');
    assert.deepEqual(forecast.forecasts, []);
    assert.equal(forecast.none.find((n) => n.method === 'continuous-chain')?.why, 'no forecast: the continuous metric is flat too');
  });

  it('gives no forecast from a rising graded metric when the score is 0 everywhere and k is unknown', () => {
    const zero = [
      ...curve({ task: 'silent', metric: 'exact_match', params: PARAMS.slice(0, 6), scores: PARAMS.slice(0, 6).map(() => 0), n: ITEMS, baseline: 0 }),
      ...curve({ task: 'silent', metric: 'edit_similarity', params: PARAMS.slice(0, 6), scores: perStep.slice(0, 6), stderr: PARAMS.slice(0, 6).map(() => 0.005), baseline: 0 }),
    ];
    const { forecast } = forecastOf(zero, 'silent', 'exact_match');
    assert.deepEqual(forecast.forecasts, []);
    assert.match(forecast.none[0].why, /score is 0 on every model used.*step count/);
  });

  // Two families, the later a decade behind: p(u) = σ(1.2 (u − 9.5 − offset)). The early one left 0 (p^4 of 5000
  // items); the late one is 0 on its 6 smallest models (200 items each), so only the early one can give k.
  const pooled = (earlyTask: string) => [
    ...curve({ task: earlyTask, metric: 'exact_match', family: 'early', params: PARAMS, scores: perStep.map((p) => counted(p ** 4)), n: ITEMS, baseline: 0 }),
    ...curve({ task: earlyTask, metric: 'edit_similarity', family: 'early', params: PARAMS, scores: perStep, stderr: PARAMS.map(() => 0.005), baseline: 0 }),
    ...curve({ task: 'behind', metric: 'exact_match', family: 'late', params: PARAMS.slice(0, 6), scores: PARAMS.slice(0, 6).map(() => 0), n: 200, baseline: 0 }),
    ...curve({ task: 'behind', metric: 'edit_similarity', family: 'late', params: PARAMS.slice(0, 6), scores: U.slice(0, 6).map((u) => sigmoid(1.2 * (u - 10.5))), stderr: PARAMS.slice(0, 6).map(() => 0.005), baseline: 0 }),
  ];
  const lateOf = (observations: Observation[]) => {
    const { series } = analyze(observations);
    const late = series.find((x) => x.family === 'late' && x.metric === 'exact_match')!;
    return { late, forecast: forecastSeries(late, driverIndex(series), thresholdsIn({})) };
  };

  it('fits the step count on the families where the score left 0 when this family is 0 throughout, and recovers its scale', () => {
    const { late, forecast } = lateOf(pooled('behind'));
    assert.deepEqual([late.verdict, late.chanceLevel], ['flat', 'at']);
    const m = assertRecovers(forecast, 'continuous-chain', chainTruth * 10);
    assert.ok(m.link.kind === 'steps' && !m.link.known && Math.abs(m.link.k - 4) < 1, `k = ${m.link.kind === 'steps' ? m.link.k : '?'}`);
    assert.deepEqual(m.link.kind === 'steps' && m.link.pooledFrom, ['early']);
  });

  it('pools only the same task: another task of the other family ties nothing here (negative control)', () => {
    const { forecast } = lateOf(pooled('elsewhere'));
    assert.deepEqual(forecast.forecasts, []);
    assert.match(forecast.none[0].why, /score is 0 on every model used/);
  });

  it('says which data would make a forecast possible when there is none', () => {
    const bare = curve({ task: 'bare', metric: 'exact_match', params: PARAMS, scores: perStep.map((p) => counted(p ** 4)), n: ITEMS, baseline: 0 });
    const { forecast } = forecastOf(bare, 'bare', 'exact_match');
    assert.deepEqual(forecast.forecasts, []);
    assert.match(forecast.none.find((n) => n.method === 'continuous-chain')!.why, /log the samples/);
    assert.match(forecast.none.find((n) => n.method === 'loss-threshold')!.why, /bits_per_byte/);
  });
});

// Per-sample logs: each model's items behind its scores, as the forecasts' bootstrap resamples them.
const withItems = (observations: Observation[], values: (i: number) => number[]): Observation[] =>
  observations.map((o, i) => {
    const v = values(i);
    return { ...o, items: { ids: Int32Array.from(v, (_, j) => j), values: Float64Array.from(v) } };
  });

describe('forecast: bootstrap over items', () => {
  // Items graded p − δ and p + δ in turn (δ = min(p, 1 − p)): their mean is p exactly, whatever their number, so only
  // how many there are tells the two runs apart. No stderr is stated: without items both would get the default one.
  const spread = (count: number) => (i: number) => Array.from({ length: count }, (_, j) => perStep[i] + (j % 2 ? 1 : -1) * Math.min(perStep[i], 1 - perStep[i]));
  const graded = (count: number) => [
    ...curve({ task: 'items', metric: 'exact_match', params: PARAMS, scores: perStep.map((p) => counted(p ** 4)), n: ITEMS, baseline: 0 }),
    ...withItems(curve({ task: 'items', metric: 'edit_similarity', params: PARAMS, scores: perStep, baseline: 0 }), spread(count)),
  ];
  const options = { overrides: { tasks: { items: { steps: 4 } } } };
  const decades = (m: { scale: { low: number; high: number } }) => Math.log10(m.scale.high / m.scale.low);

  it('draws the graded metric from its items: 400 items per model give a wider interval than 40,000 with the same means', () => {
    const few = assertRecovers(forecastOf(graded(400), 'items', 'exact_match', options).forecast, 'continuous-chain', chainTruth);
    const many = assertRecovers(forecastOf(graded(40000), 'items', 'exact_match', options).forecast, 'continuous-chain', chainTruth);
    assert.ok(decades(few) > 1.5 * decades(many), `${decades(few).toFixed(3)} vs ${decades(many).toFixed(3)} decades`);
  });

  it('recovers the scale from per-item logs of 4-step answers (graded = steps right / 4, exact = all 4), k fitted', () => {
    const uniform = seededRandom(7);
    const answers = perStep.map((p) => Array.from({ length: 2000 }, () => Array.from({ length: 4 }, () => (uniform() < p ? 1 : 0)).reduce((a: number, b) => a + b, 0)));
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    const exact = (i: number) => answers[i].map((right) => (right === 4 ? 1 : 0));
    const partial = (i: number) => answers[i].map((right) => right / 4);
    const observations = [
      ...withItems(curve({ task: 'logged', metric: 'exact_match', params: PARAMS, scores: PARAMS.map((_, i) => mean(exact(i))), n: 2000, baseline: 0 }), exact),
      ...withItems(curve({ task: 'logged', metric: 'edit_similarity', params: PARAMS, scores: PARAMS.map((_, i) => mean(partial(i))), n: 2000, baseline: 0 }), partial),
    ];
    const m = assertRecovers(forecastOf(observations, 'logged', 'exact_match').forecast, 'continuous-chain', chainTruth);
    assert.ok(m.link.kind === 'steps' && !m.link.known && Math.abs(m.link.k - 4) < 1, `k = ${m.link.kind === 'steps' ? m.link.k : '?'}`);
  });
});

// A loss falling as a power law, L = 4·x^(−0.06) in units of 10^7 parameters, and a score logistic in the loss that
// reaches the level at L = 2.9: logit s = logit(LEVEL) − 6 (L − 2.9).
const loss = U.map((u) => 4 * 10 ** (-0.06 * (u - 7)));
const lossScore = loss.map((l) => counted(sigmoid(logit(LEVEL) - 6 * (l - 2.9))));
const lossTruth = 10 ** (7 + Math.log10(2.9 / 4) / -0.06);
const withLoss = (task: string, scores: number[]) => [
  ...curve({ task, metric: 'acc', family: 'lm', params: PARAMS, scores, n: ITEMS, baseline: 0 }),
  ...curve({ task: 'wikitext', metric: 'bits_per_byte', family: 'lm', params: PARAMS, scores: loss, stderr: PARAMS.map(() => 0.002) }),
];

describe('forecast: loss threshold', () => {
  it('recovers the emergence scale through the threshold loss and the loss power law', () => {
    const { series, forecast } = forecastOf(withLoss('threshold', lossScore), 'threshold', 'acc');
    assert.equal(series.verdict, 'emergent');
    const m = assertRecovers(forecast, 'loss-threshold', lossTruth);
    assert.ok(m.threshold.low <= 2.9 && 2.9 <= m.threshold.high, `threshold loss [${m.threshold.low}, ${m.threshold.high}]`);
  });

  it('takes the pre-training loss from emergence-lens.json where the results hold none, located in that file', () => {
    const models = Object.fromEntries(PARAMS.map((p, i) => [`lm-${p}`, { loss: +loss[i].toFixed(6) }]));
    const file = '/work/emergence-lens.json';
    const text = JSON.stringify({ models }, null, 2);
    const { overrides, problems } = parseOverrides(text, file);
    assert.deepEqual(problems, []);
    const scores = curve({ task: 'threshold', metric: 'acc', family: 'lm', params: PARAMS, scores: lossScore, n: ITEMS, baseline: 0 });
    const { series, forecast } = forecastOf(scores, 'threshold', 'acc', { overrides });
    const m = assertRecovers(forecast, 'loss-threshold', lossTruth);
    assert.deepEqual([m.driver.task, m.driver.metric], ['pretraining', 'loss']);
    assert.deepEqual(series.lossAxis, { task: 'pretraining', metric: 'loss' });
    const stated = analyze(scores, { overrides }).series.find((s) => s.task === 'pretraining')!.points[3].range;
    assert.equal(stated.file, file);
    assert.equal(text.split('\n')[stated.line].trim(), `"loss": ${+loss[3].toFixed(6)}`);
  });

  it('gives no forecast when the score is noise at chance while the loss falls (negative control)', () => {
    const noise = [0.0008, 0.0012, 0.001, 0.0006, 0.0014, 0.001, 0.0008, 0.0012, 0.001, 0.001];
    const { forecast } = forecastOf(withLoss('deaf', noise), 'deaf', 'acc');
    assert.deepEqual(forecast.forecasts, []);
  });

  it('gives no forecast for a smooth ramp already above chance (negative control)', () => {
    const ramp = U.map((u) => 0.05 + 0.08 * (u - 7));
    const { series, forecast } = forecastOf(withLoss('ramp', ramp), 'ramp', 'acc');
    assert.equal(series.verdict, 'smooth');
    assert.deepEqual(forecast.forecasts, []);
    assert.match(forecast.none[0].why, /already clearly above chance/);
  });
});

describe('backtest', () => {
  it('hides the models from the emergence point up and scores each method against the hidden crossing', () => {
    const { series } = analyze([...chain('chained'), ...withLoss('threshold', lossScore)], { overrides: { tasks: { chained: { steps: 4 } } } });
    const { rows, summary } = backtest(series, thresholdsIn({}));
    const chained = rows.find((r) => r.series.task === 'chained')!;
    // The measured crossing is interpolated between two sizes half a decade apart: near, not at, the generating one.
    assert.ok(Math.abs(Math.log10(chained.actual / chainTruth)) < 0.1);
    assert.equal(chained.forecast?.method, 'continuous-chain');
    assert.equal(summary.series, 2);
    assert.equal(summary.coverage, 1);
    assert.ok(summary.medianErrorDecades! < 0.25);
  });
});

describe('forecast: limits', () => {
  // A flat series at chance whose graded metric rises on a logistic in log scale reaching p = LEVEL^(1/4) at u*.
  const notYet = (crossing: number, models = 6) => {
    const u = U.slice(0, models);
    const u0 = crossing - logit(LEVEL ** (1 / 4)) / 0.8;
    const q = u.map((x) => sigmoid(0.8 * (x - u0)));
    const params = u.map((x) => 10 ** x);
    return [
      ...curve({ task: 'later', metric: 'exact_match', params, scores: params.map(() => 0), n: ITEMS, baseline: 0 }),
      ...curve({ task: 'later', metric: 'edit_similarity', params, scores: q, stderr: params.map(() => 0.0005), baseline: 0 }),
    ];
  };
  const options = { overrides: { tasks: { later: { steps: 4 } } } };
  const largest = U[5];

  it('forecasts a series still at chance up to 3 decades past its largest model, and not beyond', () => {
    const inside = forecastOf(notYet(largest + 2.9), 'later', 'exact_match', options);
    assert.equal(inside.series.chanceLevel, 'at');
    assertRecovers(inside.forecast, 'continuous-chain', 10 ** (largest + 2.9));
    const outside = forecastOf(notYet(largest + 3.1), 'later', 'exact_match', options).forecast;
    assert.deepEqual(outside.forecasts, []);
    assert.match(outside.none[0].why, /more than 3 decades past the largest model/);
  });

  it('states a forecast up to half a decade inside the models used, and not further in', () => {
    assert.equal(forecastOf(notYet(largest - 0.4), 'later', 'exact_match', options).forecast.forecasts.length, 1);
    const inside = forecastOf(notYet(largest - 0.6), 'later', 'exact_match', options).forecast;
    assert.deepEqual(inside.forecasts, []);
    assert.match(inside.none[0].why, /more than 0.5 decades inside the models used/);
  });

  it('needs three models with the graded metric', () => {
    assert.equal(forecastOf(notYet(largest + 1, 3), 'later', 'exact_match', options).forecast.forecasts.length, 1);
    const two = forecastOf(notYet(largest + 1, 2), 'later', 'exact_match', options).forecast;
    assert.deepEqual(two.forecasts, []);
  });
});

// Two families offset in capability: c = log10 N in one, a decade less in the other. Three benchmarks rise linearly
// in c; the task rises on a logistic in c, logit s = 4 (c − 9.5), and reaches the level at c* = 9.5 + logit(LEVEL) / 4.
describe('forecast: observational (capability shared across families)', () => {
  const families = { early: 0, late: 1 };
  const observations = Object.entries(families).flatMap(([family, offset]) => {
    const c = U.map((u) => u - offset);
    return [
      ...['bench_a', 'bench_b', 'bench_c'].map((task, i) => curve({ task, metric: 'acc', family, params: PARAMS, scores: c.map((x) => 0.3 + (0.06 + 0.01 * i) * (x - 6)), n: ITEMS, baseline: 0.25 })).flat(),
      ...curve({ task: 'target', metric: 'exact_match', family, params: PARAMS, scores: c.map((x) => counted(sigmoid(4 * (x - 9.5)))), n: ITEMS, baseline: 0 }),
    ];
  });

  it('places the later family’s emergence from the family where the task already emerged', () => {
    const truth = 10 ** (9.5 + logit(LEVEL) / 4 + families.late);
    const { series } = analyze(observations);
    const late = series.find((s) => s.task === 'target' && s.family === 'late')!;
    assert.equal(late.verdict, 'emergent');
    const f = forecastSeries(late, driverIndex(series), thresholdsIn({}), late.points.indexOf(late.emergence!.firstAbove));
    assertRecovers(f, 'observational', truth);
  });

  it('keeps to the first component when the benchmarks measure one capability', () => {
    const { series } = analyze(observations);
    const late = series.find((s) => s.task === 'target' && s.family === 'late')!;
    const f = forecastSeries(late, driverIndex(series), thresholdsIn({}), late.points.indexOf(late.emergence!.firstAbove));
    assert.match(f.forecasts.find((m) => m.method === 'observational')!.driver.task, /^first principal component of 3 benchmarks/);
  });

  // Two capabilities: three benchmarks rise with knowledge A, two with reasoning B, and the task with reasoning only,
  // logit s = 6 (B − 9.8). f1 lags d decades in reasoning, f2 in knowledge; the task emerged in both. The later family
  // lags 2d in knowledge and none in reasoning, and was measured on the task up to 1B: it emerges at
  // B* = u* = 9.8 + logit(LEVEL) / 6. With d = 1 the first component alone, mostly knowledge, puts it 0.7 decades late.
  // The second component explains 1 − (2.5 + √(0.25 + 6 r²)) / 5 of the variance, r the correlation of A and B over
  // the families' models: 14.6 % at d = 1, 11 % at d = 0.85, 9 % at d = 0.75.
  const twoCapabilities = (d: number) => Object.entries({ f1: [0, d, Infinity], f2: [d, 0, Infinity], late: [2 * d, 0, 9] }).flatMap(([family, [knowledge, reasoning, top]]) => {
    const measured = PARAMS.filter((_, i) => U[i] <= top);
    return [
      ...[0.05, 0.06, 0.07].flatMap((k, i) => curve({ task: `know_${i}`, metric: 'acc', family, params: PARAMS, scores: U.map((u) => 0.3 + k * (u - knowledge - 6)), n: ITEMS, baseline: 0.25 })),
      ...[0.05, 0.06].flatMap((k, i) => curve({ task: `reason_${i}`, metric: 'acc', family, params: PARAMS, scores: U.map((u) => 0.3 + k * (u - reasoning - 6)), n: ITEMS, baseline: 0.25 })),
      ...curve({ task: 'target', metric: 'exact_match', family, params: measured, scores: U.slice(0, measured.length).map((u) => counted(sigmoid(6 * (u - reasoning - 9.8)))), n: ITEMS, baseline: 0 }),
    ];
  });
  const lateForecast = (d: number) => {
    const { series } = analyze(twoCapabilities(d));
    const late = series.find((s) => s.task === 'target' && s.family === 'late')!;
    assert.deepEqual([late.verdict, late.chanceLevel], ['flat', 'at']);
    return forecastSeries(late, driverIndex(series), thresholdsIn({}));
  };

  it('uses a second component where the task depends on another capability than most benchmarks measure', () => {
    const m = assertRecovers(lateForecast(1), 'observational', 10 ** (9.8 + logit(LEVEL) / 6));
    assert.match(m.driver.task, /^first 2 principal components of 5 benchmarks shared with f1, f2$/);
  });

  it('keeps a second component that explains a tenth of the variance (11 %), not one that explains less (9 %)', () => {
    const driver = (d: number) => lateForecast(d).forecasts.find((m) => m.method === 'observational')?.driver.task;
    assert.match(driver(0.85) ?? '', /^first 2 principal components/);
    assert.match(driver(0.75) ?? '', /^first principal component/);
  });

  it('gives the chart of a family still at chance the observational forecast its own family analysis cannot make', () => {
    // The later family measured on the task up to 1B only (c ≤ 8: the task still near 0 there).
    const { series } = analyze(observations.filter((o) => o.task !== 'target' || o.model.family === 'early' || o.model.params! <= 1e9));
    const late = series.find((s) => s.task === 'target' && s.family === 'late')!;
    assert.deepEqual([late.verdict, late.chanceLevel], ['flat', 'at']);
    assert.equal(late.forecast, undefined, 'no graded metric or loss in its family');
    const mark = chartForecast(late, driverIndex(series), thresholdsIn({}));
    const truth = 10 ** (9.5 + logit(LEVEL) / 4 + families.late);
    assert.equal(mark?.method, 'observational');
    assert.ok(mark.low <= truth && truth <= mark.high, `${truth.toExponential(2)} outside [${mark.low.toExponential(2)}, ${mark.high.toExponential(2)}]`);
    assert.equal(mark.level, LEVEL);
  });

  it('gives no forecast when the family’s benchmarks are noise that does not rise with scale (negative control)', () => {
    const noise = [0.42, 0.38, 0.41, 0.37, 0.43, 0.39, 0.4, 0.38, 0.42, 0.39];
    const { series } = analyze(
      observations
        .filter((o) => o.model.family !== 'late' || o.task === 'target')
        .concat(['bench_a', 'bench_b', 'bench_c'].flatMap((task, i) => curve({ task, metric: 'acc', family: 'late', params: PARAMS, scores: noise.map((_, j) => noise[(j + 3 * i) % 10]), n: ITEMS, baseline: 0.25 }))),
    );
    const late = series.find((s) => s.task === 'target' && s.family === 'late')!;
    const f = forecastSeries(late, driverIndex(series), thresholdsIn({}), late.points.indexOf(late.emergence!.firstAbove));
    assert.equal(f.forecasts.find((m) => m.method === 'observational'), undefined);
    assert.match(f.none.find((n) => n.method === 'observational')!.why, /capability of this family does not rise significantly with scale/);
  });

  it('needs another family where the task emerged', () => {
    const { series } = analyze(observations.filter((o) => o.task !== 'target' || o.model.family === 'late'));
    const late = series.find((s) => s.task === 'target')!;
    const f = forecastSeries(late, driverIndex(series), thresholdsIn({}), late.points.indexOf(late.emergence!.firstAbove));
    assert.match(f.none.find((n) => n.method === 'observational')!.why, /no other family where this task emerged shares benchmarks/);
  });
});
