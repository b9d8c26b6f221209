// Include/exclude globs behave as in VS Code settings.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { isIncluded, matchesAny } from '../../server/src/lsp/globs';
import { DEFAULT_SETTINGS } from '../../server/src/protocol';

describe('globs', () => {
  const cases: [string, string, boolean][] = [
    ['**/*.{json,jsonl,csv,tsv}', 'results.json', true],
    ['**/*.{json,jsonl,csv,tsv}', 'a/b/c/samples.jsonl', true],
    ['**/*.{json,jsonl,csv,tsv}', 'a/b/notes.txt', false],
    ['**/*.{json,jsonl,csv,tsv}', 'a/b/x.json.bak', false],
    ['**/node_modules/**', 'node_modules/pkg/package.json', true],
    ['**/node_modules/**', 'a/node_modules/pkg/package.json', true],
    ['**/.*/**', 'a/.git/config.json', true],
    ['**/.*/**', 'a/b.json', false],
    ['results/*.json', 'results/x.json', true],
    ['results/*.json', 'results/deep/x.json', false],
    ['runs/run-?/*.csv', 'runs/run-1/a.csv', true],
    ['runs/run-[0-4]/*.csv', 'runs/run-7/a.csv', false],
    ['a.json', 'a.json', true],
    ['a.json', 'xa.json', false],
  ];
  for (const [glob, path, expected] of cases) {
    it(`${glob} ${expected ? 'matches' : 'does not match'} ${path}`, () => assert.equal(matchesAny(path, [glob]), expected));
  }

  it('applies the default include and exclude', () => {
    assert.equal(isIncluded('evals/pythia/results.json', DEFAULT_SETTINGS.include, DEFAULT_SETTINGS.exclude), true);
    assert.equal(isIncluded('node_modules/x/package.json', DEFAULT_SETTINGS.include, DEFAULT_SETTINGS.exclude), false);
    assert.equal(isIncluded('.vscode/settings.json', DEFAULT_SETTINGS.include, DEFAULT_SETTINGS.exclude), false);
    assert.equal(isIncluded('evals\\pythia\\results.json', DEFAULT_SETTINGS.include, DEFAULT_SETTINGS.exclude), true, 'Windows separators');
  });
});
