// Each defect of the "no silent drops, no hangs" work, as a user would meet it, with the exact answer expected:
// encodings, deep nesting, damaged and metadata-first files, a CR inside a record, repeated keys, long names,
// bounded re-scoring, and an override file nested too deep.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { after, describe, it } from 'node:test';
import { distance } from 'fastest-levenshtein';
import { parseOverrides } from '../../server/src/core/overrides';
import { boundedDistance, charPartialCredit } from '../../server/src/core/rescore';
import { readResultsFile } from '../../server/src/io/files';
import { readResultsText } from '../../server/src/readers';
import { settleNames } from '../../server/src/readers/names';
import type { Observation } from '../../server/src/core/types';
import { seededRandom } from '../helpers/random';

const dir = mkdtempSync(join(tmpdir(), 'el-reliability-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const CSV = 'model,params,task,score\ntoy-70m,70m,t,0.1\ntoy-410m,410m,t,0.2\n';
const scores = (r: { observations: { score: number }[] }) => r.observations.map((o) => o.score);

describe('encodings on disk', () => {
  const utf16be = (text: string) => Buffer.from(text, 'utf16le').swap16();
  const utf32le = (text: string) => {
    const codes = Array.from(text, (c) => c.codePointAt(0)!);
    const out = Buffer.alloc(4 * codes.length);
    codes.forEach((c, i) => out.writeUInt32LE(c, 4 * i));
    return out;
  };
  const cases: [string, Buffer][] = [
    ['UTF-8 with a byte-order mark', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV)])],
    ['UTF-16LE with a byte-order mark (PowerShell >)', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CSV, 'utf16le')])],
    ['UTF-16LE without one', Buffer.from(CSV, 'utf16le')],
    ['UTF-16BE with a byte-order mark', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(CSV)])],
    ['UTF-32LE with a byte-order mark', Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), utf32le(CSV)])],
    ['UTF-32BE with a byte-order mark', Buffer.concat([Buffer.from([0, 0, 0xfe, 0xff]), utf32le(CSV).swap32()])],
  ];
  for (const [name, bytes] of cases) {
    it(`reads ${name} as the same table`, async () => {
      const file = join(dir, 'table.csv');
      writeFileSync(file, bytes);
      const result = await readResultsFile(file);
      assert.deepEqual(result.problems, []);
      assert.deepEqual(scores(result), [0.1, 0.2]);
      assert.deepEqual(result.observations.map((o) => o.range.line), [1, 2]);
    });
  }

  it('streams a UTF-32 JSON Lines file across chunks, characters outside the BMP included', async () => {
    // 64 KB read chunks split code points; "🦙" takes a surrogate pair once decoded.
    const rows = Array.from({ length: 2_000 }, (_, i) => JSON.stringify({ model: `toy-🦙-${['70m', '410m'][i % 2]}`, task: `t${Math.floor(i / 2)}`, score: 0.5 }));
    const file = join(dir, 'rows.jsonl');
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), utf32le(rows.join('\n') + '\n')]));
    const result = await readResultsFile(file);
    assert.deepEqual(result.problems, []);
    assert.equal(result.observations.length, 2_000);
    assert.equal(result.observations[1999].model.name, 'toy-🦙-410m');
  });
});

