// Where the `emergent` diagnostic code links to: the README's section on verdicts. The repository URL
// from the packaged package.json when it has one, else the README shipped next to the bundle.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const SECTION = 'verdicts-and-thresholds';

let cached: string | undefined;

export function docsUrl(): string {
  return (cached ??= compute());
}

function compute(): string {
  const root = join(__dirname, '..');
  try {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { repository?: string | { url?: string }; homepage?: string };
    const repo = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
    const web = repo?.replace(/^git\+/, '').replace(/\.git$/, '');
    if (web && /^https:\/\//.test(web)) return `${web}#${SECTION}`;
    if (pkg.homepage && /^https:\/\//.test(pkg.homepage)) return `${pkg.homepage.replace(/#.*$/, '')}#${SECTION}`;
  } catch {
    // No package.json beside the bundle (tests of the sources): fall through to the README.
  }
  return `${pathToFileURL(join(root, 'README.md')).href}#${SECTION}`;
}
