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
  { pattern: /expected_calibration_error|^ece/, info: { metricClass: 'continuous', higherIsBetter: false, range: FRACTION, label: 'calibration error' } },
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
  { pattern: /exact|_match|^em$|str_match|pass@|pass_at/, info: { metricClass: 'discontinuous', higherIsBetter: true, range: FRACTION, label: 'exact match' } },
  { pattern: /^acc|accuracy|^correct/, info: { metricClass: 'discontinuous', higherIsBetter: true, range: FRACTION, label: 'accuracy' } },
];

const UNKNOWN: MetricInfo = { metricClass: 'unknown', higherIsBetter: true, label: 'score' };

export const metricInfo = byName((metric): MetricInfo => {
  const name = metric.toLowerCase().replace(/[\s-]+/g, '_');
  return RULES.find((rule) => rule.pattern.test(name))?.info ?? UNKNOWN;
});

/** Metrics whose gains are graded (continuous or partial credit): the ones that can test the metric-flaw hypothesis. */
export function isGraded(metric: string): boolean {
  const cls = metricInfo(metric).metricClass;
  return cls === 'continuous' || cls === 'partial-credit';
}
