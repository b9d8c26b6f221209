// Inspect AI logs read in place from shared/samples (inspect-ai-tests, inspect-ai-eval-sets; see SOURCES.md): `.json`
// logs, `.eval` archives and eval-set folders, each trap of SOURCES.md, and the same run in both containers.
// Expected values are read from the files with JSON.parse (and fflate for the archives' entries).
import { strict as assert } from 'node:assert';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { unzipSync } from 'fflate';
import { resolveModel } from '../../server/src/core/scale';
import type { Observation, ReadResult } from '../../server/src/core/types';
import { readResultsFile } from '../../server/src/io/files';
import { readResultsBytes, readResultsText } from '../../server/src/readers';
import { findOne, samplesDir, samplesMissing, sliceRange } from '../fixtures/readers/support';
import { writeZip, zipEntries, zstdToolMissing } from '../helpers/zip';

const TESTS = 'inspect-ai-tests/tests';
const SETS = 'inspect-ai-eval-sets/log-sets';
const path = (p: string) => join(samplesDir, p);
const json = (p: string) => JSON.parse(readFileSync(path(p), 'utf8'));
const header = (p: string) => new TextDecoder().decode(unzipSync(readFileSync(path(p)), { filter: (f) => f.name === 'header.json' })['header.json']);
const readJson = (p: string) => readResultsText(path(p), readFileSync(path(p), 'utf8'));
const readArchive = (p: string) => readResultsBytes(path(p), readFileSync(path(p)));

/** What a user sees of an observation, without where it sits. */
function seen(o: Observation) {
  const { range, model, items, ...rest } = o;
  void range;
  return { ...rest, model: { ...model, range: undefined }, items: items && { ids: [...items.ids], values: [...items.values] } };
}

const messages = (r: ReadResult) => r.problems.map((p) => `${p.severity}: ${p.message}`);

