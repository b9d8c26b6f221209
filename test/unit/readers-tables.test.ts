// Format readers on tables: CSV, TSV and JSONL rows (column synonyms, units, percentages, sentinels,
// damaged rows), JSONL streaming, and inputs that must not hang.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { ReadResult } from '../../server/src/core/types';
import { createJsonlReader, readResultsText } from '../../server/src/readers';
import { findOne, sliceRange } from '../fixtures/readers/support';

const NOTHING: ReadResult = { format: null, observations: [], problems: [] };

const TIDY = [
  'Model,Model Family,Model Size (B),FLOPs (1E21),Pretraining Data Size (T),Task,Metric_Name,Score,SE,n_samples,N-Shot,Random',
  'pythia-70m,pythia,0.07,0.126,0.3,arithmetic_2da,exact_match,0.0,0.0,2000,0,0',
  'pythia-1.4b,pythia,1.4,2.52,0.3,arithmetic_2da,exact_match,0.012,0.002,2000,0,0',
  '"gpt-3 ""davinci"", 175B",gpt3,175,314,0.3,arithmetic_2da,exact_match,0.765,0.009,2000,0,0',
  '',
].join('\n');

describe('CSV tables', () => {
  const result = readResultsText('/t/scaling.csv', TIDY);

  it('maps lenient column names and scales header units', () => {
    assert.equal(result.format, 'table-csv');
    assert.equal(result.problems.length, 0);
    assert.equal(result.observations.length, 3);
    const small = findOne(result.observations, { score: 0.012 });
    assert.deepEqual([small.task, small.metric, small.stderr, small.n, small.shots, small.baseline], ['arithmetic_2da', 'exact_match', 0.002, 2000, 0, 0]);
    assert.deepEqual([small.model.name, small.model.family, small.model.params, small.model.flops, small.model.tokens], ['pythia-1.4b', 'pythia', 1.4e9, 2.52e21, 3e11]);
  });

  it('unquotes names and points ranges at the score cell', () => {
    const big = findOne(result.observations, { score: 0.765 });
    assert.equal(big.model.name, 'gpt-3 "davinci", 175B');
    assert.equal(sliceRange(TIDY, big.model.range!), 'gpt-3 ""davinci"", 175B');
    for (const o of result.observations) assert.equal(Number(sliceRange(TIDY, o.range)), o.score);
    assert.deepEqual([big.range.line, big.range.character], [3, TIDY.split('\n')[3].indexOf(',0.765') + 1]);
  });

  it('reads CRLF files, a byte-order mark, semicolons and TSV the same way', () => {
    const crlf = TIDY.replace(/\n/g, '\r\n');
    const fromCrlf = readResultsText('/t/scaling.csv', '\uFEFF' + crlf);
    assert.deepEqual(
      fromCrlf.observations.map((o) => [o.score, sliceRange(crlf, o.range)]),
      result.observations.map((o) => [o.score, String(o.score === 0 ? '0.0' : o.score)]),
    );
    const tsvText = 'model\ttask\tacc\tparams\npythia-70m\tlambada\t0.18\t70m\npythia-12b\tlambada\t0.70\t12B\n';
    const tsv = readResultsText('/t/x.TSV', tsvText);
    assert.equal(tsv.format, 'table-tsv');
    assert.deepEqual(tsv.observations.map((o) => [o.metric, o.score, o.model.params, sliceRange(tsvText, o.range)]), [
      ['score', 0.18, 7e7, '0.18'],
      ['score', 0.7, 1.2e10, '0.70'],
    ]);
    const semicolons = readResultsText('/t/eu.csv', 'model;task;score\nm1;t;0.5\n');
    assert.equal(semicolons.observations[0].score, 0.5);
  });

  it('converts percentages per metric, leaving BLEU and perplexity in their own units', () => {
    const text = [
      'model,task,metric,score,stderr,baseline',
      'a,mmlu,acc,25.1,1.2,25',
      'b,mmlu,acc,61.5,1.1,25',
      'a,wmt,bleu,3.2,,',
      'b,wmt,bleu,30.4,,',
      'a,wiki,perplexity,45.2,,',
      'b,arc,acc_norm,0.41,,',
      'b,arc,acc_norm,0.52%,,',
      'c,arc,accuracy_pct,0.4,,',
    ].join('\n');
    const r = readResultsText('/t/p.csv', text);
    const a = findOne(r.observations, { model: r.observations[0].model, metric: 'acc' });
    assert.deepEqual([a.score, a.stderr, a.baseline], [0.251, 0.012, 0.25]);
    assert.deepEqual(r.observations.filter((o) => o.metric === 'bleu').map((o) => o.score), [3.2, 30.4]);
    assert.equal(findOne(r.observations, { metric: 'perplexity' }).score, 45.2);
    assert.deepEqual(r.observations.filter((o) => o.metric === 'acc_norm').map((o) => o.score), [0.41, 0.0052]);
    const percentColumn = readResultsText('/t/q.csv', 'model,task,Accuracy (%)\nm,t,42\n');
    assert.equal(percentColumn.observations[0].score, 0.42);
  });

  it('skips rows without a score and warns at the cell; keeps rows whose params are bad', () => {
    const text = [
      'model,task,score,params,shots',
      'a,t,N/A,1e9,0',
      'b,t,-100,1e9,0',
      'c,t,,1e9,0',
      'd,t,abc,1e9,0',
      'e,t,0.5,-5,0',
      'f,t,0.6,big,zero',
      'g,t,0.7,0,1',
      'h,t,0.8,2e9,2,extra',
      'i,t',
      ',t,0.9,1e9,0',
    ].join('\n');
    const r = readResultsText('/t/bad.csv', text);
    assert.deepEqual(r.observations.map((o) => o.model.name), ['e', 'f', 'g', 'h']);
    assert.deepEqual(r.observations.map((o) => o.model.params), [undefined, undefined, undefined, 2e9]);
    assert.equal(findOne(r.observations, { score: 0.6 }).shots, undefined);
    const lines = text.split('\n');
    const at = (line: number) => r.problems.filter((p) => p.range.line === line);
    for (const line of [1, 2, 3, 4]) {
      const [problem] = at(line);
      assert.equal(problem.severity, 'warning');
      assert.equal(sliceRange(text, problem.range), lines[line].split(',')[2], `line ${line}`);
      assert.match(problem.message, /row skipped/);
    }
    assert.equal(sliceRange(text, at(5)[0].range), '-5');
    assert.match(at(5)[0].message, /not positive/);
    assert.deepEqual(at(6).map((p) => sliceRange(text, p.range)), ['big', 'zero']);
    assert.equal(sliceRange(text, at(7)[0].range), '0');
    assert.match(at(8)[0].message, /6 cells but the header has 5/);
    assert.equal(sliceRange(text, at(8)[0].range), lines[8]);
    assert.equal(at(9).length, 2); // wrong column count, and no score
    assert.match(at(10)[0].message, /no model/);
  });

  it('parses sizes written with suffixes, exponents and thousands separators', () => {
    const text = 'model,task,score,n_params\na,t,0.1,1.4B\nb,t,0.2,6.7e9\nc,t,0.3,"1,234,567"\nd,t,0.4,350M\ne,t,0.5,7x\n';
    const r = readResultsText('/t/sizes.csv', text);
    assert.deepEqual(r.observations.map((o) => o.model.params), [1.4e9, 6.7e9, 1234567, 3.5e8, undefined]);
    assert.equal(sliceRange(text, r.problems[0].range), '7x');
  });

  it('keeps duplicate rows (deduplication is the analysis\'s business)', () => {
    const r = readResultsText('/t/dup.csv', 'model,task,score\nm,t,0.5\nm,t,0.5\n');
    assert.equal(r.observations.length, 2);
  });

  it('reads cot prompting from a column or from the task name', () => {
    const r = readResultsText('/t/cot.csv', 'model,task,score,technique\nm,gsm8k,0.1,Chain-of-Thought\nm,gsm8k,0.05,standard\n');
    assert.deepEqual(r.observations.map((o) => o.prompting), ['cot', undefined]);
    const byName = readResultsText('/t/cot2.csv', 'model,task,score\nm,bbh_cot_fewshot_snarks,0.6\n');
    assert.deepEqual([byName.observations[0].task, byName.observations[0].prompting], ['bbh_fewshot_snarks', 'cot']);
  });

  it('reads revision and step columns', () => {
    const r = readResultsText('/t/ckpt.csv', 'model,task,score,checkpoint\npythia-1.4b,lambada,0.5,step3000\n');
    assert.deepEqual([r.observations[0].model.revision, r.observations[0].model.step], ['step3000', 3000]);
  });

  it('reports an unclosed quote as an error and keeps the rows before it', () => {
    const r = readResultsText('/t/q.csv', 'model,task,score\nm,t,0.5\n"m2,t,0.6\nm3,t,0.7\n');
    assert.equal(r.format, 'table-csv');
    assert.deepEqual(r.observations.map((o) => o.score), [0.5]);
    assert.equal(r.problems.filter((p) => p.severity === 'error').length, 1);
  });

  it('returns nothing for tables that are not results, empty files and binary garbage', () => {
    assert.deepEqual(readResultsText('/t/a.csv', 'a,b,c\n1,2,3\n'), NOTHING);
    assert.deepEqual(readResultsText('/t/a.csv', 'model,score\nm,0.5\n'), NOTHING);
    assert.deepEqual(readResultsText('/t/a.csv', ''), NOTHING);
    assert.deepEqual(readResultsText('/t/a.tsv', '\n\n'), NOTHING);
    assert.deepEqual(readResultsText('/t/a.csv', '\u0000\u0001PK\u0003\u0004\uFFFD\uFFFD,\u0000"\n\uFFFD'), NOTHING);
    assert.deepEqual(readResultsText('/t/a.jsonl', '\u0000\u0001\uFFFD\n\uFFFD{'), NOTHING);
    assert.deepEqual(readResultsText('/t/a.jsonl', ''), NOTHING);
  });
});

