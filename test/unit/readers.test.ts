// Format readers on hand-written JSON inputs: lm-eval v0.3 / v0.4, BIG-bench, per-sample logs,
// unrelated JSON, and damaged files (NaN, truncation, garbage).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createJsonlReader, isCandidateFile, readResultsText } from '../../server/src/readers';
import { parseJsonTree } from '../../server/src/readers/json-tree';
import { fixturesDir, findOne, sliceRange } from '../fixtures/readers/support';
import { bestOf } from '../helpers/timing';

const V03 = `{
  "results": {
    "lambada_openai": {
      "ppl": 26.02103896885129,
      "ppl_stderr": 0.9418773107503278,
      "acc": 0.3790025228022511,
      "acc_stderr": 0.006758931440268226
    },
    "arc_easy": {
      "acc": 0.4343,
      "acc_stderr": 0.0101,
      "acc_norm": 0.3914,
      "acc_norm_stderr": 0.0100
    }
  },
  "versions": {"lambada_openai": 0, "arc_easy": 0},
  "config": {
    "model": "hf-causal",
    "model_args": "pretrained=EleutherAI/pythia-v1.1-70m-deduped,revision=step143000",
    "num_fewshot": 5,
    "batch_size": 16
  }
}
`;

const V04 = `{
  "results": {
    "mmlu": {"acc,none": 0.2604, "acc_stderr,none": 0.0037, "alias": "mmlu"},
    "mmlu_stem": {"acc,none": 0.251, "acc_stderr,none": "N/A", "alias": " - stem"},
    "mmlu_anatomy": {"alias": "  - anatomy", "acc,none": 0.3, "acc_stderr,none": 0.04},
    "mmlu_astronomy": {"alias": "  - astronomy", "acc,none": 0.2, "acc_stderr,none": null},
    "gsm8k": {
      "exact_match,strict-match": 0.021,
      "exact_match_stderr,strict-match": 0.004,
      "exact_match,flexible-extract": 0.035,
      "exact_match_stderr,flexible-extract": 0.005,
      "alias": "gsm8k"
    },
    "gsm8k_cot": {"exact_match,strict-match": 0.04, "exact_match_stderr,strict-match": 0.0054, "alias": "gsm8k_cot"},
    "lambada_openai": {"perplexity,none": 16.83, "perplexity_stderr,none": 0.546, "acc,none": NaN, "acc_stderr,none": NaN, "alias": "lambada_openai"},
    "odd": {"0": 0.5, "samples": 12, "f1,none": 0.7}
  },
  "groups": {"mmlu": {"acc,none": 0.2604, "acc_stderr,none": 0.0037, "alias": "mmlu"}},
  "group_subtasks": {"mmlu": ["mmlu_stem"], "mmlu_stem": ["mmlu_anatomy", "mmlu_astronomy"], "gsm8k": []},
  "configs": {"gsm8k": {"num_fewshot": 5, "doc_to_text": "Question: {{question}}\\nAnswer:"}},
  "n-shot": {"mmlu": 0, "mmlu_stem": 0, "mmlu_anatomy": 5, "mmlu_astronomy": 5, "gsm8k": 5, "gsm8k_cot": 8, "lambada_openai": 0},
  "higher_is_better": {"mmlu": {"acc": true}, "lambada_openai": {"perplexity": false, "acc": true}, "gsm8k": {"exact_match": true}},
  "n-samples": {
    "mmlu_anatomy": {"original": 135, "effective": 135},
    "mmlu_astronomy": {"original": 152, "effective": 100},
    "gsm8k": {"original": 1319, "effective": 1319},
    "lambada_openai": {"original": 5153, "effective": 5153}
  },
  "config": {
    "model": "hf",
    "model_args": "pretrained=EleutherAI/pythia-160m,revision=step1000,dtype=float",
    "model_num_parameters": 162322944,
    "model_revision": "step1000",
    "batch_size": "8"
  },
  "model_name": "EleutherAI/pythia-160m",
  "model_name_sanitized": "EleutherAI__pythia-160m"
}
`;

