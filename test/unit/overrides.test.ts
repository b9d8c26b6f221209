import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseOverrides } from '../../server/src/core/overrides';
import { DEFAULT_THRESHOLDS } from '../../server/src/core/config';
import { parseScaleNumber } from '../../server/src/core/scale';
import type { Problem } from '../../server/src/core/types';

const FILE = '/ws/emergence-lens.json';

/** 0-based line and character of the n-th occurrence of `needle`. */
function where(text: string, needle: string, nth = 0): { line: number; character: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `"${needle}" not in text`);
  }
  const before = text.slice(0, at).split(/\r\n|\r|\n/);
  return { line: before.length - 1, character: before[before.length - 1].length };
}

function problemAt(problems: Problem[], text: string, needle: string, nth = 0): Problem {
  const { line, character } = where(text, needle, nth);
  const p = problems.find((q) => q.range.line === line && q.range.character === character);
  assert.ok(p, `no problem at ${needle} (${line}:${character}); got ${JSON.stringify(problems.map((q) => [q.range.line, q.range.character, q.message]))}`);
  assert.equal(p.range.file, FILE);
  return p;
}

describe('parseOverrides: valid files', () => {
  test('full example with comments, trailing comma and string counts', () => {
    const text = `{
  // comments are allowed
  "$schema": "./emergence-lens.schema.json",
  "x": "flops",
  "models": {
    "EleutherAI/pythia-1.4b": { "params": "1.4B", "tokens": "300b", "flops": "2.5e21" },
    "my-model": { "params": 7000000000, "family": "mine" }, /* block comment */
  },
  "tasks": {
    "arc_challenge": { "baseline": 0.25, "ceiling": 1, "steps": 2 },
    "wsc": { "ignore": true }
  },
  "thresholds": { "significance": 3, "minPoints": 4 },
}`;
    const { overrides, problems } = parseOverrides(text, FILE);
    assert.deepEqual(problems, []);
    assert.deepEqual(overrides, {
      x: 'flops',
      models: {
        'EleutherAI/pythia-1.4b': { params: 1.4e9, tokens: 3e11, flops: 2.5e21 },
        'my-model': { params: 7e9, family: 'mine' },
      },
      tasks: { arc_challenge: { baseline: 0.25, ceiling: 1, steps: 2 }, wsc: { ignore: true } },
      thresholds: { significance: 3, minPoints: 4 },
    });
  });

  test('an empty file is no overrides and no problems', () => {
    assert.deepEqual(parseOverrides('', FILE), { overrides: {}, problems: [] });
    assert.deepEqual(parseOverrides('  \n', FILE), { overrides: {}, problems: [] });
    assert.deepEqual(parseOverrides('{}', FILE), { overrides: {}, problems: [] });
  });
});