const ROWS = [
  '{"model": "pythia-70m", "params": "70m", "task": "lambada", "metric": "acc", "value": 0.18, "stderr": 0.005}',
  '{"model": "pythia-1.4b", "params": 1.4e9, "task": "lambada", "metric": "acc", "value": 0.61}',
  'this is not json',
  '',
  '{"model": "pythia-12b", "params": "12B", "task": "lambada", "metric": "acc", "value": 0.70, "n": 5153}',
  '[1, 2]',
].join('\n');

describe('JSONL rows', () => {
  it('reads tidy rows with the table logic, ranges within each line, errors per bad line', () => {
    const r = readResultsText('/t/rows.jsonl', ROWS);
    assert.equal(r.format, 'table-jsonl');
    assert.deepEqual(r.observations.map((o) => [o.model.name, o.model.params, o.score, o.stderr, o.n]), [
      ['pythia-70m', 7e7, 0.18, 0.005, undefined],
      ['pythia-1.4b', 1.4e9, 0.61, undefined, undefined],
      ['pythia-12b', 1.2e10, 0.7, undefined, 5153],
    ]);
    assert.deepEqual(r.observations.map((o) => [o.range.line, sliceRange(ROWS, o.range)]), [[0, '0.18'], [1, '0.61'], [4, '0.70']]);
    assert.deepEqual(r.problems.map((p) => [p.severity, p.range.line]), [['error', 2], ['warning', 5]]);
  });

  it('streams line by line with the same result', () => {
    const reader = createJsonlReader('/t/rows.jsonl');
    ROWS.split('\n').forEach((line, i) => reader.line(line, i));
    assert.deepEqual(reader.finish(), readResultsText('/t/rows.jsonl', ROWS));
  });

  it('reads a pretty-printed results document saved as .jsonl', () => {
    const doc = JSON.stringify({ results: { arc_easy: { acc: 0.43, acc_stderr: 0.01 } }, versions: { arc_easy: 0 }, config: { model_args: 'pretrained=facebook/opt-125m', num_fewshot: 0 } }, null, 2);
    const r = readResultsText('/t/results.jsonl', doc);
    assert.equal(r.format, 'lm-eval-v0.3');
    assert.equal(sliceRange(doc, r.observations[0].range), '0.43');
    const oneLine = readResultsText('/t/results.jsonl', JSON.stringify(JSON.parse(doc)));
    assert.equal(oneLine.observations[0].model.name, 'facebook/opt-125m');
  });

  it('returns nothing for JSONL that is not results (no noise from its bad lines)', () => {
    assert.deepEqual(readResultsText('/t/log.jsonl', '{"spec": {"eval_name": "x"}}\n{"event": 1}\n'), NOTHING);
    assert.deepEqual(readResultsText('/t/log.jsonl', 'not json\nstill not\n'), NOTHING);
  });
});

