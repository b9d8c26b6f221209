// The edit behind "set baseline / step count / ignore task": one key of `emergence-lens.json` changes, the
// rest of the file (comments, order, formatting) stays as the user wrote it. No VS Code API here, so the
// computation is tested in Node; the extension turns the edits into a WorkspaceEdit.
import { min } from 'simple-statistics';
import { applyEdits, modify, parseTree, printParseErrorCode, type Edit, type Node, type ParseError } from 'jsonc-parser';

export const OVERRIDES_FILE = 'emergence-lens.json';

export type TaskField = 'baseline' | 'steps' | 'ignore';

/** Why the file cannot be edited safely; the user is told and the file is left alone. */
export class OverridesFileError extends Error {}

/**
 * Edits that set `tasks[task][field] = value` in the text of an override file ('' for a missing or empty
 * file, which becomes a complete one).
 */
export function taskFieldEdits(text: string, task: string, field: TaskField, value: number | boolean): Edit[] {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const formattingOptions = { ...indentationOf(text), eol };
  if (text.trim() === '') {
    const content = applyEdits('{}', modify('{}', ['tasks', task, field], value, { formattingOptions }));
    return [{ offset: 0, length: text.length, content: content + eol }];
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length) {
    const { line, character } = lineAndCharacter(text, errors[0].offset);
    throw new OverridesFileError(`${OVERRIDES_FILE} has a syntax error at line ${line}, column ${character} (${printParseErrorCode(errors[0].error)}); fix it first.`);
  }
  if (root?.type !== 'object') throw new OverridesFileError(`${OVERRIDES_FILE} must hold a JSON object; fix it first.`);
  // jsonc-parser would overwrite a non-object on the way (a "tasks" string); that is the user's to fix.
  const tasks = property(root, 'tasks');
  if (tasks && tasks.type !== 'object') throw new OverridesFileError(`"tasks" in ${OVERRIDES_FILE} is not an object; fix it first.`);
  const entry = tasks && property(tasks, task);
  if (entry && entry.type !== 'object') throw new OverridesFileError(`Task "${task}" in ${OVERRIDES_FILE} is not an object; fix it first.`);
  return modify(text, ['tasks', task, field], value, { formattingOptions });
}

/** Value of a property of an object node; the last one wins when a key repeats, as in JSON.parse. */
function property(obj: Node, key: string): Node | undefined {
  let found: Node | undefined;
  for (const prop of obj.children ?? []) {
    if (prop.children?.[0]?.value === key) found = prop.children[1];
  }
  return found;
}

/** The file's own indentation, so inserted keys look like the rest (two spaces for a new file). */
export function indentationOf(text: string): { insertSpaces: boolean; tabSize: number } {
  const indents = text.split(/\r?\n/).map((line) => /^[ \t]+(?=\S)/.exec(line)?.[0]).filter((s): s is string => !!s);
  if (indents.length === 0) return { insertSpaces: true, tabSize: 2 };
  if (indents[0].startsWith('\t')) return { insertSpaces: false, tabSize: 4 };
  const spaces = indents.filter((s) => !s.includes('\t')).map((s) => s.length);
  return { insertSpaces: true, tabSize: spaces.length ? min(spaces) : 2 };
}

function lineAndCharacter(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset).split(/\r?\n/);
  return { line: before.length, character: before[before.length - 1].length + 1 };
}

/** What the input box accepts for a field, or why not (undefined when valid). */
export function inputError(field: 'baseline' | 'steps', input: string): string | undefined {
  const value = parseNumber(input);
  if (value === undefined) return field === 'baseline' ? "Enter a number in the metric's units, e.g. 0.25" : 'Enter a whole number, e.g. 3';
  if (field === 'steps' && !(Number.isInteger(value) && value >= 1)) return 'The step count is a whole number of at least 1';
  return undefined;
}

/** A plain decimal or exponent number; '' and words are not numbers (Number('') is 0). */
export function parseNumber(input: string): number | undefined {
  const text = input.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}