describe('parseOverrides: problems at the right place, the rest still applied', () => {
  const text = [
    '{',
    '  "modles": {},',
    '  "x": "tokens",',
    '  "models": {',
    '    "pythia-1.4b": { "params": -5, "tokens": "300B", "colour": "red" },',
    '    "opt-1.3b": { "params": "lots", "flops": true },',
    '    "bad": 3,',
    '    "ok": { "params": "0" }',
    '  },',
    '  "tasks": {',
    '    "arc": { "baseline": "0.25", "steps": 2.5, "ignore": "yes", "ceiling": 1 },',
    '    "same": { "baseline": 0.5, "ceiling": 0.5 }',
    '  },',
    '  "thresholds": { "significance": 0, "minPoints": 3.5, "saturation": 1.2, "minGain": 0.2, "Significance": 2 }',
    '}',
  ].join('\n');
  const { overrides, problems } = parseOverrides(text, FILE);

  test('unknown keys are warnings at the key', () => {
    const top = problemAt(problems, text, '"modles"');
    assert.equal(top.severity, 'warning');
    assert.match(top.message, /Unknown key "modles"/);
    assert.equal(top.range.endCharacter - top.range.character, '"modles"'.length);
    assert.equal(problemAt(problems, text, '"colour"').severity, 'warning');
    const cased = problemAt(problems, text, '"Significance"');
    assert.equal(cased.severity, 'warning');
    assert.match(cased.message, /Did you mean "significance"/);
  });

  test('wrong types and values are errors at the value', () => {
    const expectError = (needle: string, re: RegExp, nth = 0) => {
      const p = problemAt(problems, text, needle, nth);
      assert.equal(p.severity, 'error');
      assert.match(p.message, re);
    };
    expectError('"tokens"', /"x" must be one of "params", "flops"/);
    expectError('-5', /"params" must be positive/);
    expectError('"lots"', /cannot read "lots"/);
    expectError('true', /"flops" must be a number/);
    expectError('3,', /Model "bad" must be an object/);
    expectError('"0"', /"params" must be positive/);
    expectError('"0.25"', /"baseline" must be a number/);
    expectError('2.5', /"steps" must be a whole number/);
    expectError('"yes"', /"ignore" must be true or false/);
    expectError('0.5 }', /"ceiling" equals "baseline"/);
    expectError('0,', /"significance" must be > 0/);
    expectError('3.5', /"minPoints" must be a whole number/);
    expectError('1.2', /"saturation" must be > 0 and ≤ 1/);
  });

  test('every problem is accounted for', () => {
    assert.equal(problems.length, 16, JSON.stringify(problems.map((p) => p.message), null, 1));
  });

  test('the rest still applies', () => {
    assert.equal(overrides.x, undefined);
    assert.deepEqual(overrides.models, { 'pythia-1.4b': { tokens: 3e11 }, 'opt-1.3b': {}, ok: {} });
    assert.deepEqual(overrides.tasks, { arc: { ceiling: 1 }, same: {} });
    assert.deepEqual(overrides.thresholds, { minGain: 0.2 });
  });
});

describe('parseOverrides: syntax', () => {
  test('syntax errors are reported where they are, and what parses still applies', () => {
    const text = '{\n  "x": "flops",\n  "models": { "a": { "params": 1e9 } }\n  "tasks": {}\n}';
    const { overrides, problems } = parseOverrides(text, FILE);
    const p = problemAt(problems, text, '"tasks"');
    assert.equal(p.severity, 'error');
    assert.match(p.message, /comma expected/);
    assert.equal(overrides.x, 'flops');
    assert.deepEqual(overrides.models, { a: { params: 1e9 } });
  });

  test('a root that is not an object', () => {
    const { overrides, problems } = parseOverrides('[1, 2]', FILE);
    assert.deepEqual(overrides, {});
    assert.equal(problems.length, 1);
    assert.deepEqual([problems[0].range.line, problems[0].range.character, problems[0].range.endCharacter], [0, 0, 6]);
  });

  test('positions count CRLF line ends as one', () => {
    const text = '{\r\n  "x": 5\r\n}';
    const { problems } = parseOverrides(text, FILE);
    assert.equal(problems.length, 1);
    assert.deepEqual([problems[0].range.line, problems[0].range.character, problems[0].range.endLine, problems[0].range.endCharacter], [1, 7, 1, 8]);
  });

  test('a repeated key warns and the last one wins', () => {
    const text = '{ "x": "params", "x": "flops" }';
    const { overrides, problems } = parseOverrides(text, FILE);
    assert.equal(overrides.x, 'flops');
    assert.equal(problems.length, 1);
    assert.equal(problems[0].range.character, text.lastIndexOf('"x"'));
  });
});

