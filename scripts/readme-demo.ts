// Writes the output of `node dist/cli.js analyze examples` and `… backtest examples` into the README's demo blocks,
// so the tables a newcomer sees and the ones the README shows cannot drift apart. Run after `npm run build`.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');
const readme = join(root, 'README.md');
let text = readFileSync(readme, 'utf8');
for (const args of [['analyze', 'examples'], ['backtest', 'examples']]) {
  const command = `node dist/cli.js ${args.join(' ')}`;
  const output = execFileSync(process.execPath, ['dist/cli.js', ...args], { cwd: root, encoding: 'utf8' }).trimEnd();
  const start = text.indexOf(`$ ${command}\n`);
  const end = text.indexOf('\n```', start);
  if (start < 0 || end < 0) throw new Error(`no "$ ${command}" block in the README`);
  text = `${text.slice(0, start)}$ ${command}\n${output}${text.slice(end)}`;
}
writeFileSync(readme, text);
