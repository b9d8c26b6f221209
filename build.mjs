// Bundles the entry points. The client is CommonJS because VS Code loads extensions with require().
// `node build.mjs cli report` builds only the named targets.
import { build } from 'esbuild';

// 'module' first: jsonc-parser's UMD build hides its requires from the bundler.
const common = { bundle: true, external: ['@duckdb/node-api'], platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning', mainFields: ['module', 'main'] };
// The chart page runs in VS Code 1.82's webview (Chromium 114) and, as the standalone report, in any current browser.
const web = { bundle: true, platform: 'browser', target: 'chrome114', format: 'iife', minify: true, logLevel: 'warning' };

const targets = {
  cli: { ...common, entryPoints: ['cli/src/cli.ts'], outfile: 'dist/cli.js', format: 'cjs', banner: { js: '#!/usr/bin/env node' } },
  server: { ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', format: 'cjs' },
  client: { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', format: 'cjs', external: ['vscode'] },
  webview: [
    { ...web, entryPoints: ['webview/src/main.ts'], outfile: 'dist/webview.js', sourcemap: true },
    { ...web, entryPoints: ['webview/media/webview.css'], outfile: 'dist/webview.css' },
  ],
  // Inlined into report.html by the CLI, so no source map.
  report: [
    { ...web, entryPoints: ['webview/src/report.ts'], outfile: 'dist/report.js' },
    { ...web, entryPoints: ['webview/media/report.css'], outfile: 'dist/report.css' },
  ],
};

const names = process.argv.slice(2);
const unknown = names.filter((n) => !(n in targets));
if (unknown.length) throw new Error(`unknown build target ${unknown.join(', ')}; known: ${Object.keys(targets).join(', ')}`);
await Promise.all((names.length ? names : Object.keys(targets)).flatMap((n) => [targets[n]].flat()).map((options) => build(options)));
