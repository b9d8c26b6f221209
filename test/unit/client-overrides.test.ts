// The edit behind "set baseline / step count / ignore task" in emergence-lens.json: one key changes, the
// user's comments and layout stay, and a file that cannot be edited safely is left alone.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyEdits, parse } from 'jsonc-parser';
import { OVERRIDES_FILE_NAME as CORE_FILE_NAME, parseOverrides } from '../../server/src/core/overrides';
import { indentationOf, inputError, OVERRIDES_FILE, OverridesFileError, parseNumber, taskFieldEdits, type TaskField } from '../../client/src/overridesEdit';

const edit = (text: string, task: string, field: TaskField, value: number | boolean) => applyEdits(text, taskFieldEdits(text, task, field, value));

describe('client: emergence-lens.json edits', () => {
  it('names the file the server reads', () => assert.equal(OVERRIDES_FILE, CORE_FILE_NAME));

  it('creates a complete file when there is none', () => {
    const text = edit('', 'arithmetic_3da', 'baseline', 0.25);
    assert.equal(text, '{\n  "tasks": {\n    "arithmetic_3da": {\n      "baseline": 0.25\n    }\n  }\n}\n');
    assert.deepEqual(parseOverrides(text, '/w/emergence-lens.json'), { overrides: { tasks: { arithmetic_3da: { baseline: 0.25 } } }, problems: [] });
  });

  it('adds a task next to the others and keeps comments and other keys', () => {
    const before = '{\n  // sizes from the model cards\n  "models": { "acme/x": { "params": "1.4B" } },\n  "tasks": {\n    "mmlu": { "baseline": 0.25 } // 4-way\n  }\n}\n';
    const after = edit(before, 'arithmetic_3da', 'steps', 3);
    assert.match(after, /\/\/ sizes from the model cards/);
    assert.match(after, /\/\/ 4-way/);
    assert.match(after, /"models": \{ "acme\/x": \{ "params": "1\.4B" \} \}/, 'untouched keys keep their layout');
    assert.deepEqual(parse(after).tasks, { mmlu: { baseline: 0.25 }, arithmetic_3da: { steps: 3 } });
  });

  it('replaces only the value of an existing key', () => {
    const before = '{\n    "tasks": { "mmlu": { "baseline": 0.2, "steps": 1 } }  /* mine */\n}\n';
    const edits = taskFieldEdits(before, 'mmlu', 'baseline', 0.25);
    assert.equal(edits.length, 1);
    assert.equal(before.slice(edits[0].offset, edits[0].offset + edits[0].length), '0.2');
    assert.equal(applyEdits(before, edits), before.replace('0.2', '0.25'));
  });

  it('writes ignore as true, for task names with any characters', () => {
    const task = 'bigbench/"odd" task.name';
    assert.deepEqual(parse(edit('{}', task, 'ignore', true)).tasks, { [task]: { ignore: true } });
  });

  it('follows the file: tabs, four spaces, CRLF', () => {
    assert.match(edit('{\n\t"x": "params"\n}\n', 't', 'steps', 2), /\n\t"tasks": \{\n\t\t"t": \{\n\t\t\t"steps": 2/);
    assert.match(edit('{\n    "x": "params"\n}\n', 't', 'steps', 2), /\n    "tasks": \{\n        "t": \{/);
    const crlf = edit('{\r\n  "x": "params"\r\n}\r\n', 't', 'steps', 2);
    assert.equal(crlf.replace(/\r\n/g, '').includes('\n'), false, 'no bare LF in a CRLF file');
    assert.equal(edit('', 't', 'steps', 2).includes('\r'), false);
    assert.deepEqual(indentationOf('{"a": 1}'), { insertSpaces: true, tabSize: 2 });
  });

  it('refuses files it would have to rewrite', () => {
    const refuses = (text: string, pattern: RegExp) => assert.throws(() => taskFieldEdits(text, 't', 'steps', 2), (e: unknown) => e instanceof OverridesFileError && pattern.test(e.message));
    refuses('{ "tasks": { "t": { "steps": 2 }', /syntax error at line 1/);
    refuses('[1, 2]', /must hold a JSON object/);
    refuses('{ "tasks": "none" }', /"tasks" .* is not an object/);
    refuses('{ "tasks": { "t": true } }', /Task "t" .* is not an object/);
  });

  it('accepts only numbers in the input box, whole ones for steps', () => {
    assert.equal(inputError('baseline', '0.25'), undefined);
    assert.equal(inputError('baseline', '-1.5e-3'), undefined);
    assert.equal(inputError('baseline', ' 25 '), undefined);
    for (const bad of ['', ' ', 'abc', '0.25.1', '1/4', 'Infinity', 'NaN', '0x10']) assert.ok(inputError('baseline', bad), `"${bad}" is rejected`);
    assert.equal(inputError('steps', '3'), undefined);
    for (const bad of ['0', '-2', '2.5', '', 'three']) assert.ok(inputError('steps', bad), `"${bad}" steps are rejected`);
    assert.equal(parseNumber(' 2e-1 '), 0.2);
    assert.equal(parseNumber('1e999'), undefined);
  });
});