describe('damaged, oddly shaped and metadata-first files', () => {
  it('reads the rest of a results file with one value nested 5,000 deep, and marks that value', () => {
    const text = `{"results": {"t": {"acc,none": 0.5, "extra": ${'['.repeat(5000)}${']'.repeat(5000)}}}, "n-shot": {"t": 0}}`;
    const result = readResultsText('results.json', text);
    assert.deepEqual(scores(result), [0.5]);
    assert.deepEqual(
      result.problems.map((p) => [p.severity, p.message, p.range.character]),
      // Three objects hold the brackets, so the 510th bracket is the 513th level: the first one too deep.
      [['error', 'JSON nested more than 512 levels deep: this value is not read', text.indexOf('[') + 509]],
    );
  });

  it('finds a BIG-bench file whose first score entry is damaged and reads the others', () => {
    const text = JSON.stringify({
      model: { model_family: 'BIG-G', model_name: '2m' },
      scores: [{ subtask_description: 'x' }, { score_dict: { exact_str_match: 0.3 }, preferred_score: 'exact_str_match', subtask_description: 'toy:a' }],
    });
    assert.deepEqual(scores(readResultsText('scores_BIG-G_2m.json', text)), [0.3]);
  });

  it('says which BIG-bench score entries it skipped, and why, beside the ones it read', () => {
    const good = { score_dict: { exact_str_match: 0.3 }, preferred_score: 'exact_str_match', subtask_description: 'toy:a' };
    const text = JSON.stringify({ model: { model_family: 'BIG-G', model_name: '2m' }, scores: [42, { subtask_description: 'toy:b' }, { ...good, score_dict: { exact_str_match: 'high' } }, good] }, null, 1);
    const result = readResultsText('scores_BIG-G_2m.json', text);
    assert.deepEqual(scores(result), [0.3]);
    assert.deepEqual(result.problems.map((p) => p.message), ['not a score entry (an object with score_dict): skipped', 'score entry without a score_dict: skipped', 'toy:a exact_str_match is not a number: skipped']);
  });

  it('says so when a file with lm-eval keys holds no score it can read', () => {
    const result = readResultsText('results.json', '{"results": {"t": {"acc,none": "N/A"}}, "versions": {"t": 1}}');
    assert.equal(result.format, 'lm-eval-v0.3');
    assert.deepEqual(result.problems.map((p) => p.message), ['this looks like lm-evaluation-harness results, but no score could be read from it']);
  });

  it('warns where a repeated top-level key replaces an earlier one', () => {
    const text = '{\n "results": {"t": {"acc,none": 0.5}},\n "n-shot": {"t": 0},\n "results": {}\n}';
    const result = readResultsText('results.json', text);
    const warning = result.problems.find((p) => /twice/.test(p.message));
    assert.equal(warning?.message, '"results" appears twice at the top level: this one replaces the one on line 2');
    assert.deepEqual([warning?.range.line, warning?.range.character, warning?.range.endCharacter], [3, 1, 10]);
  });

  it('reads JSON Lines rows after a metadata line, and says the line was skipped', () => {
    const result = readResultsText('rows.jsonl', '{"exported": "2025-01-01"}\n{"model": "toy-70m", "task": "t", "score": 0.25}\n');
    assert.deepEqual(scores(result), [0.25]);
    assert.deepEqual(result.problems.map((p) => [p.range.line, p.message]), [[0, 'not a results row (no model, task and score keys): skipped']]);
  });

  it('says which lines of a per-sample log are no records: a metadata line at the top, at the end, or above a stray bracket', () => {
    const rec = (i: number) => JSON.stringify({ doc_id: i, doc: { q: i }, target: '1', resps: [['1']], filtered_resps: ['1'], filter: 'strict-match', metrics: ['exact_match'], exact_match: 1 });
    const records = `${rec(0)}\n${rec(1)}\n`;
    const log = (text: string) => readResultsText('/r/org__m-1b/samples_gsm8k_2025-01-01T00-00-00.jsonl', text);
    const meta = '{"version": "1.0"}\n';
    const cases: [string, [number, string][]][] = [
      [meta + records, [[0, 'not a per-sample record (no doc_id): skipped']]],
      [records + meta, [[0, '1 line with no doc_id, target or response skipped: not per-sample records']]],
      [`${meta}{\n${records}`, [[1, "JSON ends too early (file truncated?): '}' expected"], [0, 'not a record of this file (a metadata line?): skipped']]],
    ];
    for (const [text, problems] of cases) {
      const result = log(text);
      assert.equal(result.observations.find((o) => o.metric === 'exact_match')?.n, 2, text);
      assert.deepEqual(result.problems.map((p) => [p.range.line, p.message]), problems, text);
    }
  });

  it('reads JSON Lines rows below a stray bracket, and points at the bracket', () => {
    const result = readResultsText('rows.jsonl', '{\n{"model": "toy-70m", "task": "t", "score": 0.25}\n');
    assert.deepEqual(scores(result), [0.25]);
    assert.deepEqual(result.problems.map((p) => [p.range.line, p.severity]), [[0, 'error']]);
  });

  it('reads rows saved as .json below a stray bracket or bad lines, as it reads them in .jsonl', () => {
    const rows = '{"model": "toy-70m", "task": "t", "score": 0.25}\n{"model": "toy-410m", "task": "t", "score": 0.5}\n';
    for (const [lead, bad] of [['{\n', [0]], ['# exported\nnot json\n', [0, 1]]] as const) {
      const result = readResultsText('rows.json', lead + rows);
      assert.deepEqual(scores(result), [0.25, 0.5], lead);
      assert.deepEqual(result.problems.map((p) => [p.range.line, p.severity]), bad.map((line) => [line, 'error']), 'each bad line pointed at');
      const jsonl = JSON.stringify(readResultsText('rows.jsonl', lead + rows)).replaceAll('"rows.jsonl"', '"rows.json"');
      assert.deepEqual(JSON.parse(JSON.stringify(result)), JSON.parse(jsonl), 'the same answer as the .jsonl file');
    }
    // A pretty-printed document with empty objects on lines of their own is not mistaken for rows.
    assert.equal(readResultsText('config.json', '{\n  "a": [\n    {}\n  ],\n  "b": [\n    {}\n  ]\n}\n').format, null);
  });

  it('reads HELM statistics past a damaged first entry, and says it was skipped', () => {
    const stat = (name: string, mean: number) => ({ name: { name, split: 'test' }, count: 1, sum: mean, sum_squared: mean * mean, min: mean, max: mean, mean });
    for (const first of [42, { count: 3 }]) {
      const result = readResultsText('/runs/mmlu:subject=anatomy,model=openai_gpt2/stats.json', JSON.stringify([first, stat('exact_match', 0.5), stat('num_instances', 100)], null, 2));
      assert.equal(result.format, 'helm-stats', JSON.stringify(first));
      assert.deepEqual(result.observations.map((o) => [o.task, o.metric, o.score, o.n]), [['mmlu', 'exact_match', 0.5, 100]]);
      assert.deepEqual(result.problems.map((p) => [p.range.line, p.message]), [[1, 'not a HELM statistic (no name): skipped']]);
    }
  });

  it('reads a HELM run spec beside the statistics in the encoding it was saved in', async () => {
    const run = join(dir, 'suite', 'toy:subject=all,model=org_folder-name');
    mkdirSync(run, { recursive: true });
    const stat = (name: string, mean: number) => ({ name: { name, split: 'test' }, count: 1, sum: mean, sum_squared: mean * mean, mean });
    writeFileSync(join(run, 'stats.json'), JSON.stringify([stat('exact_match', 0.5), stat('num_instances', 100)]));
    const spec = JSON.stringify({ name: 'toy:subject=all,model=org_folder-name', adapter_spec: { model: 'org/from-the-spec', max_train_instances: 5 } });
    writeFileSync(join(run, 'run_spec.json'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(spec, 'utf16le')]));
    const [o] = (await readResultsFile(join(run, 'stats.json'))).observations;
    assert.deepEqual([o.model.name, o.shots], ['org/from-the-spec', 5], 'the UTF-16 run spec names the model and shots');
  });

  it("reads an eval set's headers past an entry that is not one, and says it was skipped", () => {
    const header = { version: 2, status: 'success', eval: { task: 'mmlu', model: 'hf/toy-1b' }, results: { scores: [{ name: 'choice', metrics: { accuracy: { name: 'accuracy', value: 0.4 } } }] } };
    const result = readResultsText('/logs/logs.json', JSON.stringify({ 'a.eval': header, notes: 1 }, null, 2));
    assert.equal(result.format, 'inspect-eval-set');
    assert.deepEqual(result.observations.map((o) => [o.task, o.metric, o.score]), [['mmlu', 'accuracy', 0.4]]);
    // (a.eval itself is not on disk here: that is an information, told apart in the eval-set tests.)
    assert.deepEqual(result.problems.filter((p) => p.severity === 'warning').map((p) => p.message), ['"notes" is not an Inspect log\'s header: skipped']);
  });

  it('keeps a record whole across a CR inside it, and counts the CR as the editor does', () => {
    // The editor sees three lines: the CR ends the first.
    const text = '{"model": "toy-70m",\r "task": "t", "score": 0.25}\n{"model": "toy-410m", "task": "t", "score": 0.5}\n';
    const result = readResultsText('rows.jsonl', text);
    assert.deepEqual(scores(result), [0.25, 0.5]);
    assert.deepEqual(
      result.observations.map((o) => [o.range.line, o.range.character]),
      [
        [1, ' "task": "t", "score": '.length],
        [2, '{"model": "toy-410m", "task": "t", "score": '.length],
      ],
    );
  });

  it('reads a CSV whose header sits below a title line, and notes the line above', () => {
    const result = readResultsText('t.csv', `# exported by a notebook\n${CSV}`);
    assert.deepEqual(scores(result), [0.1, 0.2]);
    assert.deepEqual(result.problems.map((p) => [p.severity, p.message]), [['info', "not read: the table's header is on line 2"]]);
  });

  it('cuts a 100,000-character task name to a bounded one, keeping different long names apart', () => {
    const long = 'n'.repeat(100_000);
    const result = readResultsText('t.csv', `model,params,task,score\ntoy-70m,70m,${long}a,0.1\ntoy-70m,70m,${long}b,0.2\n`);
    const tasks = result.observations.map((o) => o.task);
    assert.ok(tasks.every((t) => t.length <= 256), 'bounded');
    assert.notEqual(tasks[0], tasks[1]);
    assert.deepEqual(result.problems.map((p) => p.message), ['task name of 100001 characters cut to its first 246', 'task name of 100001 characters cut to its first 246']);
  });

  it('keeps no hold on a file\'s text through the names it read: 40 read 2 MB files stay a few MB in memory', () => {
    // A real lm-eval file is mostly its configs (prompt templates); its model name is all a result needs of that.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const file = (i: number) =>
      JSON.stringify({
        results: { arc_easy: { alias: 'arc_easy', 'acc,none': 0.5, 'acc_stderr,none': 0.01 } },
        configs: { arc_easy: { doc_to_text: `Question ${i}: ${'x'.repeat(2 ** 21)}` } },
        config: { model: 'hf', model_args: `pretrained=EleutherAI/pythia-1.4b-deduped-${i},revision=step143000` },
      });
    gc();
    const before = process.memoryUsage().heapUsed;
    const kept = Array.from({ length: 40 }, (_, i) => readResultsText(`results_${i}.json`, file(i)));
    gc();
    const grown = (process.memoryUsage().heapUsed - before) / 2 ** 20;
    assert.equal(kept[39].observations[0].model.name, 'EleutherAI/pythia-1.4b-deduped-39');
    assert.ok(grown < 20, `${grown.toFixed(0)} MB kept for 80 MB of files`);
  });

  it('keeps no hold on the text through a name it cut: a 400-character name cut from a 50 MB text', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    gc();
    const before = process.memoryUsage().heapUsed;
    const observation = (() => {
      // Each name a view of the text, as a parser's slice makes it.
      const text = `${'x'.repeat(1000)}${'n'.repeat(400)}${'y'.repeat(50 * 2 ** 20)}`;
      const o: Observation = { task: text.slice(1000, 1400), metric: 'acc', model: { name: 'toy-1b' }, score: 0.5, range: { file: 'f.json', line: 0, character: 0, endLine: 0, endCharacter: 0 } };
      settleNames([o], []);
      return o;
    })();
    gc();
    const grown = (process.memoryUsage().heapUsed - before) / 2 ** 20;
    assert.equal(observation.task.length, 255);
    assert.ok(grown < 10, `${grown.toFixed(0)} MB kept for a 50 MB text`);
  });
});

