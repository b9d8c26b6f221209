// The packaged .vsix holds what the installed extension runs and shows, and nothing else. Packages dist/ as
// built by `npm test` into a temporary file when vsce is in the tool cache (`npm run package` puts it there).
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { packageVsix, root } from '../../scripts/package';
import { isInstalled } from '../../scripts/tools';
import { withBuildLock } from '../helpers/build-lock';

/** Entry names from a zip's central directory (end record at the tail, no zip64: a vsix is small). */
function zipEntries(zip: Buffer): string[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, 'not a zip file');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, 'central directory entry');
    const [nameLen, extraLen, commentLen] = [zip.readUInt16LE(at + 28), zip.readUInt16LE(at + 30), zip.readUInt16LE(at + 32)];
    names.push(zip.toString('utf8', at + 46, at + 46 + nameLen));
    at += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

const skip = isInstalled('vsce') ? false : 'vsce is not in the tool cache: run `npm run package` once (it installs it)';

describe('package: vsix', { skip }, () => {
  it('contains the bundles, grammars, schema, icon and documents, and no sources, maps or tests', () => {
    const dir = mkdtempSync(join(tmpdir(), 'el-vsix-'));
    try {
      const out = join(dir, 'ext.vsix');
      // Under the build lock, so that no other suite rewrites dist/ while vsce reads it.
      withBuildLock(() => packageVsix(out, { build: false }));
      const files = zipEntries(readFileSync(out)).filter((n) => n.startsWith('extension/')).map((n) => n.slice('extension/'.length));
      const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
      const needed = [
        'package.json', 'readme.md', 'changelog.md', 'LICENSE.txt', pkg.icon, pkg.main.replace(/^\.\//, ''), 'dist/server.js', 'dist/webview.js', 'dist/webview.css',
        ...pkg.contributes.grammars.map((g: { path: string }) => g.path.replace(/^\.\//, '')),
        ...pkg.contributes.languages.flatMap((l: { configuration?: string }) => (l.configuration ? [l.configuration.replace(/^\.\//, '')] : [])),
        ...pkg.contributes.jsonValidation.map((j: { url: string }) => j.url.replace(/^\.\//, '')),
      ];
      for (const file of needed) assert.ok(files.includes(file), `${file} is packaged`);
      const unwanted = /^(node_modules|server|client|webview|cli|test|bench|scripts|examples|\.ci|\.vscode)\/|\.map$|\.ts$|^dist\/(cli|report)\.|^tsconfig|^build\.mjs|^package-lock|\.vsix$/;
      assert.deepEqual(files.filter((f) => unwanted.test(f)), []);
      assert.ok(files.length < 30, `few files (${files.length}): ${files.join(', ')}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