const V04_FILE = '/runs/EleutherAI__pythia-160m/results_2024-06-01T12-34-56.789012.json';

describe('lm-eval v0.3 results', () => {
  const result = readResultsText('/evals/70m-deduped-5shot_step143000.json', V03);

  it('reads every metric with its stderr, the run shots and the model', () => {
    assert.equal(result.format, 'lm-eval-v0.3');
    assert.equal(result.problems.length, 0);
    assert.equal(result.observations.length, 4);
    const acc = findOne(result.observations, { task: 'lambada_openai', metric: 'acc' });
    assert.equal(acc.score, 0.3790025228022511);
    assert.equal(acc.stderr, 0.006758931440268226);
    assert.equal(acc.shots, 5);
    assert.equal(acc.n, undefined);
    assert.equal(acc.filter, undefined);
    assert.equal(acc.model.name, 'EleutherAI/pythia-v1.1-70m-deduped');
    assert.equal(acc.model.revision, 'step143000');
    assert.equal(acc.model.step, 143000);
    assert.equal(findOne(result.observations, { task: 'arc_easy', metric: 'acc_norm' }).stderr, 0.01);
  });

  it('points each range at the score literal and the model range at the name inside model_args', () => {
    for (const o of result.observations) assert.equal(Number(sliceRange(V03, o.range)), o.score);
    const ppl = findOne(result.observations, { metric: 'ppl' });
    assert.equal(sliceRange(V03, ppl.range), '26.02103896885129');
    assert.deepEqual([ppl.range.line, ppl.range.character], [3, 13]);
    assert.equal(sliceRange(V03, ppl.model.range!), 'EleutherAI/pythia-v1.1-70m-deduped');
  });

  it('takes shots from the file name when the config lacks num_fewshot', () => {
    const text = V03.replace('"num_fewshot": 5,', '');
    const fromName = readResultsText('/evals/llama-7B_bbh_3-shot.json', text);
    assert.ok(fromName.observations.every((o) => o.shots === 3));
    const fromFolder = readResultsText('/evals/five-shot/model.json', text);
    assert.ok(fromFolder.observations.every((o) => o.shots === 5));
  });

  it('names the model from the file or folder when model_args is a local path', () => {
    const local = V03.replace('pretrained=EleutherAI/pythia-v1.1-70m-deduped,revision=step143000', 'pretrained=/gaueko1/hizkuntza-ereduak/LLaMA/lm/huggingface/13B,use_accelerate=True');
    const r = readResultsText('/results/llama/llama-13B/llama-13B_bbh_3-shot.json', local);
    assert.equal(r.observations[0].model.name, 'llama-13B');
    const bare = readResultsText('/x/other-13B_arithmetic_5-shot.json', local);
    assert.equal(bare.observations[0].model.name, 'other-13B');
    const underscored = readResultsText('/x/my_model/my_model_bbh_3-shot.json', local);
    assert.equal(underscored.observations[0].model.name, 'my_model');
  });
});

