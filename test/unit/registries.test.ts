// The task chance registry and the metric registry, against the answer formats of the benchmarks they name.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { metricChance, taskChance } from '../../server/src/core/baselines';
import { isGraded, metricInfo, notAbility } from '../../server/src/core/metrics';

const chance = (task: string, metric = 'acc', subtask?: string) => taskChance(task, subtask, metric, metricInfo(metric).metricClass === 'discontinuous')?.value;

describe('chance levels of well-known tasks', () => {
  it('knows the k of k-way multiple choice', () => {
    const cases: [string, number][] = [
      ['hendrycksTest-abstract_algebra', 1 / 4],
      ['mmlu_high_school_statistics', 1 / 4],
      ['mmlu_pro', 1 / 10],
      ['arc_challenge', 1 / 4],
      ['hellaswag', 1 / 4],
      ['swag', 1 / 4],
      ['sciq', 1 / 4],
      ['openbookqa', 1 / 4],
      ['mathqa', 1 / 5],
      ['commonsense_qa', 1 / 5],
      ['social_iqa', 1 / 3],
      ['bbq', 1 / 3],
      ['cb', 1 / 3],
      ['xnli_vi', 1 / 3],
      ['anli_r1', 1 / 3],
      ['pubmedqa', 1 / 3],
      ['gpqa:diamond', 1 / 4],
      ['afrisenti_swa_prompt_1', 1 / 3],
    ];
    for (const [task, value] of cases) assert.equal(chance(task), value, task);
  });

  it('knows the two-way tasks of lm-eval, GLUE and SuperGLUE', () => {
    for (const task of ['xstory_cloze_es', 'storycloze_2016', 'xcopa_it', 'copa', 'xwinograd_en', 'winogrande', 'wsc273', 'pawsx_de', 'piqa', 'wic', 'rte', 'qnli', 'sst2', 'wnli', 'mrpc', 'qqp']) {
      assert.equal(chance(task), 0.5, task);
    }
  });

  it('takes BoolQ at its majority class and CoLA at a Matthews correlation of 0', () => {
    assert.equal(chance('boolq'), 0.622);
    assert.equal(chance('cola', 'mcc'), 0);
  });

  it('reads BIG-Bench Hard subtasks at the end of longer names, with either spelling of judgement', () => {
    assert.equal(chance('bigbench_causal_judgement', 'multiple_choice_grade'), 0.5);
    assert.equal(chance('leaderboard_bbh_causal_judgment'), 0.5);
    assert.equal(chance('bigbench_formal_fallacies_syllogisms_negation', 'multiple_choice_grade'), 0.5);
    assert.equal(chance('bbh_snarks', 'exact_match'), 0.5);
    assert.equal(chance('bigbench_logical_deduction_five_objects', 'multiple_choice_grade'), 1 / 5);
    assert.equal(chance('bigbench_tracking_shuffled_objects_seven_objects', 'multiple_choice_grade'), 1 / 7);
    assert.equal(chance('bigbench_disambiguation_qa', 'multiple_choice_grade'), 1 / 3);
    assert.equal(chance('bigbench_ruin_names', 'multiple_choice_grade'), 1 / 4);
    assert.equal(chance('bigbench_date_understanding', 'multiple_choice_grade'), 1 / 6);
  });

  it('prefers the subtask', () => {
    assert.equal(chance('glue', 'acc', 'mnli'), 1 / 3);
    assert.equal(chance('mmlu', 'acc', 'unknown_subject'), 1 / 4);
  });

  it('puts generated answers at 0, but not their multiple-choice grades', () => {
    assert.equal(chance('gsm8k', 'exact_match'), 0);
    assert.equal(chance('lambada_openai'), 0);
    assert.equal(chance('arithmetic_3da'), 0);
    assert.equal(chance('bigbench_dyck_languages', 'exact_str_match'), 0);
    assert.equal(chance('bigbench_dyck_languages', 'multiple_choice_grade'), undefined);
    assert.equal(chance('aime24', 'extractive_match'), 0);
  });

  it('gives SQuAD 2.0 best_exact and best_f1 the score of answering "no answer" everywhere', () => {
    assert.equal(chance('squad2', 'best_exact'), 0.5007);
    assert.equal(chance('squad2', 'best_f1'), 0.5007, 'a metric-specific entry applies to graded metrics too');
    assert.equal(chance('squad2', 'exact'), 0);
    assert.equal(chance('squad2', 'f1'), undefined, 'F1 of the answered questions has no task chance');
  });

  it('applies answer formats only to all-or-nothing metrics', () => {
    assert.equal(taskChance('hellaswag', undefined, 'acc', false), undefined);
    assert.equal(taskChance('hellaswag', undefined, 'acc', true)?.value, 0.25);
  });

  it('knows nothing of unknown tasks, and says where every value comes from', () => {
    assert.equal(chance('negotiationtom_belief'), undefined);
    assert.equal(chance('truthfulqa_mc', 'mc1'), undefined);
    assert.match(taskChance('xstory_cloze_en', undefined, 'acc', true)!.note, /two candidate endings/);
    assert.match(taskChance('mmlu', undefined, 'acc', true)!.note, /Hendrycks et al\. 2021/);
  });

  it('falls back on metric defaults: exact match and overlap scores of a random answer are 0', () => {
    assert.equal(metricChance('discontinuous', 'exact_str_match')?.value, 0);
    assert.equal(metricChance('discontinuous', 'pass@1')?.value, 0);
    assert.equal(metricChance('discontinuous', 'extractive_match')?.value, 0);
    assert.equal(metricChance('partial-credit', 'rougeL')?.value, 0);
    assert.equal(metricChance('discontinuous', 'acc'), undefined);
    assert.equal(metricChance('continuous', 'brier_score'), undefined);
  });
});

