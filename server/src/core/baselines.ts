// Random-chance scores of well-known tasks, for when a results file does not state one. Each entry says where its
// number comes from (the task's answer format, from the benchmark's paper or its harness definition); every one is
// reported to the user as "assumed", and a wrong one is fixed in emergence-lens.json.
import type { MetricClass } from './metrics';
import { byName } from './by-name';

interface TaskChance {
  /** Matched against the task name lower-cased, with harness prefixes such as "leaderboard_" removed. */
  pattern: RegExp;
  /** Only for these metrics of the task, when set. */
  metric?: RegExp;
  /** Not for these metrics: a multiple-choice grade of a task that is usually generated has chance 1/k, not 0. */
  unlessMetric?: RegExp;
  value: number;
  note: string;
}

const choice = (k: number, what: string): { value: number; note: string } => ({ value: 1 / k, note: `${k}-way choice: ${what}` });
const BINARY = (what: string) => choice(2, what);

// First match wins: specific names before general ones (mmlu_pro before mmlu, mathqa before math).
const TASKS: TaskChance[] = [
  { pattern: /^squad_?v?2/, metric: /^best_(exact|f1)$/, value: 0.5007, note: 'answering "no answer" to every question (50.07 % of SQuAD 2.0 dev questions are unanswerable, Rajpurkar et al. 2018)' },
  { pattern: /^mmlu_?pro(?!fessional)/, ...choice(10, 'MMLU-Pro questions have up to 10 options (Wang et al. 2024)') },
  { pattern: /^(mmlu|hendrycks_?test)/, ...choice(4, 'MMLU questions have 4 options (Hendrycks et al. 2021)') },
  { pattern: /^(arc|ai2_arc)/, ...choice(4, 'ARC questions have 4 options, a few 3 or 5 (Clark et al. 2018)') },
  { pattern: /^(hellaswag|swag)/, ...choice(4, 'HellaSwag and SWAG offer 4 endings (Zellers et al. 2018, 2019)') },
  { pattern: /^(sciq|openbookqa|logiqa|race|headqa|prost|medmcqa)/, ...choice(4, '4 answer options in the task definition') },
  { pattern: /^mathqa/, ...choice(5, 'MathQA questions have 5 options (Amini et al. 2019)') },
  { pattern: /^(commonsense_?qa|csqa)/, ...choice(5, 'CommonsenseQA questions have 5 options (Talmor et al. 2019)') },
  { pattern: /^(social_?iqa|siqa)/, ...choice(3, 'Social IQa questions have 3 options (Sap et al. 2019)') },
  { pattern: /^bbq/, ...choice(3, 'BBQ offers two people and "unknown" (Parrish et al. 2022)') },
  { pattern: /^(leaderboard_)?gpqa/, ...choice(4, 'GPQA questions have 4 options (Rein et al. 2023)') },
  { pattern: /^(mnli|anli|cb|xnli)/, ...choice(3, 'entailment, neutral or contradiction') },
  { pattern: /^pubmedqa/, ...choice(3, 'yes, no or maybe (Jin et al. 2019)') },
  { pattern: /^afrisenti/, ...choice(3, 'positive, negative or neutral sentiment (Muhammad et al. 2023)') },
  { pattern: /^(x?story_?cloze)/, ...BINARY('two candidate endings of a story (StoryCloze, XStoryCloze)') },
  { pattern: /^(x?copa)/, ...BINARY('two alternatives, cause or effect (COPA, XCOPA)') },
  { pattern: /^(xwinograd|winogrande|wsc)/, ...BINARY('two candidate referents (Winograd schemas)') },
  { pattern: /^paws/, ...BINARY('paraphrase or not (PAWS, PAWS-X)') },
  { pattern: /^piqa/, ...BINARY('two solutions to a goal (Bisk et al. 2020)') },
  { pattern: /^(wic|rte|qnli|sst2|wnli|mrpc|qqp)/, ...BINARY('a two-class decision in GLUE / SuperGLUE') },
  { pattern: /^boolq/, value: 0.622, note: 'majority class of BoolQ validation ("yes", 62.2 %, Clark et al. 2019)' },
  { pattern: /^cola/, value: 0, note: 'Matthews correlation of a random guesser' },
  // BIG-bench / BIG-Bench Hard subtasks with a fixed answer set (Suzgun et al. 2022), at the end of a longer name
  // ("bigbench_causal_judgement", "leaderboard_bbh_snarks").
  { pattern: /(boolean_expressions|causal_judge?ment|formal_fallacies\w*|hyperbaton|navigate|sports_understanding|web_of_lies|snarks)$/, ...BINARY('BIG-Bench Hard yes/no or two-option task') },
  { pattern: /(logical_deduction|tracking_shuffled_objects)_three_objects$/, ...choice(3, 'one of three objects (BIG-Bench Hard)') },
  { pattern: /(logical_deduction|tracking_shuffled_objects)_five_objects$/, ...choice(5, 'one of five objects (BIG-Bench Hard)') },
  { pattern: /(logical_deduction|tracking_shuffled_objects)_seven_objects$/, ...choice(7, 'one of seven objects (BIG-Bench Hard)') },
  { pattern: /disambiguation_qa$/, ...choice(3, '3 options (BIG-Bench Hard)') },
  { pattern: /(temporal_sequences|ruin_names)$/, ...choice(4, '4 options (BIG-Bench Hard)') },
  { pattern: /(date_understanding|salient_translation_error_detection)$/, ...choice(6, '6 options (BIG-Bench Hard)') },
  {
    pattern: /(lambada|gsm8k|asdiv|arithmetic|math|aime|triviaqa|nq_open|naturalqs|squad|drop|coqa|webqs|dyck_languages|object_counting|word_sorting|unscrambl)/,
    unlessMetric: /multiple_choice|^mcg$/,
    value: 0,
    note: 'generated answer: guessing scores ≈ 0',
  },
];

export interface ChanceGuess {
  value: number;
  note: string;
}

const HARNESS_PREFIX = /^(leaderboard|bigbench|bbh|glue|super_?glue)[_:-]/;

const candidatesOf = byName((task): TaskChance[] => {
  const name = task.toLowerCase().replace(HARNESS_PREFIX, '').replace(/-/g, '_');
  return TASKS.filter((t) => t.pattern.test(name));
});

/**
 * The chance score of a known task (its subtask first) for one of its metrics; undefined when unknown. Entries for
 * the task as a whole are answer formats, so they apply only to all-or-nothing metrics (`allOrNothing`).
 */
export function taskChance(task: string, subtask: string | undefined, metric: string, allOrNothing: boolean): ChanceGuess | undefined {
  for (const name of subtask ? [subtask, task] : [task]) {
    const hit = candidatesOf(name).find((t) => (t.metric ? t.metric.test(metric) : allOrNothing) && !t.unlessMetric?.test(metric));
    if (hit) return { value: hit.value, note: hit.note };
  }
  return undefined;
}

/** Chance for metrics whose random baseline does not depend on the task. */
export function metricChance(metricClass: MetricClass, metric: string): ChanceGuess | undefined {
  if (/exact|extractive_match|str_match|^em$|pass@|pass_at/.test(metric.toLowerCase())) {
    return { value: 0, note: 'exact match of a generated answer: guessing scores ≈ 0' };
  }
  if (metricClass === 'partial-credit') return { value: 0, note: 'overlap score of a random answer taken as 0' };
  return undefined;
}
