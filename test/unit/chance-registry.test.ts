// The task chance registry entry by entry: the value a task name gets, the note that says where the value comes
// from (the benchmark's paper or answer format), and the names an anchor or a metric scope exists to keep out.
// Values come from the benchmarks' answer formats, not from the registry's output.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { metricChance, taskChance } from '../../server/src/core/baselines';
import { metricInfo } from '../../server/src/core/metrics';

const guess = (task: string, metric = 'acc', subtask?: string) => taskChance(task, subtask, metric, metricInfo(metric).metricClass === 'discontinuous');

/** Asserts the chance of a task and that its note names the answer format or the source. */
function expectChance(task: string, value: number, note: RegExp, metric = 'acc'): void {
  const hit = guess(task, metric);
  assert.ok(hit, `${task} ${metric} has a chance level`);
  assert.ok(Math.abs(hit.value - value) < 1e-12, `${task} ${metric}: ${hit.value} ≠ ${value}`);
  assert.match(hit.note, note, `${task} ${metric}`);
}

describe('every chance entry names its source', () => {
  it('multiple-choice benchmarks: k options, from the paper that defines them', () => {
    expectChance('squad_v2', 0.5007, /no answer.*50\.07 %.*Rajpurkar et al\. 2018/, 'best_exact');
    expectChance('mmlu_pro', 1 / 10, /^10-way choice: .*10 options.*Wang et al\. 2024/);
    expectChance('mmlu_abstract_algebra', 1 / 4, /^4-way choice: MMLU .*4 options.*Hendrycks et al\. 2021/);
    expectChance('arc_easy', 1 / 4, /^4-way choice: ARC .*Clark et al\. 2018/);
    expectChance('hellaswag', 1 / 4, /^4-way choice: .*4 endings.*Zellers et al\./);
    expectChance('race', 1 / 4, /^4-way choice: 4 answer options/);
    expectChance('medmcqa', 1 / 4, /^4-way choice/);
    expectChance('mathqa', 1 / 5, /^5-way choice: MathQA .*5 options.*Amini et al\. 2019/);
    expectChance('commonsense_qa', 1 / 5, /^5-way choice: CommonsenseQA .*Talmor et al\. 2019/);
    expectChance('social_iqa', 1 / 3, /^3-way choice: Social IQa .*Sap et al\. 2019/);
    expectChance('bbq', 1 / 3, /^3-way choice: .*"unknown".*Parrish et al\. 2022/);
    expectChance('gpqa_main_zeroshot', 1 / 4, /^4-way choice: GPQA .*Rein et al\. 2023/);
    expectChance('mnli_mismatch', 1 / 3, /^3-way choice: entailment, neutral or contradiction/);
    expectChance('pubmedqa', 1 / 3, /^3-way choice: yes, no or maybe.*Jin et al\. 2019/);
    expectChance('afrisenti_hau', 1 / 3, /^3-way choice: positive, negative or neutral.*Muhammad et al\. 2023/);
  });

  it('two-way tasks: the two alternatives of each benchmark', () => {
    expectChance('xstory_cloze_en', 1 / 2, /^2-way choice: two candidate endings/);
    expectChance('copa', 1 / 2, /^2-way choice: two alternatives, cause or effect/);
    expectChance('winogrande', 1 / 2, /^2-way choice: two candidate referents/);
    expectChance('paws_en', 1 / 2, /^2-way choice: paraphrase or not/);
    expectChance('piqa', 1 / 2, /^2-way choice: two solutions.*Bisk et al\. 2020/);
    expectChance('mrpc', 1 / 2, /^2-way choice: a two-class decision in GLUE/);
    expectChance('boolq', 0.622, /majority class.*62\.2 %.*Clark et al\. 2019/);
    expectChance('cola', 0, /Matthews correlation of a random guesser/, 'mcc');
  });

  it('BIG-Bench Hard subtasks: the size of their fixed answer sets (Suzgun et al. 2022)', () => {
    expectChance('bbh_zeroshot_web_of_lies', 1 / 2, /^2-way choice: BIG-Bench Hard/, 'exact_match');
    expectChance('leaderboard_bbh_logical_deduction_three_objects', 1 / 3, /^3-way choice: one of three objects/);
    expectChance('leaderboard_bbh_tracking_shuffled_objects_five_objects', 1 / 5, /^5-way choice: one of five objects/);
    expectChance('leaderboard_bbh_logical_deduction_seven_objects', 1 / 7, /^7-way choice: one of seven objects/);
    expectChance('leaderboard_bbh_disambiguation_qa', 1 / 3, /^3-way choice: 3 options \(BIG-Bench Hard\)/);
    expectChance('leaderboard_bbh_temporal_sequences', 1 / 4, /^4-way choice: 4 options \(BIG-Bench Hard\)/);
    expectChance('leaderboard_bbh_salient_translation_error_detection', 1 / 6, /^6-way choice: 6 options \(BIG-Bench Hard\)/);
  });

  it('generated answers: guessing scores about 0, and the note says so', () => {
    expectChance('triviaqa', 0, /generated answer/, 'exact_match');
    expectChance('minerva_math_algebra', 0, /generated answer/, 'exact_match');
  });

  it('metric defaults say why they are 0', () => {
    assert.match(metricChance('discontinuous', 'exact_match')!.note, /exact match of a generated answer/);
    assert.match(metricChance('partial-credit', 'bleu')!.note, /overlap score of a random answer/);
  });
});