describe('Inspect logs', { skip: samplesMissing }, () => {
  it('the .json and the .eval of the same run (log_formats, one run_id) read identically', async () => {
    const runId = json(`${TESTS}/log/test_eval_log/log_formats.json`).eval.run_id;
    assert.equal(JSON.parse(header(`${TESTS}/log/test_eval_log/log_formats.eval`)).eval.run_id, runId);
    const fromJson = readJson(`${TESTS}/log/test_eval_log/log_formats.json`);
    const fromArchive = await readArchive(`${TESTS}/log/test_eval_log/log_formats.eval`);
    assert.deepEqual([fromJson.format, fromArchive.format], ['inspect-json', 'inspect-eval']);
    assert.ok(fromJson.observations.length >= 1);
    assert.deepEqual(fromArchive.observations.map(seen), fromJson.observations.map(seen));
    assert.deepEqual(fromArchive.problems, []);
    assert.deepEqual(fromJson.problems, []);
  });

  it('reads model, task, scorer, metric, stderr and n, with ranges on the value in the text (or in header.json)', async () => {
    const file = `${TESTS}/log/test_eval_log/log_formats.json`;
    const log = json(file);
    const o = findOne(readJson(file).observations, { metric: 'accuracy' });
    assert.deepEqual([o.model.name, o.task, o.filter], [log.eval.model.split('/').slice(1).join('/'), log.eval.task, log.results.scores[0].name]);
    assert.deepEqual([o.score, o.stderr, o.n], [log.results.scores[0].metrics.accuracy.value, log.results.scores[0].metrics.stderr.value, log.results.completed_samples]);
    assert.equal(Number(sliceRange(readFileSync(path(file), 'utf8'), o.range)), o.score);
    const archive = `${TESTS}/log/test_eval_log/log_streaming.eval`;
    const a = findOne((await readArchive(archive)).observations, { metric: 'accuracy' });
    assert.equal(Number(sliceRange(header(archive), a.range)), a.score);
  });

  it('respects epochs: 2 samples × 2 epochs give accuracy 0.75 over n = 2, with the 2 reduced values as items', async () => {
    const file = `${TESTS}/log/test_eval_log/log_streaming.eval`;
    const head = JSON.parse(header(file));
    assert.deepEqual([head.eval.config.epochs, head.results.total_samples], [2, 4]);
    const reductions = JSON.parse(new TextDecoder().decode(unzipSync(readFileSync(path(file)))['reductions.json']))[0].samples;
    const o = findOne((await readArchive(file)).observations, { metric: 'accuracy' });
    assert.deepEqual([o.score, o.n, o.attempts], [head.results.scores[0].metrics.accuracy.value, 2, 4]);
    assert.deepEqual([...o.items!.ids], reductions.map((s: { sample_id: number }) => s.sample_id));
    assert.deepEqual([...o.items!.values], reductions.map((s: { value: number }) => s.value));
  });

  it('counts every try only when epochs are reduced by their mean (a max or a mode of the tries is one number per item)', () => {
    const file = 'inspect-ai-tests/tests/analysis/test_logs/2025-05-12T20-28-13-04-00_popularity.json';
    const tried = (epochsReducer: string[] | undefined, scoreReducer?: string) => {
      const log = json(file);
      Object.assign(log.eval.config, { epochs: 3, epochs_reducer: epochsReducer });
      Object.assign(log.results, { total_samples: 9, completed_samples: 9 });
      if (scoreReducer) log.results.scores[0].reducer = scoreReducer;
      const o = findOne(readResultsText(path(file), JSON.stringify(log)).observations, { metric: 'accuracy' });
      return [o.n, o.attempts];
    };
    assert.deepEqual(tried(['mean']), [3, 9]);
    assert.deepEqual(tried(undefined), [3, 9], 'Inspect reduces epochs by their mean unless told otherwise');
    assert.deepEqual(tried(['max']), [3, undefined]);
    assert.deepEqual(tried(['mode']), [3, undefined]);
    assert.deepEqual(tried(['mean', 'max'], 'mean'), [3, 9], "the score's own reducer says which of several it is");
    assert.deepEqual(tried(['mean', 'max'], 'max'), [3, undefined]);
    assert.deepEqual(tried(['mean', 'max']), [3, undefined], 'several reducers and none named: not known to be the mean');
    assert.equal(findOne(readJson(file).observations, { metric: 'accuracy' }).attempts, undefined, 'one epoch is one try per item');
  });

  it('reads log version 3 (samples with a message pool) and string sample ids', async () => {
    const file = `${TESTS}/log/test_eval_log/log_message_deduplication.eval`;
    const head = JSON.parse(header(file));
    assert.equal(head.version, 3);
    const result = await readArchive(file);
    const o = findOne(result.observations, { metric: 'accuracy' });
    assert.deepEqual([o.model.name, o.task, o.filter, o.score], ['hardcoded', 'guess_number', 'closeness_log', head.results.scores[0].metrics.accuracy.value]);
    assert.deepEqual([...o.items!.ids], [0]); // sample_id "0"
    assert.deepEqual(result.problems, []);
  });

  it('maps the letters of per-sample scores (C/I) to the numbers the reductions hold', () => {
    const file = `${TESTS}/analysis/test_logs/2025-05-12T20-28-13-04-00_popularity.json`;
    const log = json(file);
    assert.deepEqual(log.samples.map((s: { scores: { match: { value: string } } }) => s.scores.match.value), ['C', 'C', 'I']);
    const withReductions = findOne(readJson(file).observations, { metric: 'accuracy' });
    const { reductions, ...withoutReductions } = log;
    assert.ok(reductions);
    const fromLetters = findOne(readResultsText(path(file), JSON.stringify(withoutReductions, null, 2)).observations, { metric: 'accuracy' });
    assert.deepEqual([...fromLetters.items!.values], [1, 1, 0]);
    assert.deepEqual(fromLetters.items, withReductions.items);
  });

  it('maps a partial answer (P) to 0.5 and leaves no answer (N) out, in any case of letter', () => {
    const file = `${TESTS}/analysis/test_logs/2025-05-12T20-28-13-04-00_popularity.json`;
    const { reductions: _, ...log } = json(file);
    ['P', 'N', 'c'].forEach((letter, i) => (log.samples[i].scores.match.value = letter));
    log.results.scores[0].metrics.accuracy.value = 0.75; // what Inspect reports for them: (0.5 + 1) / 2
    const o = findOne(readResultsText(path(file), JSON.stringify(log, null, 2)).observations, { metric: 'accuracy' });
    assert.deepEqual([...o.items!.values], [0.5, 1]);
    assert.equal(o.items!.ids.length, 2, 'the sample without an answer is no item');
  });

  it('re-scores answers against targets, and leaves multiple-choice letters and graded answers alone', async () => {
    const file = `${TESTS}/analysis/test_logs/2025-05-12T20-28-13-04-00_popularity.json`;
    const log = json(file);
    const edit = findOne(readJson(file).observations, { metric: 'edit_similarity' });
    assert.deepEqual([edit.fromSamples, edit.n, edit.filter], [{ standalone: true }, log.samples.length, 'match']);
    // "Yes" against " Yes" is the same answer; "No" against " Yes" shares no token.
    const same = log.samples.map((s: { target: string; scores: { match: { answer: string } } }) => Number(s.target.trim() === s.scores.match.answer));
    assert.deepEqual([...edit.items!.values], same);
    const graded = readJson(`${TESTS}/analysis/test_logs/2025-05-12T20-28-26-04-00_security-guide.json`).observations;
    assert.deepEqual(graded.map((o) => o.metric), ['accuracy']);
    for (const mc of ['mmlu-summary-choices.eval', 'mmlu-no-summary-choices.eval']) {
      const metrics = (await readArchive(`${TESTS}/analysis/test_logs_choices/${mc}`)).observations.map((o) => o.metric);
      assert.deepEqual(metrics, ['accuracy'], mc);
    }
  });

  it('takes the package off the task and the shots out of its name (inspect_evals/mmlu_0_shot)', async () => {
    const o = findOne((await readArchive(`${TESTS}/analysis/test_logs_choices/mmlu-summary-choices.eval`)).observations, { metric: 'accuracy' });
    assert.deepEqual([o.task, o.shots, o.model.name], ['mmlu', 0, 'gpt-4o']);
  });

  it('a cancelled log and one with an empty sample list are read for what they hold, and say so', () => {
    for (const name of ['2025-05-12T20-28-13-04-00_no-samples.json', '2025-05-12T20-28-13-04-00_popularity.json']) {
      const file = `${TESTS}/analysis/test_logs/${name}`;
      const log = json(file);
      assert.equal(log.status, 'cancelled');
      const result = readJson(file);
      const o = findOne(result.observations, { metric: 'accuracy' });
      assert.deepEqual([o.score, o.n], [log.results.scores[0].metrics.accuracy.value, log.eval.config.limit]);
      assert.equal(o.items?.ids.length, log.reductions[0].samples.length, name);
      assert.equal(result.problems.length, 1, name);
      assert.match(result.problems[0].message, /status is "cancelled".*3 samples completed \(the dataset has 100\)/);
    }
    assert.deepEqual(json(`${TESTS}/analysis/test_logs/2025-05-12T20-28-13-04-00_no-samples.json`).samples, []);
  });

  it('an unscored log (no results.scores, no reductions.json) says it holds no scores; its scored twin reads', async () => {
    const unscored = await readArchive(`${TESTS}/scorer/logs/2025-02-11T15-17-00-05-00_popularity_dPiJifoWeEQBrfWsAopzWr.eval`);
    assert.deepEqual([unscored.format, unscored.observations.length], ['inspect-eval', 0]);
    assert.match(messages(unscored).join('\n'), /^warning: this Inspect log has no scores/);
    assert.ok(unscored.problems[0].range.line > 0, 'points into header.json');
    const scored = await readArchive(`${TESTS}/scorer/logs/2025-02-11T15-18-04-05-00_popularity_mj7khqpMM4GBCfVQozKgzB.eval`);
    const o = findOne(scored.observations, { metric: 'accuracy' });
    assert.deepEqual([o.score, o.n, o.items?.ids.length], [0.8, 10, 10]);
  });

  it('a redacted model and task ("...") are read as unknown, with a warning at each', () => {
    const file = `${TESTS}/log/test_eval_log/log_tool_call_error.json`;
    const text = readFileSync(path(file), 'utf8');
    const result = readJson(file);
    assert.deepEqual(result.observations.map((o) => [o.model.name, o.task]), [['unknown model', 'unknown task']]);
    assert.deepEqual(result.problems.map((p) => sliceRange(text, p.range)), ['"..."', '"..."']);
    assert.deepEqual(messages(result).map((m) => m.replace(/ is redacted.*/, '')), ['warning: the model name', 'warning: the task name']);
  });

  it('reads old samples (with a transcript) and newer ones (with events) alike', () => {
    for (const [name, key] of [['log_formats.json', 'transcript'], ['log_read_sample.json', 'events']]) {
      const file = `${TESTS}/log/test_eval_log/${name}`;
      assert.ok(key in json(file).samples[0], name);
      const edit = findOne(readJson(file).observations, { metric: 'edit_similarity' });
      assert.equal(edit.items?.ids.length, json(file).samples.length, name);
    }
  });

  it('reads the two different runs of log_read_sample (json and eval) as two runs of one model', async () => {
    const a = readJson(`${TESTS}/log/test_eval_log/log_read_sample.json`);
    const b = await readArchive(`${TESTS}/log/test_eval_log/log_read_sample.eval`);
    assert.notEqual(json(`${TESTS}/log/test_eval_log/log_read_sample.json`).eval.run_id, JSON.parse(header(`${TESTS}/log/test_eval_log/log_read_sample.eval`)).eval.run_id);
    assert.equal(findOne(a.observations, { metric: 'accuracy' }).model.name, findOne(b.observations, { metric: 'accuracy' }).model.name);
  });

  it('cuts an absurd task name in an archive as in a text file, and says so', async () => {
    const file = path(`${TESTS}/log/test_eval_log/log_streaming.eval`);
    const long = `task_${'n'.repeat(100_000)}`;
    const entries = zipEntries(readFileSync(file)).map(([name, data]): [string, Uint8Array, 'deflate'] => {
      if (name !== 'header.json') return [name, data, 'deflate'];
      const header = JSON.parse(new TextDecoder().decode(data));
      header.eval.task = long;
      return [name, new TextEncoder().encode(JSON.stringify(header)), 'deflate'];
    });
    const result = await readResultsBytes(file, writeZip(entries));
    assert.ok(result.observations.length > 0);
    assert.ok(result.observations.every((o) => o.task.length <= 256 && o.task.startsWith('task_nnn')), 'bounded');
    assert.deepEqual(result.problems.map((p) => p.message), [`task name of ${long.length} characters cut to its first 246`]);
  });

  it('a Zstandard archive reads like its Deflate original', async (t) => {
    if (zstdToolMissing) t.diagnostic(zstdToolMissing);
    const file = path(`${TESTS}/log/test_eval_log/log_streaming.eval`);
    const original = readFileSync(file);
    const zstd = writeZip(zipEntries(original).map(([name, data]) => [name, data, 'zstd']));
    const fromZstd = await readResultsBytes(file, zstd);
    assert.deepEqual(fromZstd.problems, []);
    assert.deepEqual(fromZstd.observations, (await readResultsBytes(file, original)).observations);
  });
});

