// Numbers as users read them on axes and in hovers.
import type { SeriesAxis, SeriesKey } from './results';

const SUFFIXES: [number, string][] = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'K'],
];

/** 1.4e9 → "1.4B", 160e6 → "160M". */
export function formatCount(value: number): string {
  for (const [size, suffix] of SUFFIXES) {
    if (Math.abs(value) >= size) return `${trim(value / size)}${suffix}`;
  }
  return trim(value);
}

/** 2.34e22 → "2.3e22". */
export function formatExponent(value: number): string {
  if (value === 0) return '0';
  const exponent = Math.floor(Math.log10(Math.abs(value)));
  const mantissa = value / 10 ** exponent;
  return `${trim(mantissa)}e${exponent}`;
}

function trim(value: number): string {
  const fixed = Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2);
  return fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
}

export function formatScale(x: number, axis: SeriesAxis): string {
  switch (axis) {
    case 'params':
      return formatCount(x);
    case 'flops':
      return `${formatExponent(x)} FLOPs`;
    case 'tokens':
      return `${formatCount(x)} tokens`;
    case 'steps':
      return `step ${formatCount(x)}`;
  }
}

/** "task:subtask", or the task alone when it has no subtask of another name. */
export function taskLabel(s: Pick<SeriesKey, 'task' | 'subtask'>): string {
  return s.subtask && s.subtask !== s.task ? `${s.task}:${s.subtask}` : s.task;
}

/** "task:subtask (filter, 2-shot, cot)", the name a user reads in tables and titles. */
export function seriesLabel(s: Pick<SeriesKey, 'task' | 'subtask' | 'filter' | 'shots' | 'prompting'>): string {
  const task = taskLabel(s);
  const extras = [s.filter && s.filter !== 'none' ? s.filter : '', s.shots !== undefined ? `${s.shots}-shot` : '', s.prompting ?? ''].filter(Boolean);
  return extras.length ? `${task} (${extras.join(', ')})` : task;
}

/** "= 0.0501", or "< 1e-15" where the normal tail underflows. Three digits, so q = 0.0501 never reads as 0.05. */
export function formatProbability(v: number): string {
  return v < 1e-15 ? '< 1e-15' : `= ${Number(v.toPrecision(3))}`;
}
