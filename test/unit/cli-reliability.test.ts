// The CLI on what goes wrong around the files: more rows than a call's arguments hold, a folder it may not read,
// symbolic links, a FIFO, and a bad -o. Each ends with the data read or one line saying why, never a stack trace.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { readableTempDir } from '../helpers/unprivileged';

const CLI = resolve(__dirname, '../../dist/cli.js');
const SIZES = ['70m', '160m', '410m', '1b', '1.4b', '2.8b', '6.9b'];

function run(args: string[], as?: { uid: number; gid: number }) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000, uid: as?.uid, gid: as?.gid, maxBuffer: 1 << 28 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, timedOut: result.error !== undefined };
}

/** A CSV series of one task over the seven sizes. */
const series = (task: string) => ['model,params,task,score', ...SIZES.map((s, i) => `toy-${s},${s},${task},0.${i + 1}`)].join('\n') + '\n';

interface Output {
  series: { task: string; points: { file: string }[] }[];
  problems: { file: string; severity: string; message: string }[];
}

const STACK = /\n\s+at .+:\d+:\d+/;

describe('emergence-lens on hostile surroundings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'el-cli-rel-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a table of 130,000 rows (more than a spread call can take)', () => {
    const tasks = 18_572; // x 7 sizes: 130,004 rows
    const rows = Array.from({ length: 7 * tasks }, (_, i) => `toy-${SIZES[i % 7]},${SIZES[i % 7]},task_${Math.floor(i / 7)},0.${(i * 7919) % 1000}`);
    const file = join(dir, 'big.csv');
    writeFileSync(file, ['model,params,task,score', ...rows].join('\n') + '\n');
    const out = run(['analyze', file, '--json', '--all']);
    assert.equal(out.code, 0, out.stderr);
    const doc = JSON.parse(out.stdout) as Output;
    assert.deepEqual(doc.problems, []);
    // One series per task, each with all seven points.
    assert.equal(doc.series.length, tasks);
    assert.ok(doc.series.every((s) => s.points.length === 7));
  });

  it('follows symbolic links, once per real file, and ends a link loop', () => {
    const ws = join(dir, 'links');
    mkdirSync(join(ws, 'real'), { recursive: true });
    writeFileSync(join(ws, 'real', 'a.csv'), series('linked_task'));
    symlinkSync(join(ws, 'real'), join(ws, 'alias'));
    symlinkSync(ws, join(ws, 'real', 'loop'));
    const outside = join(dir, 'outside.csv');
    writeFileSync(outside, series('outside_task'));
    symlinkSync(outside, join(ws, 'outside-link.csv'));
    symlinkSync(join(dir, 'nowhere.csv'), join(ws, 'broken.csv'));
    const out = run(['analyze', ws, '--json']);
    assert.equal(out.code, 0, out.stderr);
    const doc = JSON.parse(out.stdout) as Output;
    const linked = doc.series.find((s) => s.task === 'linked_task');
    assert.equal(linked?.points.length, 7, 'the linked folder read once, not twice');
    assert.ok(doc.series.some((s) => s.task === 'outside_task'), 'a link to a file is read');
    const broken = doc.problems.find((p) => p.file.endsWith('broken.csv'));
    assert.match(broken?.message ?? '', /broken symbolic link/);
  });

  it('refuses a FIFO with a message instead of waiting on it forever', () => {
    const fifo = join(dir, 'results.json');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
    const out = run(['analyze', fifo]);
    assert.equal(out.timedOut, false);
    assert.equal(out.code, 1);
    assert.match(out.stderr, /results\.json: not read: not a regular file \(a FIFO\)/);
    const config = run(['analyze', join(dir, 'big.csv'), '--config', fifo]);
    assert.equal(config.timedOut, false);
    assert.match(config.stdout, /Overrides file is not a regular file/);
  });

  it('reports a folder it may not read and analyses the rest', () => {
    // DuckDB expands globs; the copy run as another user needs its own (an optional dependency, not bundled).
    const root = readableTempDir(CLI, [], ['@duckdb', 'detect-libc']);
    try {
      const ws = join(root.dir, 'ws');
      mkdirSync(join(ws, 'open'), { recursive: true });
      writeFileSync(join(ws, 'open', 'a.csv'), series('open_task'));
      mkdirSync(join(ws, 'locked'));
      writeFileSync(join(ws, 'locked', 'b.csv'), series('locked_task'));
      chmodSync(join(ws, 'locked'), 0o000);
      const out = spawnSync(process.execPath, [root.as?.server ?? CLI, 'analyze', ws, '--json'], { encoding: 'utf8', uid: root.as?.uid, gid: root.as?.gid });
      assert.equal(out.status, 0, out.stderr);
      const doc = JSON.parse(out.stdout) as Output;
      assert.ok(doc.series.some((s) => s.task === 'open_task'));
      const problem = doc.problems.find((p) => p.file.endsWith('locked'));
      assert.equal(problem?.message, 'not read: folder not read: permission denied (EACCES)');
      // The same folder under a glob (expanded by DuckDB, which passes over it) says so too.
      const glob = spawnSync(process.execPath, [root.as?.server ?? CLI, 'analyze', join(ws, '**', '*.csv'), '--json'], { encoding: 'utf8', uid: root.as?.uid, gid: root.as?.gid });
      assert.equal(glob.status, 0, glob.stderr);
      const globbed = JSON.parse(glob.stdout) as Output;
      assert.ok(globbed.series.some((s) => s.task === 'open_task'));
      assert.deepEqual(
        globbed.problems.filter((p) => p.file.endsWith('locked')).map((p) => [p.severity, p.message]),
        [['warning', `folder not read: permission denied (EACCES): what it holds is not in ${join(ws, '**', '*.csv')}`]],
      );
      chmodSync(join(ws, 'locked'), 0o755);
    } finally {
      rmSync(root.dir, { recursive: true, force: true });
    }
  });

  describe('report -o', () => {
    const input = join(dir, 'input.csv');
    writeFileSync(input, series('report_task'));

    for (const [what, output, pattern] of [
      ['a folder', dir, /is a folder: name the HTML file to write/],
      ['a file in a folder that does not exist', join(dir, 'missing', 'r.html'), /the folder .*missing does not exist/],
      ['the input file', input, /is one of the input files: it is not overwritten/],
    ] as const) {
      it(`refuses ${what} in one line, exit 2`, () => {
        const out = run(['report', input, '-o', output]);
        assert.equal(out.code, 2);
        assert.equal(out.stderr.trim().split('\n').length, 1, out.stderr);
        assert.doesNotMatch(out.stderr, STACK);
        assert.match(out.stderr, pattern);
      });
    }

    it('leaves the input untouched when -o names it through a symbolic link', () => {
      const link = join(dir, 'report-link.html');
      symlinkSync(input, link);
      assert.equal(run(['report', input, '-o', link]).code, 2);
      assert.equal(readFileSync(input, 'utf8'), series('report_task'));
    });

    it('leaves an input untouched when it came from a glob or from the sources of emergence-lens.json', () => {
      const globbed = join(dir, 'globbed');
      mkdirSync(globbed);
      const table = join(globbed, 'table.csv');
      writeFileSync(table, series('glob_task'));
      const glob = run(['report', join(globbed, '*.csv'), '-o', table]);
      assert.equal(glob.code, 2, glob.stderr);
      assert.match(glob.stderr, /is one of the input files: it is not overwritten/);
      const config = join(dir, 'sources.json');
      writeFileSync(config, JSON.stringify({ sources: ['globbed/*.csv'] }));
      const sourced = run(['report', '--config', config, input, '-o', table]);
      assert.equal(sourced.code, 2, sourced.stderr);
      assert.equal(readFileSync(table, 'utf8'), series('glob_task'));
    });

    it('says in one line, exit 1, when the file cannot be written', () => {
      const locked = readableTempDir(CLI, ['report.js', 'report.css'].map((f) => resolve(__dirname, '../../dist', f)));
      try {
        const readable = join(locked.dir, 'input.csv');
        writeFileSync(readable, series('report_task'));
        chmodSync(locked.dir, 0o555);
        const out = spawnSync(process.execPath, [locked.as?.server ?? CLI, 'report', readable, '-o', join(locked.dir, 'r.html')], { encoding: 'utf8', uid: locked.as?.uid, gid: locked.as?.gid });
        assert.equal(out.status, 1, out.stderr);
        assert.match(out.stderr, /^emergence-lens: cannot write .*r\.html: permission denied \(EACCES\)\n$/);
      } finally {
        chmodSync(locked.dir, 0o755);
        rmSync(locked.dir, { recursive: true, force: true });
      }
    });
  });
});
