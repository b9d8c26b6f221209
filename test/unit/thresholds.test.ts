// Thresholds across families: a task emergent in two families offset in capability, in the core and in the CLI.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analysis-host';
import { thresholdsAcrossFamilies } from '../../server/src/core/family-thresholds';
import { curve } from '../helpers/synthetic';

const SIZES = [1e8, 3e8, 1e9, 3e9, 1e10, 3e10];
const JUMP = [0, 0.001, 0, 0.002, 0.3, 0.6];
// The better-trained family gets the ability a decade earlier: the same curve, shifted two sizes down.
const EARLY = [0, 0.001, 0.3, 0.6, 0.7, 0.8];

describe('thresholds across families', () => {
  it('lists a task emergent in two families, the family that gets it at the smaller scale first', () => {
    const { series } = analyze([
      ...curve({ task: 'jumpy', metric: 'exact_match', family: 'late', params: SIZES, scores: JUMP, n: 2000, baseline: 0 }),
      ...curve({ task: 'jumpy', metric: 'exact_match', family: 'early', params: SIZES, scores: EARLY, n: 2000, baseline: 0 }),
      ...curve({ task: 'alone', metric: 'exact_match', family: 'late', params: SIZES, scores: JUMP, n: 2000, baseline: 0 }),
    ]);
    const tables = thresholdsAcrossFamilies(series);
    assert.equal(tables.length, 1, 'a task emergent in one family only is not listed');
    assert.deepEqual(tables[0].families.map((f) => [f.series.family, f.params]), [['early', 1e9], ['late', 1e10]]);
    assert.ok(tables[0].families.every((f) => f.interval.low < f.interval.high));
  });

  it('gives the onset in FLOPs too where the models know their training tokens (FLOPs = 6 · N · D)', () => {
    // Chinchilla-like: 20 tokens per parameter, so FLOPs = 120 N² at every size, and an onset of N in (low, high]
    // is one of 120 low² to 120 high² in FLOPs.
    const withTokens = (family: string, scores: number[]) =>
      curve({ task: 'jumpy', metric: 'exact_match', family, params: SIZES, scores, n: 2000, baseline: 0 }).map((o) => ({ ...o, model: { ...o.model, tokens: 20 * o.model.params! } }));
    const { series } = analyze([...withTokens('late', JUMP), ...withTokens('early', EARLY)]);
    for (const f of thresholdsAcrossFamilies(series)[0].families) {
      const { params, flops } = f.onset;
      assert.ok(params && flops, `${f.series.family}: an onset on both axes`);
      assert.ok(Math.abs(flops.low / (120 * params.low ** 2) - 1) < 1e-9 && Math.abs(flops.high / (120 * params.high ** 2) - 1) < 1e-9, JSON.stringify(f.onset));
    }
    // Without tokens, FLOPs are unknown: the onset is in parameters only.
    const bare = thresholdsAcrossFamilies(analyze([...curve({ task: 'jumpy', metric: 'exact_match', family: 'late', params: SIZES, scores: JUMP, n: 2000, baseline: 0 }), ...curve({ task: 'jumpy', metric: 'exact_match', family: 'early', params: SIZES, scores: EARLY, n: 2000, baseline: 0 })]).series);
    assert.ok(bare[0].families.every((f) => f.onset.params && f.onset.flops === null));
  });

  it('prints the table from the command line, and its JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'el-thresholds-'));
    const rows = ['model,family,params,task,metric,score,n'];
    SIZES.forEach((p, i) => rows.push(`late-${p},late,${p},jumpy,exact_match,${JUMP[i]},2000`, `early-${p},early,${p},jumpy,exact_match,${EARLY[i]},2000`));
    writeFileSync(join(dir, 'two.csv'), rows.join('\n') + '\n');
    const cli = (...args: string[]) => spawnSync(process.execPath, [resolve(__dirname, '../../dist/cli.js'), 'thresholds', dir, ...args], { encoding: 'utf8' });
    const text = cli().stdout;
    assert.match(text, /^jumpy exact_match\s+early\s+1B\s+—\s+300M – 1B$/m);
    assert.match(text, /^jumpy exact_match\s+late\s+10B\s+—\s+3B – 10B$/m);
    const doc = JSON.parse(cli('--json').stdout) as { thresholds: { task: string; families: { family: string; params: number }[] }[] };
    assert.deepEqual(doc.thresholds.map((t) => [t.task, t.families.map((f) => [f.family, f.params])]), [['jumpy', [['early', 1e9], ['late', 1e10]]]]);
  });
});