describe('what the chance entries keep out', () => {
  it('"arc" inside another task name is not ARC', () => {
    // SearchQA (Dunn et al. 2017) is open-ended question answering, not a 4-way choice.
    assert.equal(guess('searchqa'), undefined);
  });

  it('names are matched from their start: a longer name that holds a known one is another benchmark', () => {
    const known: [task: string, metric?: string][] = [['squad_v2', 'best_exact'], ['mmlu_pro'], ['mmlu_anatomy'], ['hellaswag'], ['sciq'], ['mathqa'], ['commonsense_qa'], ['social_iqa'], ['bbq'], ['gpqa'], ['mnli'], ['pubmedqa'], ['afrisenti'], ['xstory_cloze_en'], ['copa'], ['winogrande'], ['paws_en'], ['piqa'], ['rte'], ['boolq'], ['cola']];
    for (const [task, metric] of known) {
      const own = guess(task, metric);
      assert.ok(own, task);
      assert.notEqual(guess(`my${task}`, metric)?.value, own.value, `my${task}`);
    }
    assert.notEqual(guess('squad_v2', 'not_best_exact')?.value, 0.5007, "only SQuAD 2.0's best_exact and best_f1 answer 'no answer' everywhere");
  });

  it('BIG-Bench Hard subtasks are matched at the end of the name, where harnesses put them', () => {
    for (const task of ['snarks', 'logical_deduction_three_objects', 'logical_deduction_five_objects', 'tracking_shuffled_objects_seven_objects', 'disambiguation_qa', 'ruin_names', 'date_understanding']) {
      const own = guess(`bbh_${task}`, 'exact_match');
      assert.ok(own, task);
      assert.notEqual(guess(`bbh_${task}_v2`, 'exact_match')?.value, own.value, `${task}_v2`);
    }
  });

  it('the exact-match default is for exact-match metrics only', () => {
    for (const metric of ['emotion_acc', 'acc_system']) assert.equal(metricChance('discontinuous', metric), undefined, metric);
    assert.equal(metricChance('discontinuous', 'em')?.value, 0);
  });

  it('spellings without the underscore', () => {
    expectChance('commonsenseqa', 1 / 5, /CommonsenseQA/);
    expectChance('socialiqa', 1 / 3, /Social IQa/);
  });

  it('SQuAD 2.0 thresholds are not scores', () => {
    // The squad_v2 metric reports best_exact_thresh / best_f1_thresh: the no-answer probability threshold that
    // gives best_exact / best_f1, not a score, so it does not get the "no answer everywhere" score.
    assert.notEqual(guess('squad_v2', 'best_exact_thresh')?.value, 0.5007);
    assert.notEqual(guess('squad_v2', 'best_f1_thresh')?.value, 0.5007);
  });

  it('harness prefixes (leaderboard_, glue_, superglue_, bbh-) are taken off before the lookup', () => {
    expectChance('leaderboard_mmlu_pro', 1 / 10, /MMLU-Pro/);
    expectChance('glue_rte', 1 / 2, /GLUE/);
    expectChance('superglue_boolq', 0.622, /BoolQ/);
    expectChance('bbh-web-of-lies', 1 / 2, /BIG-Bench Hard/, 'exact_match');
  });

  it('display names with capitals and hyphens', () => {
    expectChance('MMLU-Pro', 1 / 10, /MMLU-Pro/);
    expectChance('Leaderboard_MMLU_Pro', 1 / 10, /MMLU-Pro/);
  });
});

describe('MMLU subjects named professional_*', () => {
  it('are 4-way MMLU, not MMLU-Pro', () => {
    // MMLU's professional_law, professional_medicine, professional_accounting and professional_psychology are
    // ordinary 4-option MMLU subjects (Hendrycks et al. 2021).
    for (const task of ['mmlu_professional_law', 'mmlu_professional_medicine', 'mmluprofessional_accounting']) assert.equal(guess(task)?.value, 1 / 4, task);
    assert.equal(guess('mmlu_pro_law')?.value, 1 / 10);
  });
});