describe('lm-eval v0.4 results', () => {
  const result = readResultsText(V04_FILE, V04);
  const obs = result.observations;

  it('splits metric and filter, pairs stderr per filter, reads n and direction', () => {
    assert.equal(result.format, 'lm-eval-v0.4');
    const strict = findOne(obs, { task: 'gsm8k', filter: 'strict-match', prompting: undefined });
    const flexible = findOne(obs, { task: 'gsm8k', filter: 'flexible-extract' });
    assert.deepEqual([strict.metric, strict.score, strict.stderr, strict.n, strict.shots], ['exact_match', 0.021, 0.004, 1319, 5]);
    assert.deepEqual([flexible.score, flexible.stderr], [0.035, 0.005]);
    assert.equal(strict.higherIsBetter, true);
    const ppl = findOne(obs, { task: 'lambada_openai', metric: 'perplexity' });
    assert.deepEqual([ppl.score, ppl.stderr, ppl.n, ppl.higherIsBetter], [16.83, 0.546, 5153, false]);
  });

  it('reads the model name, revision, step and parameter count', () => {
    const model = obs[0].model;
    assert.equal(model.name, 'EleutherAI/pythia-160m');
    assert.equal(model.revision, 'step1000');
    assert.equal(model.step, 1000);
    assert.equal(model.params, 162322944);
    assert.equal(sliceRange(V04, model.range!), '"EleutherAI/pythia-160m"');
  });

  it('gives groups the members\' shots and total n, and ignores N/A or null stderr', () => {
    const mmlu = findOne(obs, { task: 'mmlu' });
    assert.equal(mmlu.shots, 5);
    assert.equal(mmlu.n, 235);
    assert.equal(mmlu.stderr, 0.0037);
    const stem = findOne(obs, { task: 'mmlu_stem' });
    assert.deepEqual([stem.shots, stem.n, stem.stderr], [5, 235, undefined]);
    const astronomy = findOne(obs, { task: 'mmlu_astronomy' });
    assert.deepEqual([astronomy.n, astronomy.stderr], [100, undefined]);
  });

  it('moves a cot token from the task name into prompting', () => {
    const cot = findOne(obs, { task: 'gsm8k', prompting: 'cot' });
    assert.deepEqual([cot.score, cot.shots, cot.filter], [0.04, 8, 'strict-match']);
    assert.equal(obs.filter((o) => o.task === 'gsm8k' && o.prompting === undefined).length, 2);
  });

  it('skips alias, numbers-only and `samples` keys', () => {
    assert.ok(!obs.some((o) => o.metric === 'alias' || o.metric === '0' || o.metric === 'samples'));
    assert.equal(findOne(obs, { task: 'odd' }).metric, 'f1');
    assert.equal(obs.length, 9);
  });

  it('turns a NaN score into a warning at its position, not an observation', () => {
    assert.equal(obs.filter((o) => o.task === 'lambada_openai').length, 1);
    assert.equal(result.problems.length, 1);
    const [problem] = result.problems;
    assert.equal(problem.severity, 'warning');
    assert.equal(sliceRange(V04, problem.range), 'NaN');
    assert.match(problem.message, /lambada_openai acc,none is NaN/);
  });

  it('points every range at the score literal', () => {
    for (const o of obs) assert.equal(Number(sliceRange(V04, o.range)), o.score);
  });

  it('accepts model_args as a dict and falls back to the folder name', () => {
    const dict = V04.replace(/"model_name": [^\n]*\n/, '').replace(/"model_args": [^\n]*\n/, '"model_args": {"pretrained": "org/model-1b", "revision": "step5"},\n').replace('"model_revision": "step1000",', '');
    const fromDict = readResultsText(V04_FILE, dict).observations[0].model;
    assert.deepEqual([fromDict.name, fromDict.revision, fromDict.step], ['org/model-1b', 'step5', 5]);
    const anonymous = V04.replace(/"model_name": [^\n]*\n/, '').replace(/"model_args": [^\n]*\n/, '');
    const r = readResultsText('/r/state-spaces__mamba2-130m/results_2025-03-02T06-44-13.841373.json', anonymous);
    assert.equal(r.observations[0].model.name, 'state-spaces/mamba2-130m');
    assert.equal(r.observations[0].model.range, undefined);
  });
});

