// Lint for what the type checker cannot see, or says less plainly.
//
// 1. An array spread into a call's arguments puts every element on the stack, so `push(...items)` or
// `Math.max(...values)` throws "Maximum call stack size exceeded" at about 125,000 items — and files, rows, problems
// and points reach that. Loop, concat, or use simple-statistics' min / max / extent. `fn.apply(that, array)` is the
// same call in another form.
//
// 2. In the analysis core, the readers and the sweeps, an object spread followed by more properties or another spread
// (`{ ...base, verdict }`) gives every object made there a hidden class of its own in Node 20's V8: about 400 bytes
// kept as long as the object, and some 9 µs to make (`{ ...base }` alone, properties before the spread, and
// Object.assign share one). Those layers make such objects by the hundred thousand (series, points, observations)
// and keep them: Object.assign. Node 22 and 24 share one class either way, and index as fast with Object.assign
// (measured on 1,000 real files). The server's requests make theirs once per answer and send them at once.
//
// 3. The layering (README.md, Development): which folder may import which. The per-layer TypeScript projects enforce it
// too; these rules name the layer in the message. Folders, not files, so new files are covered as they are added.
import tsParser from '@typescript-eslint/parser';

const message = 'An array spread into arguments overflows the stack past ~125,000 items: loop, concat, or use min/max/extent from simple-statistics.';
const argumentSpreads = [
  { selector: 'CallExpression > SpreadElement', message },
  { selector: 'NewExpression > SpreadElement', message },
  { selector: 'CallExpression[callee.property.name="apply"]', message },
];
const objectMessage = 'In Node 20 an object spread followed by more properties gives each object made here a hidden class of its own (~400 bytes kept with it, ~9 µs to make): Object.assign({}, base, { … }) shares one.';
const objectSpreads = [
  { selector: 'ObjectExpression > SpreadElement ~ Property', message: objectMessage },
  { selector: 'ObjectExpression > SpreadElement ~ SpreadElement', message: objectMessage },
];

/** A pattern of no-restricted-imports: an import specifier matching `regex` is an error saying `why`. */
const ban = (regex, why) => ({ regex, message: why });

// Import specifiers are relative paths, so a layer is matched by its folder's name after leaving the current folder.
const EDITOR = ban('^vscode($|-)', 'The analysis layers use no editor or LSP package: those belong to server/src/lsp (vscode-languageserver) and client/src (vscode, vscode-languageclient).');
const NODE = ban('^node:', 'This layer is plain ES2022: file and process access belong to server/src/io and the hosts (lsp, cli).');
const SERVER_ABOVE_CORE = ban('^(\\.\\./)+(readers|io|sweeps|lsp|wire|protocol|server)($|/)', 'The core imports no other layer: readers, io, sweeps, the server and the protocol build on it, not the other way round.');
const SERVER_ABOVE_READERS = ban('^(\\.\\./)+(lsp|wire|protocol|server)($|/)', 'Readers, io and sweeps import only the core: the server and the protocol build on them.');
const APPS = ban('(^|/)(client|webview|cli)/src($|/)', 'The server layers import no client, webview or CLI code.');
const SERVER_INTERNALS = ban('(^|/)server/src/(core|readers|io|sweeps|lsp|wire|server)($|/)', 'The client reaches the server only through server/src/protocol (transfer types) and requests: never the core, the readers or the server itself.');

const layers = [
  { files: ['server/src/core/**/*.ts'], patterns: [EDITOR, NODE, SERVER_ABOVE_CORE, APPS] },
  { files: ['server/src/readers/**/*.ts', 'server/src/io/**/*.ts', 'server/src/sweeps/**/*.ts'], patterns: [EDITOR, SERVER_ABOVE_READERS, APPS] },
  { files: ['server/src/protocol.ts'], patterns: [ban('.', 'protocol.ts is the plain transfer types and imports nothing, so the client and the webview can use it without the server.')] },
  {
    files: ['server/src/wire/**/*.ts'],
    patterns: [EDITOR, NODE, ban('^(\\.\\./)+(readers|io|sweeps|lsp|server)($|/)', 'server/src/wire converts core values to protocol types only: it reads no files and knows no LSP.'), APPS],
  },
  {
    files: ['server/src/lsp/**/*.ts', 'server/src/server.ts'],
    patterns: [ban('^vscode($|-languageclient)', 'The language server runs outside VS Code: no VS Code API, no language client.'), APPS],
  },
  {
    files: ['client/src/**/*.ts'],
    patterns: [
      SERVER_INTERNALS,
      ban('(^|/)webview/src/(?!contract$)', 'The client hosts the chart page through webview/src/contract only; the page is a separate bundle.'),
      ban('(^|/)cli/src($|/)', 'The client does not use the CLI.'),
      ban('^vscode-languageserver($|/|-textdocument)', 'vscode-languageserver is the server\'s library; the client uses vscode-languageclient.'),
    ],
  },
  {
    files: ['webview/src/**/*.ts'],
    patterns: [
      EDITOR,
      NODE,
      ban('(^|/)server/src/(readers|io|sweeps|lsp|wire|server)($|/)', 'The chart page gets its data as protocol types (server/src/protocol), never from the server\'s layers.'),
      ban('(^|/)server/src/core/(?!(format|verdict-text)$)', 'Of the core, the page uses only its pure presentation modules (core/format, core/verdict-text), so numbers and verdicts read as on every other surface; data comes as protocol types.'),
      ban('(^|/)(client|cli)/src($|/)', 'The chart page runs in a browser: it imports no client or CLI code.'),
    ],
  },
  {
    files: ['cli/src/**/*.ts'],
    patterns: [
      EDITOR,
      ban('(^|/)server/src/(lsp|server)($|/)', 'The CLI drives the core directly: no language server.'),
      ban('(^|/)(client|webview)/src($|/)', 'The CLI imports no editor or page code (the report gets the page as built bundles).'),
    ],
  },
];

export default [
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'out/**', '.vscode-test/**', '.stryker-tmp/**', '.scratch/**'] },
  {
    files: ['**/*.ts', '**/*.mjs'],
    languageOptions: { parser: tsParser },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    rules: {
      'no-restricted-syntax': ['error', ...argumentSpreads],
    },
  },
  { files: ['server/src/{core,readers,sweeps}/**/*.ts'], rules: { 'no-restricted-syntax': ['error', ...argumentSpreads, ...objectSpreads] } },
  ...layers.map(({ files, patterns }) => ({ files, rules: { 'no-restricted-imports': ['error', { patterns }] } })),
];
