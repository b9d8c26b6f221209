// Entry point the extension host calls (`extensionTestsPath`): runs the mocha suite.
// EMERGENCE_LENS_MOCHA_LOG: a file that also receives the reporter's output. In code-server the extension host's
// console only reaches the browser's, with its format strings unapplied, so the runner reads this file instead.
// EMERGENCE_LENS_MOCHA_COLOR=0: no ANSI colours (the runner's output is not a terminal).
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const log = process.env.EMERGENCE_LENS_MOCHA_LOG;
  if (log) {
    writeFileSync(log, '');
    const toConsole = Mocha.reporters.Base.consoleLog;
    // Every line of the built-in reporters goes through Base.consoleLog.
    // Forwards one console line's arguments (a format string and its values).
    Mocha.reporters.Base.consoleLog = (...args: unknown[]) => {
      // eslint-disable-next-line no-restricted-syntax -- see above
      toConsole(...args);
      // eslint-disable-next-line no-restricted-syntax -- see above
      appendFileSync(log, `${format(...args)}\n`);
    };
  }
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: process.env.EMERGENCE_LENS_MOCHA_COLOR !== '0' });
  mocha.addFile(join(__dirname, 'extension.test.js'));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} VS Code integration test(s) failed`)) : resolve()));
  });
}