describe('metric registry', () => {
  it('classes metrics by whether they give partial credit', () => {
    const cases: [string, string, boolean, [number, number] | undefined][] = [
      ['acc', 'discontinuous', true, [0, 1]],
      ['acc_norm', 'discontinuous', true, [0, 1]],
      ['exact_match', 'discontinuous', true, [0, 1]],
      ['multiple_choice_grade', 'discontinuous', true, [0, 1]],
      ['mcc', 'discontinuous', true, [-1, 1]],
      ['f1', 'partial-credit', true, [0, 1]],
      ['bleu', 'partial-credit', true, [0, 100]],
      ['rougeLsum', 'partial-credit', true, [0, 100]],
      ['edit_similarity', 'partial-credit', true, [0, 1]],
      ['edit_distance', 'partial-credit', false, undefined],
      ['perplexity', 'continuous', false, undefined],
      ['ppl', 'continuous', false, undefined],
      ['bits_per_byte', 'continuous', false, undefined],
      ['log_likelihood', 'continuous', true, undefined],
      ['brier_score', 'continuous', false, [0, 1]],
      ['pct_stereotype', 'unknown', true, undefined],
    ];
    for (const [metric, cls, higher, range] of cases) {
      const info = metricInfo(metric);
      assert.equal(info.metricClass, cls, metric);
      assert.equal(info.higherIsBetter, higher, metric);
      assert.deepEqual(info.range, range, metric);
    }
    assert.equal(isGraded('edit_similarity'), true);
    assert.equal(isGraded('perplexity'), true);
    assert.equal(isGraded('acc'), false);
  });

  it('reads names case- and separator-insensitively', () => {
    assert.equal(metricInfo('Exact Match').metricClass, 'discontinuous');
    assert.equal(metricInfo('Bits-Per-Byte').label, 'bits per byte');
  });

  it('knows the metrics that measure bias, toxicity or calibration rather than an ability', () => {
    assert.equal(notAbility('crows_pairs_english', 'pct_stereotype')?.what, 'bias');
    assert.equal(notAbility('crows_pairs_french_age', 'likelihood_difference')?.what, 'bias');
    assert.equal(notAbility('crows_pairs_english', 'acc')?.what, 'bias', 'every metric of CrowS-Pairs');
    assert.equal(notAbility('bbq', 'bbq_metric_ambiguous_bias')?.what, 'bias');
    assert.equal(notAbility('bbq', 'amb_bias_score_Age')?.what, 'bias');
    assert.equal(notAbility('simple_cooccurrence_bias', 'pct_male_preferred')?.what, 'bias');
    assert.equal(notAbility('realtoxicityprompts', 'score')?.what, 'toxicity');
    assert.equal(notAbility('helm_toxicity', 'expected_max_toxicity')?.what, 'toxicity');
    assert.equal(notAbility('mmlu', 'ece_10_bin')?.what, 'calibration');
    assert.equal(notAbility('mmlu', 'expected_calibration_error')?.what, 'calibration');
  });

  it('leaves abilities alone, including BBQ accuracy and the Brier score', () => {
    for (const [task, metric] of [
      ['bbq', 'exact_match'],
      ['bbq', 'acc'],
      ['toxigen', 'acc'],
      ['mmlu', 'brier_score'],
      ['hellaswag', 'acc_norm'],
    ]) {
      assert.equal(notAbility(task, metric), undefined, `${task} ${metric}`);
    }
  });
});
