// Lint for the one thing the type checker cannot see: an array spread into a call's arguments puts every element
// on the stack, so `push(...items)` or `Math.max(...values)` throws "Maximum call stack size exceeded" at about
// 125,000 items — and files, rows, problems and points reach that. Loop, concat, or use simple-statistics'
// min / max / extent. `fn.apply(that, array)` is the same call in another form.
import tsParser from '@typescript-eslint/parser';

const message = 'An array spread into arguments overflows the stack past ~125,000 items: loop, concat, or use min/max/extent from simple-statistics.';

export default [
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'out/**', '.vscode-test/**', '.stryker-tmp/**', '.scratch/**'] },
  {
    files: ['**/*.ts', '**/*.mjs'],
    languageOptions: { parser: tsParser },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'CallExpression > SpreadElement', message },
        { selector: 'NewExpression > SpreadElement', message },
        { selector: 'CallExpression[callee.property.name="apply"]', message },
      ],
    },
  },
];
