// The metric registry pattern by pattern: the class, direction and hover label a metric name gets, the names an
// anchor keeps out, and the metrics that measure bias, toxicity or calibration with the note naming their source.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { canonicalMetric, isGraded, metricInfo, notAbility } from '../../server/src/core/metrics';

describe('metric classes, directions and labels', () => {
  it('every pattern, on a metric name harnesses write', () => {
    const cases: [string, string, boolean, string][] = [
      ['brier_score', 'continuous', false, 'Brier score'],
      ['ece_10_bin', 'continuous', false, 'calibration error'],
      // HELM's calibration after Platt scaling (Liang et al. 2022).
      ['platt_ece_10_bin', 'continuous', false, 'calibration error'],
      ['expected_calibration_error', 'continuous', false, 'calibration error'],
      ['word_perplexity', 'continuous', false, 'perplexity'],
      ['ppl', 'continuous', false, 'perplexity'],
      ['bpb', 'continuous', false, 'bits per byte'],
      ['bits_per_byte', 'continuous', false, 'bits per byte'],
      ['loss', 'continuous', false, 'loss'],
      ['nll', 'continuous', false, 'loss'],
      ['loglikelihood', 'continuous', true, 'log-likelihood'],
      ['logprob', 'continuous', true, 'log-likelihood'],
      ['levenshtein', 'partial-credit', false, 'edit distance'],
      ['partial_credit', 'partial-credit', true, 'partial credit'],
      ['chrf', 'partial-credit', true, 'overlap score'],
      ['macro_f1', 'partial-credit', true, 'F1'],
      ['mcc', 'discontinuous', true, 'Matthews correlation'],
      ['mcg', 'discontinuous', true, 'multiple-choice grade'],
      ['em', 'discontinuous', true, 'exact match'],
      // lighteval's quasi and prefix exact match: still all-or-nothing per item.
      ['qem', 'discontinuous', true, 'exact match'],
      ['pem', 'discontinuous', true, 'exact match'],
      ['niece', 'unknown', true, 'score'],
      ['quasi_exact_match', 'discontinuous', true, 'exact match'],
      ['accuracy', 'discontinuous', true, 'accuracy'],
      ['correct', 'discontinuous', true, 'accuracy'],
    ];
    for (const [metric, cls, higher, label] of cases) {
      const info = metricInfo(metric);
      assert.equal(info.metricClass, cls, metric);
      assert.equal(info.higherIsBetter, higher, metric);
      assert.equal(info.label, label, metric);
    }
  });

  it('an unknown metric is a plain higher-is-better score', () => {
    assert.deepEqual(metricInfo('elo_rating'), { metricClass: 'unknown', higherIsBetter: true, label: 'score' });
  });

  it('the SQuAD 2.0 threshold metrics are not F1 or exact-match scores', () => {
    // best_f1_thresh is the no-answer probability threshold at which best_f1 is reached, not an F1.
    assert.notEqual(metricInfo('best_f1_thresh').label, 'F1');
    assert.equal(isGraded('best_f1_thresh'), false);
  });

  it('several separators in a row read as one', () => {
    assert.equal(metricInfo('Bits - per - byte').label, 'bits per byte');
  });

  it('lm-eval v0.3 ppl joins v0.4 perplexity; other names stay as they are', () => {
    assert.equal(canonicalMetric('ppl'), 'perplexity');
    assert.equal(canonicalMetric('acc'), 'acc');
  });
});

describe('metrics that are not abilities', () => {
  it('each rule names what it measures', () => {
    assert.match(notAbility('crows_pairs_english', 'likelihood_diff')!.note, /CrowS-Pairs.*stereotyped.*Nangia et al\. 2020/);
    assert.match(notAbility('winogender', 'pct_female_preferred')!.note, /stereotyped and anti-stereotyped/);
    assert.match(notAbility('bbq', 'bias_score')!.note, /bias score.*BBQ.*Parrish et al\. 2022/);
    for (const column of ['BBQ (ambiguous)', 'BBQ (unambiguous)']) assert.equal(notAbility('BBQ', column)?.what, 'bias', `HELM's group table column ${column}`);
    assert.equal(notAbility('BBQ', 'EM'), undefined, "BBQ's accuracy is an ability");
    assert.deepEqual(notAbility('realtoxicityprompts', 'score'), { what: 'toxicity', note: 'RealToxicityPrompts scores the toxicity of continuations (Gehman et al. 2020)' });
    assert.match(notAbility('helm_toxicity', 'toxic_frac')!.note, /toxicity of generated text/);
    assert.match(notAbility('mmlu', 'ece_1_bin')!.note, /confidence matches accuracy/);
  });

  it('ECE under its bare name and its spelled-out display name', () => {
    assert.equal(notAbility('mmlu', 'ece')?.what, 'calibration');
    assert.equal(notAbility('mmlu', 'platt_ece_1_bin')?.what, 'calibration');
    assert.equal(notAbility('mmlu', 'niece_score'), undefined);
    assert.equal(notAbility('mmlu', 'Expected Calibration Error')?.what, 'calibration');
    assert.equal(notAbility('mmlu', 'Calibration - error')?.what, 'calibration');
  });
});
