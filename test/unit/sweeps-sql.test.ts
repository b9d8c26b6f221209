// The cluster path: `emergence-lens sql` prints standard SQL; run in DuckDB over a view made as its header says,
// its Parquet output opens as a results source with the aggregates the stream computes from the same logs.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import type { Observation } from '../../server/src/core/types';
import { readResultsFile } from '../../server/src/io/files';
import { duckdb, sqlString } from '../../server/src/sweeps/duckdb';

const root = resolve(__dirname, '../..');
const logs = join(root, 'examples/lm-eval');

function cli(...args: string[]) {
  return spawnSync(process.execPath, [join(root, 'dist/cli.js'), ...args], { cwd: root, encoding: 'utf8' });
}

/** What a series needs of an observation, scores rounded past the last bits a different summation order changes. */
function aggregate(o: Observation) {
  return { model: o.model.name, task: o.task, filter: o.filter, metric: o.metric, n: o.n, score: o.score.toPrecision(12), stderr: o.stderr?.toPrecision(12) };
}

function sorted(observations: Observation[]) {
  return observations.map(aggregate).sort((a, b) => a.model.localeCompare(b.model));
}

describe('emergence-lens sql', () => {
  it('prints SQL that DuckDB runs over the view its header describes, and its Parquet output reads as the logs do', async () => {
    const printed = cli('sql', logs);
    assert.equal(printed.status, 0, printed.stderr);
    const view = /^-- {3}DuckDB: (.+)$/m.exec(printed.stdout)?.[1];
    assert.ok(view, 'the header shows the DuckDB view');
    const db = (await duckdb())!;
    await db.run(view.replace("'logs/**/samples_*.jsonl'", sqlString(`${logs}/**/samples_*.jsonl`)));
    const out = join(mkdtempSync(join(tmpdir(), 'el-sql-')), 'emergence-lens-aggregates.parquet');
    await db.run(`COPY (${printed.stdout.replace(/;\s*$/, '')}) TO ${sqlString(out)} (FORMAT parquet)`);

    const fromWarehouse = sorted((await readResultsFile(out)).observations);
    const streamed: Observation[] = [];
    for (const size of ['70m', '160m', '410m', '1.4b', '2.8b', '6.9b', '12b']) {
      const dir = join(logs, `example-org__toy-lm-${size}`);
      const file = readdirSync(dir).find((f) => f.startsWith('samples_'))!;
      for (const o of (await readResultsFile(join(dir, file))).observations) if (o.metric === 'exact_match') streamed.push(o);
    }
    assert.equal(fromWarehouse.length, 7);
    assert.deepStrictEqual(fromWarehouse, sorted(streamed));
  });

  it('reads a Spark-style output folder of part files, and says what is missing from a Parquet file of other columns', async () => {
    const db = (await duckdb())!;
    const folder = join(mkdtempSync(join(tmpdir(), 'el-sql-')), 'emergence-lens-aggregates');
    mkdirSync(folder);
    const part = join(folder, 'part-00000.parquet');
    await db.run(`COPY (SELECT 'runs/acme__m-1b/samples_arc_2025-01-01T00-00-00.jsonl' AS source, 'none' AS sample_filter, 'acc' AS metric, 100 AS n, 0.5 AS mean, 0.05 AS stderr) TO ${sqlString(part)} (FORMAT parquet)`);
    const [o] = (await readResultsFile(part)).observations;
    assert.deepEqual([o.model.name, o.task, o.metric, o.filter, o.n, o.score, o.stderr], ['acme/m-1b', 'arc', 'acc', 'per-sample', 100, 0.5, 0.05]);
    const other = join(folder, 'part-00001.parquet');
    await db.run(`COPY (SELECT 1 AS x) TO ${sqlString(other)} (FORMAT parquet)`);
    assert.match((await readResultsFile(other)).problems[0].message, /expected the columns source, sample_filter, metric, n, mean, stderr/);
  });

  it('refuses in one line when no metric is known', () => {
    const result = cli('sql');
    assert.equal(result.status, 2);
    assert.match(result.stderr, /no metric found/);
  });
});
