// Writes the output of `node dist/cli.js analyze examples` into the README's demo block, so the table a newcomer
// sees after `npm run demo` and the one the README shows cannot drift apart. Run after `npm run build`.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');
const command = 'node dist/cli.js analyze examples';
const output = execFileSync(process.execPath, ['dist/cli.js', 'analyze', 'examples'], { cwd: root, encoding: 'utf8' }).trimEnd();
const readme = join(root, 'README.md');
const text = readFileSync(readme, 'utf8');
const start = text.indexOf(`$ ${command}\n`);
const end = text.indexOf('\n```', start);
if (start < 0 || end < 0) throw new Error(`no "$ ${command}" block in the README`);
writeFileSync(readme, `${text.slice(0, start)}$ ${command}\n${output}${text.slice(end)}`);