describe('schemas/emergence-lens.schema.json', () => {
  const schema = JSON.parse(readFileSync(fileURLToPath(new URL('../../schemas/emergence-lens.schema.json', import.meta.url)), 'utf8'));

  test('is draft-07 and closed at the top level', () => {
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.equal(schema.additionalProperties, false);
    assert.deepEqual(Object.keys(schema.properties).sort(), ['$schema', 'models', 'sources', 'tasks', 'thresholds', 'x']);
  });

  test('threshold defaults are DEFAULT_THRESHOLDS, every key described', () => {
    const props = schema.properties.thresholds.properties;
    assert.deepEqual(Object.keys(props).sort(), Object.keys(DEFAULT_THRESHOLDS).sort());
    for (const [k, v] of Object.entries(DEFAULT_THRESHOLDS)) {
      assert.equal(props[k].default, v, k);
      assert.ok(props[k].description, k);
    }
  });

  test('the threshold limits of the schema agree with the loader', () => {
    const props = schema.properties.thresholds.properties;
    for (const [k, p] of Object.entries<Record<string, number>>(props)) {
      // Just outside each limit the loader must refuse, just inside it must accept.
      const cases: [number, boolean][] = [];
      if (p.exclusiveMinimum !== undefined) cases.push([p.exclusiveMinimum, false], [p.exclusiveMinimum + 0.5, true]);
      if (p.minimum !== undefined) cases.push([p.minimum - 1, false], [p.minimum, true]);
      if (p.maximum !== undefined) cases.push([p.maximum + 0.5, false], [p.maximum, true]);
      for (const [v, ok] of cases) {
        const value = (p as unknown as { type: string }).type === 'integer' ? Math.round(v) : v;
        const { overrides } = parseOverrides(JSON.stringify({ thresholds: { [k]: value } }), FILE);
        assert.equal(overrides.thresholds?.[k as keyof typeof DEFAULT_THRESHOLDS] !== undefined, ok, `${k} = ${value}`);
      }
    }
  });

  test('model and task keys are the loader\'s, every key described', () => {
    const model = schema.properties.models.additionalProperties;
    const task = schema.properties.tasks.additionalProperties;
    assert.deepEqual(Object.keys(model.properties).sort(), ['family', 'flops', 'loss', 'params', 'tokens']);
    assert.deepEqual(Object.keys(task.properties).sort(), ['baseline', 'ceiling', 'ignore', 'steps']);
    for (const p of [...Object.values(model.properties), ...Object.values(task.properties), ...Object.values(schema.properties)]) {
      assert.ok((p as { description?: string }).description);
    }
    // A model key the loader does not know would be accepted by the editor but ignored at run time.
    const { problems } = parseOverrides(JSON.stringify({ models: { m: Object.fromEntries(Object.keys(model.properties).map((k) => [k, k === 'family' ? 'f' : 1])) } }), FILE);
    assert.deepEqual(problems, []);
  });

  test('a model\'s loss must be a positive number, and keeps where the file states it', () => {
    const text = '{ "models": { "m": { "loss": 2.15 }, "z": { "loss": 0 }, "s": { "loss": "2.1" } } }';
    const { overrides, problems } = parseOverrides(text, FILE);
    assert.equal(overrides.models?.m.loss?.value, 2.15);
    assert.equal(overrides.models?.m.loss?.range.character, text.indexOf('2.15'));
    assert.equal(overrides.models?.z.loss, undefined);
    assert.equal(overrides.models?.s.loss, undefined);
    assert.deepEqual(problems.map((p) => p.message), ['"loss" must be a positive number: the pre-training loss in nats per token', '"loss" must be a positive number: the pre-training loss in nats per token']);
  });

  test('the count pattern accepts exactly what the loader reads', () => {
    const re = new RegExp(schema.properties.models.additionalProperties.properties.params.anyOf[1].pattern);
    for (const s of ['1.4B', '70m', '1b7', '2e22', '2.5E+21', '1,414,647,808', '1_000', '300 b', '7000000000', '.5', '0', '0.0', '-5', 'lots', '1,4', '', '1.4bn']) {
      assert.equal(re.test(s), parseScaleNumber(s) !== undefined, JSON.stringify(s));
    }
  });
});

describe('"sources" in emergence-lens.json', () => {
  test('keeps the paths and URLs, and points at an item that is not one', () => {
    const text = '{ "sources": ["runs/**/samples_*.jsonl", "s3://bucket/evals/", 3, " "] }';
    const { overrides, problems } = parseOverrides(text, '/w/emergence-lens.json');
    assert.deepEqual(overrides.sources, ['runs/**/samples_*.jsonl', 's3://bucket/evals/']);
    assert.deepEqual(problems.map((p) => [p.severity, p.range.character]), [['error', text.indexOf(', 3') + 2], ['error', text.indexOf('" "')]]);
    assert.match(problems[0].message, /a source must be a non-empty string/);
  });
});
