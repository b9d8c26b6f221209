// emergence-lens analyze <files or folders...> [--json] [--x params|flops] [--config file] [--all]
// emergence-lens report <files or folders...> [-o report.html] [--x params|flops] [--config file]
// emergence-lens read <files or folders...> [--json] [--config file] (read.ts)
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { analyze } from '../../server/src/core/analyze';
import type { Overrides } from '../../server/src/core/config';
import { parseOverrides } from '../../server/src/core/overrides';
import type { AnalysisResult } from '../../server/src/core/results';
import type { Observation, Problem } from '../../server/src/core/types';
import { collectFiles, OVERRIDES_FILE, readResultsFile } from '../../server/src/io/files';
import { toChartSeries, toProblemRow } from '../../webview/src/data';
import { runRead } from './read';
import { toJson, toTable, sortSeries } from './report';
import { readReportAssets, reportHtml } from './report-html';

const DEFAULT_REPORT = 'emergence-report.html';

const USAGE = `Usage: emergence-lens analyze <files or folders...> [options]
       emergence-lens report <files or folders...> [-o ${DEFAULT_REPORT}] [options]
       emergence-lens read <files or folders...> [--json] [--config <file>]

Finds emergent abilities in language-model evaluation results. "analyze" prints a table (or JSON);
"report" writes one self-contained HTML file with charts and a sortable table that opens offline;
"read" lists what was read from each file (model, size and its source, task, metric, score, place).

Options:
  --json            print one JSON document (series and problems)
  --x params|flops  scale axis (default: params; flops where known for every model)
  --config <file>   overrides file (default: emergence-lens.json in the first folder or the current one)
  --all             also list series with too little data for a verdict
  -o, --output <f>  report: the HTML file to write (default: ${DEFAULT_REPORT})
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
  const known = command === 'analyze' || command === 'report' || command === 'read';
  if (!known || paths.length === 0) {
    process.stderr.write(`${known ? 'No files or folders given.' : `Unknown command "${command}".`}\n\n${USAGE}\n`);
    return 2;
  }
  if (values.x !== undefined && values.x !== 'params' && values.x !== 'flops') {
    process.stderr.write(`--x must be "params" or "flops", not "${values.x}".\n`);
    return 2;
  }

  const problems: Problem[] = [];
  const overrides = await loadOverrides(values.config, paths, problems);
  if (command === 'read') return runRead(paths, { json: values.json, overrides, problems });
  const { files, missing } = await collectFiles(paths);
  for (const path of missing) process.stderr.write(`emergence-lens: cannot read ${path}\n`);

  const observations: Observation[] = [];
  let readable = 0;
  for (const file of files) {
    try {
      const result = await readResultsFile(file);
      readable++;
      observations.push(...result.observations);
      problems.push(...result.problems);
    } catch (error) {
      problems.push({ range: { file, line: 0, character: 0, endLine: 0, endCharacter: 0 }, severity: 'error', message: `Cannot read file: ${(error as Error).message}` });
    }
  }
  // On the command line an explicit --x beats the file's "x".
  const x = values.x as 'params' | 'flops' | undefined;
  const result = analyze(observations, { overrides: x ? { ...overrides, x } : overrides });
  result.problems.unshift(...problems);
  if (readable === 0) {
    process.stderr.write('emergence-lens: no input could be read.\n');
    return 1;
  }
  if (command === 'report') return writeReport(result, paths, values.output ?? DEFAULT_REPORT);
  process.stdout.write((values.json ? JSON.stringify(toJson(result), null, 2) : toTable(result, { all: values.all })) + '\n');
  return 0;
}

async function writeReport(result: AnalysisResult, inputs: string[], output: string): Promise<number> {
  const data = {
    title: 'Emergence Lens report',
    generated: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    inputs,
    series: sortSeries(result.series).map(toChartSeries),
    problems: result.problems.map(toProblemRow),
  };
  await writeFile(output, reportHtml(data, readReportAssets(__dirname)));
  const emergent = result.series.filter((s) => s.verdict === 'emergent').length;
  process.stdout.write(`Wrote ${output}: ${result.series.length} series, ${emergent} emergent, ${result.problems.length} problems.\n`);
  return 0;
}

async function loadOverrides(explicit: string | undefined, paths: string[], problems: Problem[]): Promise<Overrides> {
  const candidates = explicit ? [explicit] : [...paths.map((p) => join(p, OVERRIDES_FILE)), ...paths.map((p) => join(dirname(p), OVERRIDES_FILE)), OVERRIDES_FILE];
  const file = candidates.map((c) => resolve(c)).find((c) => existsSync(c));
  if (!file) {
    if (explicit) problems.push({ range: { file: explicit, line: 0, character: 0, endLine: 0, endCharacter: 0 }, severity: 'error', message: 'Overrides file not found.' });
    return {};
  }
  const parsed = parseOverrides(await readFile(file, 'utf8'), file);
  problems.push(...parsed.problems);
  return parsed.overrides;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error) => {
    process.stderr.write(`emergence-lens: ${(error as Error).stack ?? error}\n`);
    process.exitCode = 1;
  },
);
