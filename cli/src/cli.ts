// emergence-lens analyze <files or folders...> [--json] [--x params|flops] [--config file] [--all]
// emergence-lens report <files or folders...> [-o report.html] [--x params|flops] [--config file]
// emergence-lens read <files or folders...> [--json] [--config file] (read.ts)
// emergence-lens sql [per-sample logs...] [--metric name]... [--table samples] (sql.ts)
// emergence-lens backtest <files or folders...> [--json] [--x params|flops] [--config file] (backtest.ts)
// emergence-lens thresholds <files or folders...> [--json] [--x params|flops] [--config file] (thresholds.ts)
import { stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { analyze } from '../../server/src/core/analysis-host';
import { thresholdsIn } from '../../server/src/core/analyze-group';
import { driverIndex } from '../../server/src/core/forecast/drivers';
import { chartForecast } from '../../server/src/core/forecast/forecast';
import type { Overrides, Thresholds } from '../../server/src/core/config';
import { parseOverrides } from '../../server/src/core/overrides';
import type { AnalysisResult } from '../../server/src/core/results';
import type { Observation, Problem } from '../../server/src/core/types';
import { collectFiles, errorText, OVERRIDES_FILE, readResultsFile, readTextFile } from '../../server/src/io/files';
import { fileStart } from '../../server/src/readers/read-context';
import { toChartSeries, toProblemRow } from '../../server/src/wire/chart-series';
import { backtestJson, backtestTable } from './backtest';
import { runRead } from './read';
import { readSpecialInputs, splitInputs } from './sources';
import { runSql } from './sql';
import { thresholdRows } from '../../server/src/wire/threshold-rows';
import { thresholdsJson, thresholdsTable } from './thresholds';
import { toJson, toTable, sortSeries } from './report';
import { readReportAssets, reportHtml } from './report-html';

const DEFAULT_REPORT = 'emergence-report.html';

const USAGE = `Usage: emergence-lens analyze <files or folders...> [options]
       emergence-lens report <files or folders...> [-o ${DEFAULT_REPORT}] [options]
       emergence-lens read <files or folders...> [--json] [--config <file>]
       emergence-lens sql [per-sample logs...] [--metric <name>]... [--table <name>]
       emergence-lens backtest <files or folders...> [--json] [options]
       emergence-lens thresholds <files or folders...> [--json] [options]

Finds emergent abilities in language-model evaluation results. "analyze" prints a table (or JSON);
"report" writes one self-contained HTML file with charts and a sortable table that opens offline;
"read" lists what was read from each file (model, size and its source, task, metric, score, place);
"sql" prints the aggregation of per-sample logs as standard SQL, for DuckDB, Spark SQL or Trino.
"backtest" forecasts each emergent series from its models below the emergence point and compares the
forecast with where the hidden models put it (error in decades, interval coverage); "thresholds" lists,
for each task emergent in two or more families, the scale at which each family gets it.

Options:
  --json            print one JSON document (series and problems)
  --x params|flops  scale axis (default: params; flops where known for every model)
  --config <file>   overrides file (default: emergence-lens.json in the first folder or the current one)
  --all             also list series with too little data for a verdict
  -o, --output <f>  report: the HTML file to write (default: ${DEFAULT_REPORT})
  --metric <name>   sql: a metric column to aggregate (repeatable; default: those the logs record)
  --table <name>    sql: the table or view of per-sample records (default: samples)
  -h, --help        show this help`;

function parseOptions(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      x: { type: 'string' },
      config: { type: 'string' },
      all: { type: 'boolean', default: false },
      output: { type: 'string', short: 'o' },
      metric: { type: 'string', multiple: true, default: [] },
      table: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseOptions(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...paths] = positionals;
  if (values.help || !command) {
    process.stdout.write(USAGE + '\n');
    return values.help ? 0 : 2;
  }
  if (command === 'sql') return runSql(paths, { metrics: values.metric, table: values.table });
  const known = command === 'analyze' || command === 'report' || command === 'read' || command === 'backtest' || command === 'thresholds';
  if (!known || paths.length === 0) {
    process.stderr.write(`${known ? 'No files or folders given.' : `Unknown command "${command}".`}\n\n${USAGE}\n`);
    return 2;
  }
  if (values.x !== undefined && values.x !== 'params' && values.x !== 'flops') {
    process.stderr.write(`--x must be "params" or "flops", not "${values.x}".\n`);
    return 2;
  }

  const problems: Problem[] = [];
  const { overrides, file: overridesFile } = await loadOverrides(values.config, paths, problems);
  const inputs = await splitInputs(paths, overrides, overridesFile);
  if (command === 'read') return runRead(inputs, { json: values.json, overrides, problems });
  const { files, missing, skipped } = await collectFiles(inputs.paths);
  for (const path of missing) process.stderr.write(`emergence-lens: cannot read ${path}\n`);
  for (const s of skipped) problems.push({ range: fileStart(s.path), severity: 'warning', message: `not read: ${s.reason}` });
  const observations: Observation[] = [];
  let readable = 0;
  for (const file of files) {
    try {
      const result = await readResultsFile(file);
      readable++;
      for (const o of result.observations) observations.push(o);
      for (const p of result.problems) problems.push(p);
    } catch (error) {
      problems.push({ range: fileStart(file), severity: 'error', message: `Cannot read file: ${errorText(error)}` });
    }
  }
  const read = overridesFile ? [...files, overridesFile] : [...files];
  for (const { file, result } of await readSpecialInputs(inputs.special)) {
    read.push(file);
    if (result.format) readable++;
    for (const o of result.observations) observations.push(o);
    for (const p of result.problems) problems.push(p);
  }
  // Checked against every file read, those of globs and `sources` too, so a report never replaces an input.
  const output = command === 'report' ? (values.output ?? DEFAULT_REPORT) : undefined;
  const refusal = output !== undefined && (await outputRefusal(output, read));
  if (refusal) {
    process.stderr.write(`emergence-lens: ${refusal}\n`);
    return 2;
  }
  // On the command line an explicit --x beats the file's "x".
  const x = values.x as 'params' | 'flops' | undefined;
  const result = analyze(observations, { overrides: x ? { ...overrides, x } : overrides });
  result.problems = problems.concat(result.problems);
  if (readable === 0) {
    for (const p of problems) process.stderr.write(`emergence-lens: ${p.range.file}: ${p.message}\n`);
    process.stderr.write('emergence-lens: no input could be read.\n');
    return 1;
  }
  if (output !== undefined) return writeReport(result, paths, output, thresholdsIn({ overrides }));
  if (command === 'backtest') {
    const t = thresholdsIn({ overrides });
    process.stdout.write((values.json ? JSON.stringify(backtestJson(result.series, t), null, 2) : backtestTable(result.series, t)) + '\n');
    return 0;
  }
  if (command === 'thresholds') {
    process.stdout.write((values.json ? JSON.stringify(thresholdsJson(result.series), null, 2) : thresholdsTable(result.series)) + '\n');
    return 0;
  }
  process.stdout.write((values.json ? JSON.stringify(toJson(result, thresholdsIn({ overrides })), null, 2) : toTable(result, { all: values.all })) + '\n');
  return 0;
}

/**
 * Why the report must not be written to `output`, if it must not: a folder, something that is not a regular file,
 * one of the files read (a report would destroy it), or a path in a folder that does not exist.
 */
async function outputRefusal(output: string, inputs: readonly string[]): Promise<string | undefined> {
  const info = await stat(output).catch(() => undefined);
  if (info?.isDirectory()) return `-o ${output} is a folder: name the HTML file to write`;
  if (info && !info.isFile()) return `-o ${output} is not a regular file`;
  if (info) {
    for (const input of inputs) {
      const other = await stat(input).catch(() => undefined);
      if (other && other.dev === info.dev && other.ino === info.ino) return `-o ${output} is one of the input files: it is not overwritten`;
    }
  }
  const folder = dirname(resolve(output));
  const parent = await stat(folder).catch(() => undefined);
  if (!parent?.isDirectory()) return `-o ${output}: the folder ${folder} does not exist`;
  return undefined;
}

async function writeReport(result: AnalysisResult, inputs: string[], output: string, t: Thresholds): Promise<number> {
  // Each chart's forecast is the one the whole workspace gives, as in the editor.
  const drivers = driverIndex(result.series);
  const data = {
    title: 'Emergence Lens report',
    generated: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    inputs,
    series: sortSeries(result.series).map((s) => toChartSeries({ ...s, forecast: chartForecast(s, drivers, t) })),
    problems: result.problems.map(toProblemRow),
    thresholds: thresholdRows(result.series),
  };
  try {
    await writeFile(output, reportHtml(data, readReportAssets(__dirname)));
  } catch (error) {
    process.stderr.write(`emergence-lens: cannot write ${output}: ${errorText(error)}\n`);
    return 1;
  }
  const emergent = result.series.filter((s) => s.verdict === 'emergent').length;
  process.stdout.write(`Wrote ${output}: ${result.series.length} series, ${emergent} emergent, ${result.problems.length} problems.\n`);
  return 0;
}

/** The override file in force, if any; its problems join the others. A FIFO or folder in its place is not read. */
async function loadOverrides(explicit: string | undefined, paths: string[], problems: Problem[]): Promise<{ overrides: Overrides; file?: string }> {
  const candidates = explicit ? [explicit] : [...paths.map((p) => join(p, OVERRIDES_FILE)), ...paths.map((p) => join(dirname(p), OVERRIDES_FILE)), OVERRIDES_FILE];
  let file: string | undefined;
  for (const candidate of candidates) {
    const info = await stat(resolve(candidate)).catch(() => undefined);
    if (!info) continue;
    if (info.isFile()) {
      file = resolve(candidate);
      break;
    }
    problems.push({ range: fileStart(candidate), severity: 'error', message: 'Overrides file is not a regular file: not read.' });
    return { overrides: {} };
  }
  if (!file) {
    if (explicit) problems.push({ range: fileStart(explicit), severity: 'error', message: 'Overrides file not found.' });
    return { overrides: {} };
  }
  const parsed = parseOverrides(await readTextFile(file), file);
  for (const p of parsed.problems) problems.push(p);
  return { overrides: parsed.overrides, file };
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error) => {
    // One line: what went wrong, not where in the bundle.
    process.stderr.write(`emergence-lens: ${errorText(error)}\n`);
    process.exitCode = 1;
  },
);
