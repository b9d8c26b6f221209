// Test-only preload for the server: a slow disk. A file read finishes a millisecond per kilobyte after it began
// (files under 16 KB at once), so a test can keep a read in flight while newer watcher events arrive.
const fsp = require('node:fs/promises');

const readFile = fsp.readFile;
fsp.readFile = async function slowReadFile(path, options) {
  const data = await readFile.call(this, path, options);
  const kilobytes = data.length / 1024;
  if (kilobytes >= 16) await new Promise((resolve) => setTimeout(resolve, kilobytes));
  return data;
};