describe('damaged JSON', () => {
  it('reads a truncated lm-eval file up to the cut and reports an error there', () => {
    const cut = V04.indexOf('0.035') + 3; // inside a number: "0.0"
    const text = V04.slice(0, cut);
    const r = readResultsText(V04_FILE, text);
    assert.equal(r.format, 'lm-eval-v0.4');
    const errors = r.problems.filter((p) => p.severity === 'error');
    assert.equal(errors.length, 1);
    const lines = text.split('\n');
    assert.deepEqual([errors[0].range.line, errors[0].range.character], [lines.length - 1, lines[lines.length - 1].length]);
    assert.match(errors[0].message, /truncated/);
    assert.equal(findOne(r.observations, { task: 'gsm8k', filter: 'strict-match', prompting: undefined }).score, 0.021);
    assert.equal(findOne(r.observations, { task: 'mmlu_anatomy' }).score, 0.3);
    // The number at the cut lost digits: it is not read.
    assert.ok(!r.observations.some((o) => o.filter === 'flexible-extract'));
  });

  it('still reads NaN as a warning when the file is also damaged', () => {
    const text = V04.slice(0, V04.indexOf('"odd"'));
    const r = readResultsText(V04_FILE, text);
    assert.equal(findOne(r.observations, { metric: 'perplexity' }).score, 16.83);
    const warning = r.problems.find((p) => p.severity === 'warning');
    assert.ok(warning && sliceRange(text, warning.range) === 'NaN');
    assert.equal(r.problems.filter((p) => p.severity === 'error').length, 1);
  });

  it('reads the same observations through the tolerant parser as through the strict one', () => {
    const damaged = V04 + '\n}';
    const strict = readResultsText(V04_FILE, V04);
    const tolerant = readResultsText(V04_FILE, damaged);
    assert.equal(tolerant.problems.filter((p) => p.severity === 'error').length, 1);
    assert.equal(sliceRange(damaged, tolerant.problems.find((p) => p.severity === 'error')!.range), '}');
    assert.deepEqual(tolerant.observations, strict.observations);
  });

  it('builds the same tree on both parser paths, NaN and Infinity included', () => {
    const text = '{"a": [1, -2.5e-3, "x\\"y"], "b": {"c": NaN, "d": -Infinity, "e": Infinity}, "f": null, "g": true}';
    const strict = parseJsonTree(text);
    const tolerant = parseJsonTree(text + ' x');
    const shape = (n: unknown): unknown => JSON.parse(JSON.stringify(n, (k, v) => (k === 'parent' ? undefined : typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)));
    assert.equal(strict.errors.length, 0);
    assert.equal(tolerant.errors.length, 1);
    assert.deepEqual(shape(tolerant.root), shape(strict.root));
  });

  it('ignores a byte-order mark and CRLF line endings when placing ranges', () => {
    const crlf = V03.replace(/\n/g, '\r\n');
    const r = readResultsText('/e/m.json', '\uFEFF' + crlf);
    assert.equal(r.observations.length, 4);
    for (const o of r.observations) assert.equal(Number(sliceRange(crlf, o.range)), o.score);
  });

  it('returns nothing, without noise, for unrelated, empty, binary or truncated non-results JSON', () => {
    const cases: [string, string][] = [
      ['/p/package.json', '{"name": "x", "version": "1.0.0", "scripts": {"test": "node --test"}}'],
      ['/p/package.json', '{"name": "x", "version": "1.0'],
      ['/p/tsconfig.json', '{\n  // comment\n  "compilerOptions": {"strict": true,},\n}'],
      ['/p/api.json', '{"results": [1, 2, 3], "next": null}'],
      ['/p/train.json', '{"config": {"lr": 0.1}, "results": {"loss": 0.3}}'],
      ['/p/empty.json', ''],
      ['/p/space.json', '   \n  '],
      ['/p/garbage.json', '\u0000\u0001\u0002\uFFFD\uFFFD PK\u0003\u0004 "results" \u0000'],
      ['/p/list.json', '[1, 2, 3]'],
    ];
    for (const [file, text] of cases) {
      assert.deepEqual(readResultsText(file, text), { format: null, observations: [], problems: [] }, file + ': ' + text);
    }
  });

  it('never throws on deeply nested input', () => {
    const deep = '{"results": ' + '['.repeat(100000);
    const r = readResultsText('/d/deep.json', deep);
    assert.equal(r.observations.length, 0);
  });
});

