// What we know about a metric from its name: direction, natural range, and whether it gives partial credit.
// The partial-credit distinction is the heart of the metric-flaw hypothesis (Schaeffer et al. 2023).
import { byName } from './by-name';

export type MetricClass =
  | 'discontinuous' // all-or-nothing per item: exact match, multiple-choice grade, accuracy
  | 'partial-credit' // graded per item but bounded: F1, BLEU, ROUGE, edit-distance similarity
  | 'continuous' // smooth in the model's probabilities: log-likelihood, Brier score, perplexity, loss
  | 'unknown';

export interface MetricInfo {
  metricClass: MetricClass;
  higherIsBetter: boolean;
  /** Natural range when bounded, in the metric's usual units. */
  range?: [number, number];
  /** Short description for hovers. */
  label: string;
}

interface MetricRule {
  pattern: RegExp;
  info: MetricInfo;
}

const FRACTION: [number, number] = [0, 1];
const PERCENT: [number, number] = [0, 100];

// First match wins, so specific names come before general ones (e.g. acc_norm before acc).
const RULES: MetricRule[] = [
  { pattern: /brier/, info: { metricClass: 'continuous', higherIsBetter: false, range: FRACTION, label: 'Brier score' } },
  { pattern: /expected_calibration_error|(^|_)ece($|_)/, info: { metricClass: 'continuous', higherIsBetter: false, range: FRACTION, label: 'calibration error' } },
  { pattern: /perplexity|^ppl/, info: { metricClass: 'continuous', higherIsBetter: false, label: 'perplexity' } },
  { pattern: /bits_per_byte|^bpb$|byte_perplexity/, info: { metricClass: 'continuous', higherIsBetter: false, label: 'bits per byte' } },
  { pattern: /loss|xent|cross_entropy|nll/, info: { metricClass: 'continuous', higherIsBetter: false, label: 'loss' } },
  { pattern: /log_?likelihood|logprob|log_prob/, info: { metricClass: 'continuous', higherIsBetter: true, label: 'log-likelihood' } },
  { pattern: /edit_distance|levenshtein|\bter\b/, info: { metricClass: 'partial-credit', higherIsBetter: false, label: 'edit distance' } },
  { pattern: /edit_similarity|partial_credit|char_overlap/, info: { metricClass: 'partial-credit', higherIsBetter: true, range: FRACTION, label: 'partial credit' } },
  { pattern: /bleu|rouge|chrf|bleurt|sequence_f1/, info: { metricClass: 'partial-credit', higherIsBetter: true, range: PERCENT, label: 'overlap score' } },
  { pattern: /^f1|_f1$|macro_f1/, info: { metricClass: 'partial-credit', higherIsBetter: true, range: FRACTION, label: 'F1' } },
  { pattern: /^mcc$/, info: { metricClass: 'discontinuous', higherIsBetter: true, range: [-1, 1], label: 'Matthews correlation' } },
  { pattern: /multiple_choice_grade|^mcg$/, info: { metricClass: 'discontinuous', higherIsBetter: true, range: FRACTION, label: 'multiple-choice grade' } },
  { pattern: /exact|_match|^[qp]?em$|str_match|pass@|pass_at/, info: { metricClass: 'discontinuous', higherIsBetter: true, range: FRACTION, label: 'exact match' } },
  { pattern: /^acc|accuracy|^correct/, info: { metricClass: 'discontinuous', higherIsBetter: true, range: FRACTION, label: 'accuracy' } },
];

const UNKNOWN: MetricInfo = { metricClass: 'unknown', higherIsBetter: true, label: 'score' };

export const metricInfo = byName((metric): MetricInfo => {
  const name = metric.toLowerCase().replace(/[\s-]+/g, '_');
  return RULES.find((rule) => rule.pattern.test(name))?.info ?? UNKNOWN;
});

/** Names one metric goes by in different versions of a harness: lm-eval v0.3's `ppl` is v0.4's `perplexity`. */
const ALIASES: Record<string, string> = { ppl: 'perplexity' };

/** The name series are keyed by, so results of one metric written by different harness versions join. */
export function canonicalMetric(metric: string): string {
  return ALIASES[metric] ?? metric;
}

/** What a metric measures when it is not an ability: such series get no capability verdict. */
export interface NotAbility {
  what: 'bias' | 'toxicity' | 'calibration';
  note: string;
}

interface NotAbilityRule {
  /** Tested on the metric name, or on the task name when `task` is set. */
  pattern: RegExp;
  task?: boolean;
  result: NotAbility;
}

const NOT_ABILITY: NotAbilityRule[] = [
  { pattern: /^crows_pairs/, task: true, result: { what: 'bias', note: 'CrowS-Pairs measures how much a model prefers stereotyped sentences (Nangia et al. 2020)' } },
  { pattern: /likelihood_diff|stereotype|pct_(male|female)/, result: { what: 'bias', note: 'a preference between stereotyped and anti-stereotyped text' } },
  // HELM's group tables name BBQ's bias scores by the examples they are computed on: "BBQ (ambiguous)".
  { pattern: /bias|^bbq_\((un)?ambiguous\)$/, result: { what: 'bias', note: 'a bias score (as in BBQ, Parrish et al. 2022)' } },
  { pattern: /^realtoxicityprompts/, task: true, result: { what: 'toxicity', note: 'RealToxicityPrompts scores the toxicity of continuations (Gehman et al. 2020)' } },
  { pattern: /toxic/, result: { what: 'toxicity', note: 'the toxicity of generated text' } },
  { pattern: /expected_calibration_error|(^|_)ece($|_)|calibration_error/, result: { what: 'calibration', note: 'how well confidence matches accuracy, not accuracy itself' } },
];

/** Whether a task's metric measures bias, toxicity or calibration rather than an ability; undefined for abilities. */
export function notAbility(task: string, metric: string): NotAbility | undefined {
  const t = task.toLowerCase();
  const m = metric.toLowerCase().replace(/[\s-]+/g, '_');
  return NOT_ABILITY.find((rule) => rule.pattern.test(rule.task ? t : m))?.result;
}

/** Metrics whose gains are graded (continuous or partial credit): the ones that can test the metric-flaw hypothesis. */
export function isGraded(metric: string): boolean {
  const cls = metricInfo(metric).metricClass;
  return cls === 'continuous' || cls === 'partial-credit';
}
