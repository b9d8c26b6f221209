// What every reader collects while reading one file: observations, problems, and where things are.
import type { FormatId, Observation, Problem, ReadResult, Severity, SourceRange } from '../core/types';
import type { Locator } from './locate';

export class ReadContext {
  readonly observations: Observation[] = [];
  readonly problems: Problem[] = [];

  constructor(readonly locator: Locator) {}

  get file(): string {
    return this.locator.file;
  }

  range(offset: number, length: number): SourceRange {
    return this.locator.range(offset, length);
  }

  report(severity: Severity, range: SourceRange, message: string): void {
    this.problems.push({ range, severity, message });
  }

  warn(offset: number, length: number, message: string): void {
    this.report('warning', this.range(offset, length), message);
  }

  error(offset: number, length: number, message: string): void {
    this.report('error', this.range(offset, length), message);
  }

  result(format: FormatId | null): ReadResult {
    return { format, observations: this.observations, problems: this.problems };
  }
}

export function emptyResult(): ReadResult {
  return { format: null, observations: [], problems: [] };
}

/** Range at the very start of a file, for problems that have no better place. */
export function fileStart(file: string): SourceRange {
  return { file, line: 0, character: 0, endLine: 0, endCharacter: 0 };
}
