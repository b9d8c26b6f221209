// Where the time of indexing goes, in-process: reading versus analysis (node --import tsx bench/profile-core.ts [files]).
import { rmSync } from 'node:fs';
import { analyze } from '../server/src/core/analyze';
import type { Observation } from '../server/src/core/types';
import { collectFiles, readResultsFile } from '../server/src/io/files';
import { makeWorkspace } from './run';

(async () => {
  const dir = makeWorkspace(Number(process.argv[2] ?? 1000));
  try {
    let start = Date.now();
    const { files } = await collectFiles([dir]);
    const observations: Observation[] = [];
    for (const file of files) observations.push(...(await readResultsFile(file)).observations);
    console.log(`read ${files.length} files, ${observations.length} observations: ${Date.now() - start} ms`);
    start = Date.now();
    const result = analyze(observations);
    console.log(`analyze: ${result.series.length} series in ${Date.now() - start} ms`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
})();