describe('BIG-bench scores files', () => {
  const file = join(fixturesDir, 'big-bench/modified_arithmetic/results/scores_BIG-G_2m_T=0.json');
  const text = readFileSync(file, 'utf8');
  const result = readResultsText(file, text);
  const obs = result.observations;

  it('reads one observation per score_dict metric, skipping normalized aggregates', () => {
    assert.equal(result.format, 'big-bench');
    assert.ok(!obs.some((o) => o.metric === 'normalized_aggregate_score'));
    assert.equal(obs.length, 6);
    const exact = findOne(obs, { subtask: 'three_digit_addition', metric: 'exact_str_match' });
    assert.deepEqual([exact.task, exact.score, exact.shots, exact.preferred, exact.baseline, exact.ceiling], ['modified_arithmetic', 0.051, 0, true, 0, 1]);
    const ll = findOne(obs, { subtask: 'three_digit_addition', metric: 'log_likelihood' });
    assert.deepEqual([ll.score, ll.preferred, ll.baseline, ll.ceiling], [-12.75, false, undefined, undefined]);
    const mcg = findOne(obs, { metric: 'multiple_choice_grade' });
    assert.deepEqual([mcg.subtask, mcg.shots, mcg.baseline, mcg.score], [undefined, 1, 0.25, 0.125]);
  });

  it('reads the model with non-embedding parameters as its size', () => {
    const model = obs[0].model;
    assert.deepEqual([model.name, model.family, model.params, model.nonEmbeddingParams], ['2m', 'BIG-G T=0', 2098048, 2098048]);
    assert.equal(sliceRange(text, model.range!), '"2m"');
    const withoutNonEmbedding = readResultsText(file, text.replace('"non_embedding_params": 2098048,', ''));
    assert.equal(withoutNonEmbedding.observations[0].model.params, 10485760);
  });

  it('warns about out-of-range and NaN scores at their position and keeps the out-of-range one', () => {
    const far = findOne(obs, { subtask: 'three_digit_subtraction' });
    assert.deepEqual([far.score, far.shots], [1.78, 2]);
    assert.equal(result.problems.length, 2);
    assert.ok(result.problems.every((p) => p.severity === 'warning'));
    assert.deepEqual(result.problems.map((p) => sliceRange(text, p.range)).sort(), ['1.78', 'NaN']);
    for (const o of obs) assert.equal(Number(sliceRange(text, o.range)), o.score);
  });

  it('takes the task from the folder when the file does not name it', () => {
    const noTask = text.replace('"task": {"task_name": "modified_arithmetic"}', '"task": {}');
    const r = readResultsText('/bb/benchmark_tasks/word_unscrambling/results/scores_BIG-G_2m_T=0.json', noTask.replace(/modified_arithmetic:/g, ''));
    assert.ok(r.observations.length > 0);
    assert.ok(r.observations.every((o) => o.task === 'word_unscrambling'));
  });
});

describe('lm-eval per-sample logs', () => {
  const record = '{"doc_id": 0, "doc": {"question": "1+1"}, "target": "2", "arguments": [["q", " 2"]], "resps": [["(-0.1, True)"]], "filtered_resps": ["(-0.1, True)"], "acc": 1.0}';

  const metrics = (r: ReturnType<typeof readResultsText>) => r.observations.map((o) => [o.metric, o.score, o.n]);

  it('reads a JSON array of sample records (v0.4.0–0.4.2), also pretty-printed under .jsonl', () => {
    const text = '[\n  ' + record + ',\n  ' + record.replace('"doc_id": 0', '"doc_id": 1') + '\n]';
    const read = readResultsText('/s/pretrained__x/samples_arc_2024-01-01T00-00-00.json', text);
    assert.equal(read.format, 'lm-eval-samples');
    assert.deepEqual(metrics(read), [['acc', 1, 2], ['target_logprob', -0.1, 2]]);
    // v0.4.0 wrote those arrays under a .jsonl name, records spread over lines; brackets inside strings do not count.
    const pretty = JSON.stringify([JSON.parse(record), { ...JSON.parse(record), doc: { question: 'a } ] \\" [ {' }, acc: 0 }], null, 2);
    const streamed = readResultsText('/s/pretrained__x/samples_arc_2024-01-01T00-00-00.jsonl', pretty);
    assert.deepEqual(metrics(streamed), [['acc', 0.5, 2], ['target_logprob', -0.1, 2]]);
    const broken = readResultsText('/s/x.json', pretty.replace('"acc": 0', '"acc": 0,,'));
    assert.deepEqual([metrics(broken), broken.problems.map((p) => p.message)], [[['acc', 1, 1], ['target_logprob', -0.1, 1]], ['1 unreadable per-sample record skipped']]);
  });

  it('reads JSONL sample logs and recognises a single record', () => {
    const text = record + '\n' + record + '\n';
    const read = readResultsText('/s/samples_arc_2024.jsonl', text);
    assert.equal(read.format, 'lm-eval-samples');
    assert.deepEqual(metrics(read), [['acc', 1, 2], ['target_logprob', -0.1, 2]]);
    assert.equal(readResultsText('/s/one.json', record).format, 'lm-eval-samples');
  });
});