describe('inputs that must not hang', () => {
  const big = 'x'.repeat(10 * 1024 * 1024);

  it('reads a 10 MB JSONL line once', () => {
    const line = `{"model": "m", "task": "t", "score": 0.5, "notes": "${big}"}`;
    const start = performance.now();
    const r = readResultsText('/t/big.jsonl', line + '\n' + line.replace('0.5', '0.25'));
    assert.deepEqual(r.observations.map((o) => o.score), [0.5, 0.25]);
    const broken = readResultsText('/t/broken.jsonl', '{"model": "m", "task": "t", "score": 0.5}\n' + line.slice(0, -2));
    assert.equal(broken.problems.length, 1);
    assert.equal(broken.problems[0].range.line, 1);
    assert.ok(performance.now() - start < 10000);
  });

  it('reads a 10 MB CSV cell and a 10 MB single-line JSON file', () => {
    const csv = readResultsText('/t/big.csv', `model,task,score,notes\nm,t,0.5,${big}\nm2,t,0.6,x\n`);
    assert.deepEqual(csv.observations.map((o) => o.score), [0.5, 0.6]);
    const text = `{"results": {"arc": {"acc,none": 0.3}}, "n-shot": {"arc": 0}, "pretty_env_info": "${big}"}`;
    const json = readResultsText('/t/results.json', text);
    assert.equal(json.observations[0].score, 0.3);
    assert.deepEqual([json.observations[0].range.line, json.observations[0].range.character], [0, text.indexOf('0.3')]);
  });
});
