// Plain data shared by the readers, the analysis core, the server and the CLI.
// Nothing here knows about editors or files on disk.
import type { ItemScores } from './paired';

/** A span in a source file. Lines and characters are 0-based (as in LSP); the CLI prints them 1-based. */
export interface SourceRange {
  file: string;
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
}

export type Severity = 'error' | 'warning' | 'info';

/** Something wrong with an input, always with a place to point at. */
export interface Problem {
  range: SourceRange;
  severity: Severity;
  message: string;
}

/** What a results file says about the model that produced a score (nothing inferred yet). */
export interface ModelInfo {
  /** Name as written in the file, e.g. "EleutherAI/pythia-1.4b-deduped" or "128b". */
  name: string;
  /** Family when the file states it (BIG-bench `model_family`, a table's family column). */
  family?: string;
  /** Parameter count when the file states it. */
  params?: number;
  /** Non-embedding parameters when the file states them (BIG-bench). */
  nonEmbeddingParams?: number;
  /** Training FLOPs when the file states them. */
  flops?: number;
  /** Training tokens seen when the file states them. */
  tokens?: number;
  /** Checkpoint revision, e.g. "step143000". */
  revision?: string;
  /** Training step when the file or the revision states it. */
  step?: number;
  /** Where the model is named in the file, for hovers and code actions. */
  range?: SourceRange;
}

/** One score of one model on one task and metric, as read from a file. */
export interface Observation {
  task: string;
  subtask?: string;
  /** Metric name without the lm-eval filter suffix, e.g. "acc", "exact_match". */
  metric: string;
  /** lm-eval v0.4 filter ("none", "strict-match"...), kept so filters do not get mixed in one series. */
  filter?: string;
  model: ModelInfo;
  /** Score in the metric's own units; fractions for accuracies (percent tables are converted by the reader). */
  score: number;
  /**
   * Set when the file wrote the score as a percentage and the reader divided it by 100: because the metric is known
   * to be written so ("name"), or because its values in the file run past 1 ("values").
   */
  percent?: 'name' | 'values';
  stderr?: number;
  /** Number of evaluated items. */
  n?: number;
  /**
   * Tries behind the score when each item was tried several times and the score is the mean of every try (Inspect's
   * epochs reduced by their mean): n × tries per item. A 0 then bounds the rate below 3/tries, not 3/n.
   */
  attempts?: number;
  /** Random-chance score stated by the file (BIG-bench `low_score`, a baseline column). */
  baseline?: number;
  /** Best possible score stated by the file (BIG-bench `high_score`). */
  ceiling?: number;
  /** Direction stated by the file (lm-eval v0.4 `higher_is_better`). */
  higherIsBetter?: boolean;
  shots?: number;
  /** Prompting technique, e.g. "cot"; absent means plain prompting. */
  prompting?: string;
  /** The metric the file marks as the task's main one (BIG-bench `preferred_score`). */
  preferred?: boolean;
  /** Step count of the task suggested by the data (median answer length in tokens of per-sample targets). */
  steps?: number;
  /**
   * Set on scores re-computed from a per-sample log; `date` is the run's timestamp from the file name. `standalone`:
   * the log names its model and shots itself (Inspect, lighteval details, HELM per-instance stats), so it joins no
   * aggregate file.
   */
  fromSamples?: { date?: string; standalone?: boolean };
  /** Per-item scores by document id (per-sample logs), for paired comparisons between sizes. */
  items?: ItemScores;
  /** Where the score is written: the line the editor marks. */
  range: SourceRange;
  /**
   * The whole block of the file that holds the task's results (an lm-eval task object, from its key to its closing
   * brace), shared by the task's observations: the hover answers on every line of it.
   */
  block?: SourceRange;
}

export type FormatId =
  | 'lm-eval-v0.4'
  | 'lm-eval-v0.3'
  | 'lm-eval-samples'
  | 'big-bench'
  | 'table-csv'
  | 'table-tsv'
  | 'table-jsonl'
  | 'inspect-json'
  | 'inspect-eval'
  | 'inspect-eval-set'
  | 'lighteval'
  | 'lighteval-details'
  | 'helm-stats'
  | 'helm-per-instance'
  | 'helm-group'
  | 'wide-csv'
  | 'wide-tsv';

/** Result of reading one file. `format` is null when the file is not an evaluation results file. */
export interface ReadResult {
  format: FormatId | null;
  observations: Observation[];
  problems: Problem[];
}
