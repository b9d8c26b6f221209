// Bundles the three entry points. The client is CommonJS because VS Code loads extensions with require().
import { build } from 'esbuild';

// 'module' first: jsonc-parser's UMD build hides its requires from the bundler.
const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning', mainFields: ['module', 'main'] };

await Promise.all([
  build({ ...common, entryPoints: ['cli/src/cli.ts'], outfile: 'dist/cli.js', format: 'cjs', banner: { js: '#!/usr/bin/env node' } }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', format: 'cjs' }),
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', format: 'cjs', external: ['vscode'] }),
]);
