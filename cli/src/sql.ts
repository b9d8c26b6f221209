// emergence-lens sql [per-sample logs...] [--metric name]... [--table samples]: prints the aggregation the tool runs
// on per-sample logs as standard SQL (server/src/sweeps/cluster-sql.ts), for a warehouse to run. The metrics are
// those the given logs record, and any named with --metric.
import { RESCORED } from '../../server/src/core/rescore';
import { collectFiles, readResultsFile } from '../../server/src/io/files';
import { aggregationSql } from '../../server/src/sweeps/cluster-sql';

const DERIVED = new Set<string>(Object.values(RESCORED));

export async function runSql(paths: string[], options: { metrics: string[]; table?: string }): Promise<number> {
  const metrics = new Set(options.metrics);
  const { files, missing } = await collectFiles(paths);
  for (const path of missing) process.stderr.write(`emergence-lens: cannot read ${path}\n`);
  for (const file of files) {
    const result = await readResultsFile(file);
    if (result.format !== 'lm-eval-samples') continue;
    for (const o of result.observations) if (!DERIVED.has(o.metric)) metrics.add(o.metric);
  }
  if (metrics.size === 0) {
    process.stderr.write('emergence-lens: no metric found: give per-sample logs (samples_*.jsonl) or name metrics with --metric\n');
    return 2;
  }
  process.stdout.write(aggregationSql([...metrics].sort(), options.table) + ';\n');
  return 0;
}
