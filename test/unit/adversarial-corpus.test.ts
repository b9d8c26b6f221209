// The adversarial corpus (test/helpers/adversarial.ts) through every reader, from disk as the CLI and the server
// read it and as text as an editor hands it over; then the whole corpus through the CLI, reading and analysis,
// in one run. For each case: no exception escapes; it takes at most RATIO times as long as a valid file of its format
// and size read in the same run; a file that looks like results yields series or a problem (never silence), and
// one that does not yields nothing. The figures (cases, crashes, hangs, silent drops) are printed at the end.
// Small by default; FUZZ_RUNS=3000 makes 30 random cases per format and kind of damage instead of 3.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseOverrides } from '../../server/src/core/overrides';
import type { ReadResult } from '../../server/src/core/types';
import { readResultsFile, readTextFile } from '../../server/src/io/files';
import { readResultsText } from '../../server/src/readers';
import { adversarialCorpus, overridesFormat, RESULT_FORMATS, type Case } from '../helpers/adversarial';
import { assertWellFormed } from '../helpers/ranges';
import { bestOfAsync } from '../helpers/timing';

const RUNS = process.env.FUZZ_RUNS ? Math.max(1, Math.round(Number(process.env.FUZZ_RUNS) / 100)) : 3;
const SEED = 20251201;
/** A damaged JSON file goes through jsonc-parser, 6–8x the strict parser; the rest is headroom for a busy machine. */
const RATIO = 25;
const CLI = resolve(__dirname, '../../dist/cli.js');

type Failure = 'crash' | 'hang' | 'silent drop' | 'noise' | 'bad range';

/** Reading as the CLI and the server do; the override file as both read it. */
async function readFromDisk(path: string, c: Pick<Case, 'file'>): Promise<ReadResult> {
  if (c.file.endsWith(overridesFormat.file)) {
    const parsed = parseOverrides(await readTextFile(path), path);
    return { format: null, observations: [], problems: parsed.problems };
  }
  return readResultsFile(path);
}

describe('adversarial corpus', { timeout: 600_000 }, () => {
  const corpus = adversarialCorpus(SEED, RUNS);
  const dir = mkdtempSync(join(tmpdir(), 'emergence-lens-corpus-'));
  const casesDir = join(dir, 'cases');
  const twinsDir = join(dir, 'twins');
  const failures: { name: string; kind: Failure; detail: string }[] = [];
  const paths = new Map<Case, string>();
  /** The cost of reading a small valid file of each format: the floor of every bound, measured here too. */
  const floor = new Map<string, number>();

  before(async () => {
    corpus.forEach((c, i) => {
      const path = join(casesDir, String(i), c.file);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, c.bytes);
      paths.set(c, path);
    });
    for (const format of [...RESULT_FORMATS, overridesFormat]) {
      const path = join(twinsDir, 'floor', format.id, format.file);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, format.valid(4_000));
      floor.set(format.file, await bestOfAsync(5, () => readFromDisk(path, format)));
    }
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  const fail = (name: string, kind: Failure, detail: string) => failures.push({ name, kind, detail });

  it('reads every case within its bound, and says something about every file that looks like results', async () => {
    let twins = 0;
    for (const c of corpus) {
      const path = paths.get(c)!;
      let disk: ReadResult | undefined;
      let editor: ReadResult | undefined;
      const started = performance.now();
      try {
        disk = await readFromDisk(path, c);
      } catch (e) {
        fail(c.name, 'crash', `from disk: ${(e as Error).stack}`);
      }
      let ms = performance.now() - started;
      try {
        if (!c.file.endsWith(overridesFormat.file)) editor = readResultsText(path, c.text);
      } catch (e) {
        fail(c.name, 'crash', `as editor text: ${(e as Error).stack}`);
      }
      if (!disk) continue;

      // The bound is RATIO x the slower of the twin and a small valid file; the twin is only read when needed.
      const base = floor.get(c.file) ?? 0;
      let bound = RATIO * base;
      if (ms > bound && c.twin) {
        const twinPath = join(twinsDir, String(twins++), c.file);
        mkdirSync(dirname(twinPath), { recursive: true });
        writeFileSync(twinPath, c.twin);
        bound = RATIO * Math.max(base, await bestOfAsync(3, () => readFromDisk(twinPath, c)));
      }
      // A first run over the bound is timed again: a busy machine only ever adds time, a real blow-up stays.
      if (ms > bound && c.twin) ms = Math.min(ms, await bestOfAsync(2, () => readFromDisk(path, c)));
      if (ms > bound && c.twin) fail(c.name, 'hang', `${ms.toFixed(1)} ms, bound ${bound.toFixed(1)} ms`);

      for (const [how, result] of [['from disk', disk], ['as editor text', editor]] as const) {
        if (!result) continue;
        try {
          assertWellFormed(c.text, result);
        } catch (e) {
          fail(c.name, 'bad range', `${how}: ${(e as Error).message}`);
        }
        const said = result.format !== null && (result.observations.length > 0 || result.problems.length > 0);
        if (c.expect === 'results' && !said) fail(c.name, 'silent drop', `${how}: format ${result.format}, nothing read and nothing said`);
        const anything = result.format !== null || result.observations.length > 0 || result.problems.length > 0;
        if (c.expect === 'nothing' && anything) fail(c.name, 'noise', `${how}: ${JSON.stringify(result.problems.slice(0, 2))}`);
      }
    }
    const count = (kind: Failure) => failures.filter((f) => f.kind === kind).length;
    const results = corpus.filter((c) => c.expect === 'results').length;
    process.stdout.write(
      `# adversarial corpus (seed ${SEED}, ${RUNS} per kind): ${corpus.length} cases (${results} that look like results), ` +
        `${count('crash')} crashes, ${count('hang')} hangs, ${count('silent drop')} silent drops, ${count('noise')} non-results files that said something, ${count('bad range')} ranges outside the text\n`,
    );
    assert.deepEqual(failures.slice(0, 10), [], `${failures.length} failures`);
  });

  it('runs through the CLI in one go: exit 0, no stack trace, every results-like file in the output', () => {
    const run = spawnSync(process.execPath, [CLI, 'analyze', casesDir, '--json', '--all'], { encoding: 'utf8', maxBuffer: 1 << 30 });
    assert.equal(run.status, 0, run.stderr);
    assert.doesNotMatch(run.stderr, /\n\s+at .+:\d+:\d+/, 'no stack trace');
    const doc = JSON.parse(run.stdout) as { series: { points: { file: string }[] }[]; problems: { file: string }[] };
    const mentioned = new Set([...doc.problems.map((p) => p.file), ...doc.series.flatMap((s) => s.points.map((p) => p.file))]);
    for (const c of corpus) {
      // The CLI reads override files as overrides, not as results.
      if (c.file.endsWith(overridesFormat.file)) continue;
      const path = paths.get(c)!;
      if (c.expect === 'results') assert.ok(mentioned.has(path), `${c.name}: not in the CLI's output`);
      if (c.expect === 'nothing') assert.ok(!mentioned.has(path), `${c.name}: in the CLI's output`);
    }
  });
});
