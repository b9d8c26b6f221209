// The cluster path: the aggregation of per-sample logs as standard SQL (COUNT, AVG, STDDEV_SAMP, UNION ALL), so a
// team whose logs sit in a warehouse runs it there (Spark SQL, Trino, DuckDB) and opens the result, written as
// Parquet, like any results file (aggregates-reader.ts). Only reading the raw logs differs between engines; that
// part is the view the header describes. Re-scored metrics (edit similarity, target log-probability) and per-item
// scores are not part of it: they need the answers, so they stay with the local paths.

/** The output's columns, in order; the reader recognises an aggregates file by them. */
export const AGGREGATE_COLUMNS = ['source', 'sample_filter', 'metric', 'n', 'mean', 'stderr'] as const;

/** Name of files the reader takes for aggregates (a Spark output folder of that name holds part-….parquet files). */
export const AGGREGATES_NAME = 'emergence-lens-aggregates';

const PLAIN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A column name as SQL: bare when plain, else double-quoted (standard; Spark needs spark.sql.ansi.doubleQuotedIdentifiers). */
function identifier(name: string): string {
  return PLAIN.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** The query over `table`, one branch per metric column. */
export function aggregationSql(metrics: readonly string[], table = 'samples'): string {
  const branches = metrics.map((m) => `  SELECT source, sample_filter, ${literal(m)} AS metric, CAST(${identifier(m)} AS DOUBLE) AS value FROM ${identifier(table)}`);
  return [
    `-- Emergence Lens: per-sample aggregates, standard SQL (DuckDB, Spark SQL, Trino run it unchanged).`,
    `-- Input: ${table}(source, sample_filter, ${metrics.map(identifier).join(', ')}), one row per per-sample record;`,
    `-- source is the log's path (its folder names the model, its name the task). The view, per engine:`,
    `--   DuckDB: CREATE VIEW ${table} AS SELECT filename AS source, "filter" AS sample_filter, * FROM read_json('logs/**/samples_*.jsonl', filename = true, union_by_name = true);`,
    `--   Spark:  CREATE TEMPORARY VIEW ${table} AS SELECT input_file_name() AS source, filter AS sample_filter, * FROM json.\`s3://bucket/logs/*/samples_*.jsonl\`;`,
    `--   Trino:  CREATE VIEW ${table} AS SELECT "$path" AS source, "filter" AS sample_filter, * FROM hive.evals.samples;`,
    `-- Save the result as Parquet named ${AGGREGATES_NAME}*.parquet (or a folder of that name) and open it with Emergence Lens.`,
    `SELECT source, COALESCE(sample_filter, 'none') AS sample_filter, metric,`,
    `  COUNT(value) AS n, AVG(value) AS mean, STDDEV_SAMP(value) / SQRT(COUNT(value)) AS stderr`,
    `FROM (`,
    branches.join('\n  UNION ALL\n'),
    `) per_metric`,
    `WHERE value IS NOT NULL`,
    `GROUP BY source, COALESCE(sample_filter, 'none'), metric`,
    `ORDER BY source, sample_filter, metric`,
  ].join('\n');
}
