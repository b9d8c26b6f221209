// What every reader result must hold, whatever the input: problems with a message, and every range inside the text.
import { strict as assert } from 'node:assert';
import type { ReadResult, SourceRange } from '../../server/src/core/types';

/** Where a range must lie: within the lines of the text (an end may sit just past a line's last character). */
export function assertInside(text: string, range: SourceRange, what: string, lines = text.split(/\r\n|\r|\n/)): void {
  const at = `${what} at ${range.line}:${range.character}-${range.endLine}:${range.endCharacter} of ${lines.length} lines`;
  for (const n of [range.line, range.character, range.endLine, range.endCharacter]) assert.ok(Number.isInteger(n) && n >= 0, at);
  assert.ok(range.endLine < lines.length, at);
  assert.ok(range.line < range.endLine || (range.line === range.endLine && range.character <= range.endCharacter), `${at}: ends before it starts`);
  assert.ok(range.character <= lines[range.line].length, at);
  assert.ok(range.endCharacter <= lines[range.endLine].length, at);
}

export function assertWellFormed(text: string, result: ReadResult): void {
  assert.ok(Array.isArray(result.observations) && Array.isArray(result.problems));
  const lines = text.split(/\r\n|\r|\n/);
  for (const p of result.problems) {
    assert.equal(typeof p.message, 'string');
    assert.ok(p.message.length > 0);
    assertInside(text, p.range, `problem "${p.message}"`, lines);
  }
  for (const o of result.observations) if (o.range) assertInside(text, o.range, 'observation', lines);
}
