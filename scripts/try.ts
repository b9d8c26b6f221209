// `npm run try`: the real extension in a browser, no VS Code desktop needed. Packages the .vsix, installs it
// into a fresh code-server profile from the tool cache and serves examples/ on 127.0.0.1 until Ctrl+C.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { makeProfile, serve } from './code-server';
import { packageVsix, root } from './package';
import { cacheDir, ensureCodeServer } from './tools';

async function main(): Promise<void> {
  ensureCodeServer();
  const vsix = packageVsix();
  const dir = join(cacheDir, 'try-profile');
  rmSync(dir, { recursive: true, force: true }); // a fresh profile: the extension just built, default settings
  const served = await serve(makeProfile(dir, vsix), join(root, 'examples'), (chunk) => process.stderr.write(chunk));
  console.log(`\nEmergence Lens in code-server: ${served.url}\n(open it in a browser on this machine; Ctrl+C stops the server)\n`);
  const stop = () => {
    served.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  served.process.on('exit', (code) => process.exit(code ?? 1));
}

void main();
