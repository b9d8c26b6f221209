// Where the time of indexing goes, in-process, as the server spends it: reading into the index, the analysis,
// the diagnostics of every file (node --import tsx bench/profile-core.ts [files] [--reopen]; add --cpu-prof for a
// profile). --reopen runs it twice with a workspace cache, the second time as a reopened workspace does.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { collectFiles } from '../server/src/io/files';
import { AnalysisSnapshot } from '../server/src/lsp/analysis-snapshot';
import { WorkspaceCache } from '../server/src/io/workspace-cache';
import { fileDiagnostics } from '../server/src/lsp/diagnostics';
import { readDiskFile } from '../server/src/lsp/file-reading';
import { IncrementalAnalysis } from '../server/src/lsp/incremental-analysis';
import { WorkspaceIndex } from '../server/src/lsp/workspace-index';
import { DEFAULT_SETTINGS } from '../server/src/protocol';
import { makeWorkspace } from './run';

(async () => {
  const reopen = process.argv.includes('--reopen');
  const dir = makeWorkspace(Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 1000));
  try {
    // CPU time beside wall time: steadier when other work shares the machine.
    let start = performance.now();
    let cpu = process.cpuUsage();
    const lap = (what: string) => {
      const used = process.cpuUsage(cpu);
      console.log(`${what}: ${(performance.now() - start).toFixed(0)} ms (CPU ${((used.user + used.system) / 1000).toFixed(0)} ms)`);
      start = performance.now();
      cpu = process.cpuUsage();
    };
    const { files } = await collectFiles([dir]);
    // Twice with a workspace cache (the second pass reopens from it), or once without.
    const cacheFolder = reopen ? mkdtempSync(join(tmpdir(), 'el-profile-cache-')) : undefined;
    for (const pass of reopen ? ['cold', 'warm'] : ['']) {
      const cache = cacheFolder ? await WorkspaceCache.load(cacheFolder) : undefined;
      if (pass) console.log(`${pass}:`);
      lap('load the cache');
      const index = new WorkspaceIndex();
      index.setFolders([dir]);
      for (const file of files) {
        const read = await readDiskFile(file, false, Infinity, console.error, cache);
        if (read.kind !== 'gone' && read.kind !== 'unreadable') index.setDisk(file, read);
      }
      lap(`read ${files.length} files`);
      const { snapshot } = new IncrementalAnalysis(cache).update(index, DEFAULT_SETTINGS, AnalysisSnapshot.empty());
      lap(`analyse ${snapshot.series.length} series`);
      let diagnostics = 0;
      const messages = new Map();
      for (const key of index.keys()) diagnostics += JSON.stringify(fileDiagnostics(index.get(key), snapshot, DEFAULT_SETTINGS, [], messages)).length;
      lap(`diagnostics of every file (${(diagnostics / 2 ** 20).toFixed(0)} MB as JSON)`);
      cache?.settle();
      // How long the save keeps the event loop (requests) waiting at most.
      const held = monitorEventLoopDelay({ resolution: 5 });
      held.enable();
      // The monitor sees a delay only once its timer has started.
      await new Promise((started) => setTimeout(started, 20));
      await cache?.save();
      held.disable();
      if (cache) lap(`save the cache (requests wait at most ${(held.max / 1e6).toFixed(0)} ms)`);
    }
    if (cacheFolder) rmSync(cacheFolder, { recursive: true, force: true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
})();
