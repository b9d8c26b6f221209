// The output of `emergence-lens sql` (cluster-sql.ts), run in a warehouse and saved as Parquet: one row per log,
// filter and metric with n, mean and stderr. Each row becomes the observation the log itself would have given
// (without per-item scores), so the series join those of local files. Read with hyparquet, so no DuckDB is needed.
import type { Observation, ReadResult } from '../core/types';
import { perSampleFilter } from '../readers/item-means';
import { readParquetRows } from '../readers/parquet';
import { fileStart } from '../readers/read-context';
import { sampleLogIdentity } from '../readers/samples';
import { AGGREGATE_COLUMNS, AGGREGATES_NAME } from './cluster-sql';

export function isAggregatesFile(file: string): boolean {
  return file.split(/[\\/]/).some((part) => part.startsWith(AGGREGATES_NAME)) && /\.parquet$/i.test(file);
}

export async function readAggregates(file: string, bytes: Uint8Array): Promise<ReadResult> {
  const rows = (await readParquetRows(bytes, [...AGGREGATE_COLUMNS])) ?? [];
  const observations: Observation[] = [];
  const bad: number[] = [];
  const range = fileStart(file);
  rows.forEach((row, i) => {
    const { source, sample_filter: filter, metric, n, mean, stderr } = row;
    const count = Number(n);
    if (typeof source !== 'string' || typeof metric !== 'string' || typeof mean !== 'number' || !Number.isFinite(mean) || !(count > 0)) {
      bad.push(i + 1);
      return;
    }
    const se = typeof stderr === 'number' && Number.isFinite(stderr) ? stderr : undefined;
    observations.push(Object.assign(sampleLogIdentity(source, range), { metric, filter: perSampleFilter(typeof filter === 'string' ? filter : undefined), score: mean, stderr: se, n: count }));
  });
  const problems = [];
  if (rows.length === 0) problems.push({ range, severity: 'error' as const, message: `no aggregate rows: expected the columns ${AGGREGATE_COLUMNS.join(', ')} (emergence-lens sql)` });
  if (bad.length) problems.push({ range, severity: 'warning' as const, message: `${bad.length} aggregate row${bad.length === 1 ? '' : 's'} without a source, metric, mean or positive n skipped (first: row ${bad[0]})` });
  return { format: 'lm-eval-samples', observations, problems };
}
