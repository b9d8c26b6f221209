// How many sequential steps a task needs, for the multi-step hypothesis (accuracy ≈ p^k).
// Only tasks whose step count follows from their definition are listed; users set others in emergence-lens.json.
import { byName } from './by-name';

interface StepRule {
  pattern: RegExp;
  steps: (match: RegExpMatchArray) => number;
}

const RULES: StepRule[] = [
  // lm-eval arithmetic_2da … arithmetic_5ds: an N-digit answer is N digits produced in sequence.
  { pattern: /arithmetic_(\d)d[as]/, steps: (m) => Number(m[1]) },
  // BIG-bench modified_arithmetic / arithmetic subtasks named by digit count.
  { pattern: /(two|three|four|five)_digit(.*(multiplication|multiply|product))?/, steps: (m) => ({ two: 2, three: 3, four: 4, five: 5 })[m[1] as 'two'] * (m[2] ? 2 : 1) },
  // A product of two N-digit operands has up to 2N digits (lm-eval arithmetic_2dm, "3_digit_multiplication").
  { pattern: /arithmetic_(\d)dm|(\d)[-_ ]?digits?.*(multiplication|multiply|product)/, steps: (m) => 2 * Number(m[1] ?? m[2]) },
  { pattern: /(\d+)[-_ ]?digits?/, steps: (m) => Number(m[1]) },
];

const stepsOf = byName((name): number | undefined => {
  for (const rule of RULES) {
    const match = name.match(rule.pattern);
    if (match) return rule.steps(match);
  }
  return undefined;
});

export function taskSteps(task: string, subtask?: string): number | undefined {
  return stepsOf(`${task} ${subtask ?? ''}`.toLowerCase());
}
