// Random-chance scores of well-known tasks, for when a results file does not state one.
// Values are 1/k for k-way multiple choice unless noted; every one is reported to the user as "assumed".
import type { MetricClass } from './metrics';
import { byName } from './by-name';

interface TaskChance {
  pattern: RegExp;
  value: number;
  note: string;
}

const choice = (k: number, what: string): { value: number; note: string } => ({ value: 1 / k, note: `${k}-way multiple choice (${what})` });

// Matched against the task name lower-cased, with harness prefixes such as "leaderboard_" removed.
const TASKS: TaskChance[] = [
  { pattern: /^(mmlu|hendrycks_?test)/, ...choice(4, 'MMLU') },
  { pattern: /^(arc|ai2_arc)/, ...choice(4, 'ARC') },
  { pattern: /^hellaswag/, ...choice(4, 'HellaSwag') },
  { pattern: /^(sciq|openbookqa|logiqa|race|headqa|swag|prost|medmcqa|mmlu_pro_?lite)/, ...choice(4, 'multiple-choice QA') },
  { pattern: /^mathqa/, ...choice(5, 'MathQA') },
  { pattern: /^(commonsense_?qa|csqa)/, ...choice(5, 'CommonsenseQA') },
  { pattern: /^(social_?iqa|siqa)/, ...choice(3, 'Social IQa') },
  { pattern: /^(piqa|winogrande|wsc|copa|xcopa|xwinograd|storycloze|xstorycloze|wic|rte|qnli|sst2|wnli|mrpc|qqp)/, ...choice(2, 'binary choice') },
  { pattern: /^(mnli|anli|cb|xnli|pubmedqa)/, ...choice(3, 'three-way classification') },
  { pattern: /^boolq/, value: 0.622, note: 'majority class of BoolQ validation ("yes", 62.2 %)' },
  { pattern: /^cola/, value: 0, note: 'Matthews correlation of a random guesser' },
  // BIG-Bench Hard subtasks whose answer set is fixed.
  { pattern: /(boolean_expressions|causal_judg|formal_fallacies|hyperbaton|navigate|sports_understanding|web_of_lies)$/, ...choice(2, 'BBH binary') },
  { pattern: /(logical_deduction|tracking_shuffled_objects)_three_objects$/, ...choice(3, 'BBH') },
  { pattern: /(logical_deduction|tracking_shuffled_objects)_five_objects$/, ...choice(5, 'BBH') },
  { pattern: /(logical_deduction|tracking_shuffled_objects)_seven_objects$/, ...choice(7, 'BBH') },
  { pattern: /disambiguation_qa$/, ...choice(3, 'BBH') },
  { pattern: /temporal_sequences$/, ...choice(4, 'BBH') },
  { pattern: /date_understanding$/, ...choice(6, 'BBH') },
  { pattern: /(lambada|gsm8k|asdiv|arithmetic|math|triviaqa|nq_open|naturalqs|squad|drop|coqa|webqs|dyck_languages|multistep_arithmetic|object_counting|word_sorting|unscrambl)/, value: 0, note: 'generated answer: guessing scores ≈ 0' },
];

export interface ChanceGuess {
  value: number;
  note: string;
}

const chanceOf = byName((task): TaskChance | undefined => {
  const name = task.toLowerCase().replace(/^(leaderboard|bigbench|bbh|glue|super_?glue)[_:-]/, '').replace(/-/g, '_');
  return TASKS.find((t) => t.pattern.test(name)) ?? TASKS.find((t) => t.pattern.test(task.toLowerCase()));
});

export function taskChance(task: string): ChanceGuess | undefined {
  const hit = chanceOf(task);
  return hit && { value: hit.value, note: hit.note };
}

/** Chance for metrics whose random baseline does not depend on the task. */
export function metricChance(metricClass: MetricClass, metric: string): ChanceGuess | undefined {
  if (/exact|str_match|^em$|pass@|pass_at/.test(metric.toLowerCase())) {
    return { value: 0, note: 'exact match of a generated answer: guessing scores ≈ 0' };
  }
  if (metricClass === 'partial-credit') return { value: 0, note: 'overlap score of a random answer taken as 0' };
  return undefined;
}