describe('Inspect eval sets', { skip: samplesMissing }, () => {
  it('reads every header of a set from logs.json, with n from scored_samples (limit 10 × 5 epochs → n 10)', async () => {
    for (const [set, n] of [['set', 100], ['set2', 10]] as const) {
      const logs = json(`${SETS}/${set}/logs.json`);
      const result = await readResultsFile(path(`${SETS}/${set}/logs.json`));
      assert.equal(result.format, 'inspect-eval-set');
      const expected = Object.values(logs).map((h) => {
        const score = (h as { results: { scores: { metrics: { accuracy: { value: number }; stderr: { value: number } }; scored_samples: number }[] } }).results.scores[0];
        return [score.metrics.accuracy.value, score.metrics.stderr.value, score.scored_samples];
      });
      const accuracy = result.observations.filter((o) => o.metric === 'accuracy');
      assert.deepEqual(accuracy.map((o) => [o.score, o.stderr, o.n]), expected, set);
      assert.ok(accuracy.every((o) => o.n === n));
      // set2 ran 10 samples × 5 epochs reduced by their mean: a 0 there is 0 of 50 tries.
      assert.deepEqual([...new Set(accuracy.map((o) => o.attempts))], [set === 'set2' ? 50 : undefined], set);
    }
    const set2 = Object.values(json(`${SETS}/set2/logs.json`)) as { results: { total_samples: number } }[];
    assert.ok(set2.every((h) => h.results.total_samples === 50));
  });

  it('leaves the archives logs.json lists to it (their scores are there), and reads archives outside a set', async () => {
    const inSet = await readResultsFile(path(`${SETS}/set/2025-09-15T15-02-26-04-00_popularity_L8g2GLGDDfsiXvdJ8LyZNJ.eval`));
    assert.deepEqual([inSet.format, inSet.observations.length, inSet.problems[0].severity], ['inspect-eval', 0, 'info']);
    const alone = await readResultsFile(path(`${SETS}/not-set/2025-09-15T15-07-21-04-00_popularity_TrR56PVX4fHPUViCDMPg8g.eval`));
    assert.equal(findOne(alone.observations, { metric: 'accuracy' }).model.name, 'gemini-2.5-flash');
  });

  it("gives each header of logs.json its archive's per-sample scores: the reduced value of each sample, over 5 epochs in set2", async () => {
    for (const [set, items] of [['set', 100], ['set2', 10]] as const) {
      const folder = `${SETS}/${set}`;
      const result = await readResultsFile(path(`${folder}/logs.json`));
      for (const name of Object.keys(json(`${folder}/logs.json`))) {
        const model = (json(`${folder}/logs.json`)[name] as { eval: { model: string } }).eval.model.split('/').pop();
        const [accuracy, ...others] = result.observations.filter((o) => o.metric === 'accuracy' && o.model.name === model);
        assert.equal(others.length, 0, name);
        const reduced = (JSON.parse(new TextDecoder().decode(unzipSync(readFileSync(path(`${folder}/${name}`)))['reductions.json'])) as { samples: { value: number }[] }[])[0].samples;
        assert.equal(reduced.length, items, name);
        assert.deepEqual([...accuracy.items!.values].sort(), reduced.map((s) => s.value).sort(), name);
        assert.ok(Math.abs(reduced.reduce((a, s) => a + s.value, 0) / items - accuracy.score) < 1e-9, name);
      }
    }
  });

  it('reads a set the same from logs.json as from its archives alone, but for where the scores sit', async () => {
    const folder = `${SETS}/set2`;
    const fromSet = (await readResultsFile(path(`${folder}/logs.json`))).observations.map(seen);
    const alone = mkdtempSync(join(tmpdir(), 'el-set-'));
    try {
      let fromArchives: ReturnType<typeof seen>[] = [];
      for (const name of Object.keys(json(`${folder}/logs.json`))) {
        copyFileSync(path(`${folder}/${name}`), join(alone, name));
        fromArchives = fromArchives.concat((await readResultsFile(join(alone, name))).observations.map(seen));
      }
      assert.ok(fromSet.some((o) => o.metric !== 'accuracy'), 'the answers are re-scored');
      assert.deepEqual(fromSet, fromArchives);
    } finally {
      rmSync(alone, { recursive: true, force: true });
    }
  });

  it('reads a logs.json whose archives are missing or damaged for its headers, and says which lost their samples', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'el-set-'));
    try {
      const logs = json(`${SETS}/set/logs.json`);
      const [first, second, third] = Object.keys(logs);
      copyFileSync(path(`${SETS}/set/logs.json`), join(folder, 'logs.json'));
      copyFileSync(path(`${SETS}/set/${first}`), join(folder, first));
      writeFileSync(join(folder, second), readFileSync(path(`${SETS}/set/${second}`)).subarray(0, 4000));
      const result = await readResultsFile(join(folder, 'logs.json'));
      const accuracy = result.observations.filter((o) => o.metric === 'accuracy');
      assert.equal(accuracy.length, 3, 'every header still gives its score');
      assert.deepEqual(accuracy.map((o) => o.items?.ids.length), [100, undefined, undefined]);
      const told = result.problems.map((p) => [p.severity, p.message.split(' ')[0]]);
      assert.deepEqual(told, [['warning', 'cannot'], ['info', third]]);
      assert.match(result.problems[0].message, new RegExp(`${second}.*read from this header alone`));
      assert.match(result.problems[1].message, /not beside this logs\.json/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('leaves a .json log that logs.json lists to it, with its samples, so the run is not counted twice', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'el-set-'));
    try {
      const log = json(`${TESTS}/analysis/test_logs/2025-05-12T20-28-13-04-00_popularity.json`) as Record<string, unknown>;
      const name = 'popularity.json';
      const { samples, reductions, ...headerOnly } = log;
      assert.ok(Array.isArray(samples) && Array.isArray(reductions));
      writeFileSync(join(folder, name), JSON.stringify(log));
      const alone = (await readResultsFile(join(folder, name))).observations.map(seen);
      writeFileSync(join(folder, 'logs.json'), JSON.stringify({ [name]: headerOnly }, null, 2));
      const listed = await readResultsFile(join(folder, name));
      assert.deepEqual([listed.observations.length, listed.problems.map((p) => p.severity)], [0, ['info']]);
      const fromSet = (await readResultsFile(join(folder, 'logs.json'))).observations.map(seen);
      assert.ok(alone.some((o) => o.items), 'the log has per-sample scores');
      assert.deepEqual(fromSet, alone);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('flash-lite, flash and pro look like a size ladder but carry no parameter counts', async () => {
    const names = new Set<string>();
    for (const file of [`${SETS}/set/logs.json`, `${SETS}/not-set/2025-09-15T15-07-04-04-00_popularity_CzDPvkooKpp4d24wMPkx5d.eval`]) {
      for (const o of (await readResultsFile(path(file))).observations) names.add(o.model.name);
    }
    for (const name of ['gemini-2.5-flash-lite', 'gemini-2.5-pro']) {
      assert.ok(names.has(name), name);
      assert.equal(resolveModel({ name }).params, undefined, name);
    }
  });
});