describe('robustness', () => {
  it('turns an unexpected exception into an error Problem at line 0 instead of throwing', () => {
    const r = readResultsText('/x/broken.json', null as unknown as string);
    assert.equal(r.format, null);
    assert.equal(r.problems.length, 1);
    assert.deepEqual([r.problems[0].severity, r.problems[0].range.line, r.problems[0].range.character], ['error', 0, 0]);
    assert.match(r.problems[0].message, /^internal error reading broken\.json: /);
    const reader = createJsonlReader('/x/broken.jsonl');
    reader.line(undefined as unknown as string, 0);
    reader.line('{"model": "m", "task": "t", "score": 0.5}', 1);
    const streamed = reader.finish();
    assert.equal(streamed.problems.length, 1);
    assert.match(streamed.problems[0].message, /^internal error reading broken\.jsonl: /);
  });

  it('reads JSON Lines saved under a .json name', () => {
    const r = readResultsText('/x/rows.json', '{"model": "m", "task": "t", "score": 0.5}\n{"model": "m2", "task": "t", "score": 0.7}\n');
    assert.equal(r.format, 'table-jsonl');
    assert.deepEqual(r.observations.map((o) => [o.model.name, o.range.line]), [['m', 0], ['m2', 1]]);
  });
});

describe('isCandidateFile', () => {
  it('accepts results extensions in any case and nothing else', () => {
    for (const f of ['a.json', 'b.JSONL', 'c.csv', 'd.TSV', '/x/y/results_2024.json', 'log.eval', '/d/details_lighteval|aime24|0_2025.Parquet']) assert.ok(isCandidateFile(f), f);
    for (const f of ['a.md', 'b.json5', 'c.txt', 'csv', 'd.evals', 'e.json.bak', '/data/train-00000.parquet']) assert.ok(!isCandidateFile(f), f);
  });
});

describe('performance', () => {
  it('reads a 20 MB lm-eval v0.4 file within a few times JSON.parse', () => {
    const tasks: string[] = [];
    const shots: string[] = [];
    const configs: string[] = [];
    let i = 0;
    let size = 0;
    while (size < 20e6) {
      const task = `task_${i++}`;
      const entry = `    "${task}": {\n      "acc,none": 0.${(i * 7919) % 100000},\n      "acc_stderr,none": 0.0123,\n      "acc_norm,none": 0.5,\n      "acc_norm_stderr,none": 0.01,\n      "alias": "${task}"\n    }`;
      const config = `"${task}": {"task": "${task}", "doc_to_text": "${'Question: lorem ipsum dolor sit amet '.repeat(4)}", "num_fewshot": 0}`;
      tasks.push(entry);
      shots.push(`"${task}": 0`);
      configs.push(config);
      size += entry.length + config.length + task.length + 8;
    }
    const text = `{\n  "results": {\n${tasks.join(',\n')}\n  },\n  "configs": {${configs.join(',\n')}},\n  "n-shot": {${shots.join(', ')}},\n  "config": {"model_args": "pretrained=org/m-1b"}\n}\n`;
    assert.ok(text.length >= 20e6);
    const r = readResultsText('/big/results.json', text);
    assert.equal(r.observations.length, tasks.length * 2);
    // Against JSON.parse of the same text in the same run: positions cost 2–3x (README, Benchmarks), the
    // observations a little more; the best of three runs each keeps a busy machine's pauses out.
    const read = bestOf(3, () => readResultsText('/big/results.json', text));
    const parse = bestOf(3, () => JSON.parse(text));
    assert.ok(read < 8 * parse, `took ${read.toFixed(0)} ms, JSON.parse ${parse.toFixed(0)} ms`);
  });
});