describe('bounded re-scoring', () => {
  const random = seededRandom(3);
  const text = (n: number) => Array.from({ length: n }, () => 'abcd'[Math.floor(random() * 4)]).join('');

  it('is exact where the budget allows it', () => {
    for (const [n, m] of [[0, 5], [40, 3000], [3000, 3000]]) {
      const a = text(n);
      const b = text(m);
      assert.equal(boundedDistance(a, b), distance(a, b), `${n} x ${m}`);
    }
  });

  it('is exact for long texts that differ only in a few places', () => {
    const a = text(300_000);
    const b = `${a.slice(0, 150_000)}x${a.slice(150_001)}`;
    assert.equal(boundedDistance(a, b), 1);
    assert.equal(boundedDistance(a, a), 0);
  });

  it('never under-counts past the budget, so a long answer never scores higher than it should', () => {
    // 6,000 x 6,000 is over the 10 million cells compared exactly; the exact distance is still affordable here.
    const a = text(6_000);
    const b = text(6_000);
    const exact = distance(a, b);
    const bounded = boundedDistance(a, b);
    assert.ok(bounded >= exact && bounded <= 6_000, `${bounded} against ${exact}`);
    assert.ok(charPartialCredit(a, b) <= 1 - exact / 6_000);
  });
});

describe('override file nested too deep', () => {
  it('reports the deep value where it starts and still applies the rest', () => {
    const text = `{\n  "thresholds": { "minJump": 0.2 },\n  "models": ${'['.repeat(6000)}${']'.repeat(6000)}\n}`;
    const parsed = parseOverrides(text, 'emergence-lens.json');
    assert.equal(parsed.overrides.thresholds?.minJump, 0.2);
    const deep = parsed.problems.find((p) => /nested more than 512/.test(p.message));
    // The root object is the first level, so the 512th bracket is the 513th: the first one too deep.
    assert.deepEqual([deep?.range.line, deep?.range.character], [2, '  "models": '.length + 511]);
  });
});
