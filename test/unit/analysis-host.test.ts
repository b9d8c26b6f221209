// The analysis host: what it returns after any sequence of changes is what a fresh host returns for the files as
// they end up (the editor's incremental analysis is the CLI's analysis), and a value once given out never changes.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { AnalysisHost, analysisOf, type Analysis } from '../../server/src/core/analysis-host';
import type { AnalysisOptions } from '../../server/src/core/analyze-group';
import type { Observation } from '../../server/src/core/types';
import { curve, LADDER } from '../helpers/synthetic';

const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const N = 400;
const se = (p: number) => Math.sqrt((p * (1 - p)) / N);

/** Curves a workspace holds: a clean jump, a borderline one, a smooth rise, a flat line at chance, a fall. */
const SHAPES: Record<string, number[]> = {
  jump: [0.25, 0.25, 0.26, 0.25, 0.26, 0.62, 0.78, 0.86],
  borderline: [0.25, 0.24, 0.26, 0.25, 0.25, 0.25, 0.33, 0.34],
  smooth: [0.3, 0.36, 0.42, 0.48, 0.54, 0.6, 0.66, 0.72],
  flat: [0.25, 0.26, 0.24, 0.25, 0.26, 0.25, 0.24, 0.25],
  fall: [0.8, 0.75, 0.7, 0.62, 0.55, 0.48, 0.41, 0.35],
};
const FAMILIES = ['alpha', 'beta', 'gamma'];
const TASKS = ['t0', 't1', 't2'];
/** Files the changes write: two of a name can hold the same results (duplicates) or different families. */
const FILES = ['/ws/a.csv', '/ws/b.csv', '/ws/c.csv', '/ws/d/e.csv', '/ws/f.csv'];

interface FileSpec {
  family: string;
  task: string;
  shape: string;
  /** A model without a size among the points (an API model, say). */
  unscaled: boolean;
}

function observationsOf(file: string, spec: FileSpec): Observation[] {
  const scores = SHAPES[spec.shape];
  const out = curve({ task: spec.task, family: spec.family, params: LADDER, scores, stderr: scores.map(se), n: N, baseline: 0.25, file });
  if (spec.unscaled) out.push({ ...out[0], model: { name: `${spec.family}-api`, family: spec.family }, range: { ...out[0].range, line: 20 } });
  return out;
}

/** One of `xs` (fc.constantFrom without spreading them into its arguments). */
const oneOf = <T>(xs: readonly T[]) => fc.integer({ min: 0, max: xs.length - 1 }).map((i) => xs[i]);
const fileSpec = fc.record({ family: oneOf(FAMILIES), task: oneOf(TASKS), shape: oneOf(Object.keys(SHAPES)), unscaled: fc.boolean() });
const OPTIONS: AnalysisOptions[] = [{}, { thresholds: { fdr: 0.01 } }, { thresholds: { significance: 2.5 } }];
type Change = { kind: 'write'; file: string; spec: FileSpec } | { kind: 'remove'; file: string } | { kind: 'options'; options: number };
const change: fc.Arbitrary<Change> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('write' as const), file: oneOf(FILES), spec: fileSpec }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('remove' as const), file: oneOf(FILES) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('options' as const), options: fc.integer({ min: 0, max: OPTIONS.length - 1 }) }) },
);

/** Every field of the analysis a surface can show, as plain data. */
function everything(a: Analysis) {
  return JSON.parse(JSON.stringify({ series: a.series(), problems: a.problems, techniques: a.techniques, falseDiscoveries: a.falseDiscoveries, byId: [...a.byId.keys()] })) as unknown;
}

/** Each file's share as the editor looks it up (the points and problems of every group holding it). */
function byFile(a: Analysis, files: readonly string[]) {
  return files.map((file) => {
    const groups = [...a.groupsOf(file)];
    return { file, points: groups.flatMap((g) => (g.pointsByFile.get(file) ?? []).map((r) => `${r.series.id}#${r.index}:${r.series.verdict}`)), problems: groups.flatMap((g) => (g.problemsByFile.get(file) ?? []).map((p) => p.message)) };
  });
}

describe('the analysis host', () => {
  it('after any sequence of writes, removals and option changes, equals a fresh analysis of the files as they end up, in every field', () => {
    fc.assert(
      fc.property(fc.array(fc.array(change, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 8 }), (batches) => {
        const host = new AnalysisHost();
        const files = new Map<string, Observation[]>();
        let options: AnalysisOptions = {};
        for (const batch of batches) {
          const changed = new Map<string, Observation[] | undefined>();
          for (const c of batch) {
            if (c.kind === 'options') options = OPTIONS[c.options];
            else if (c.kind === 'write') files.set(c.file, observationsOf(c.file, c.spec));
            else files.delete(c.file);
            if (c.kind !== 'options') changed.set(c.file, files.get(c.file));
          }
          host.applyChanges({ files: changed, options });
        }
        const fresh = analysisOf([...files.values()].flat(), options);
        assert.deepStrictEqual(everything(host.analysis), everything(fresh));
        assert.deepStrictEqual(byFile(host.analysis, FILES), byFile(fresh, FILES));
      }),
      { numRuns: RUNS, seed: 14 },
    );
  });

  it('never changes a value it gave out, whatever comes later', () => {
    const host = new AnalysisHost();
    const write = (file: string, spec: FileSpec) => host.applyChanges({ files: new Map([[file, observationsOf(file, spec)]]) });
    write('/ws/a.csv', { family: 'alpha', task: 't0', shape: 'jump', unscaled: false });
    write('/ws/b.csv', { family: 'beta', task: 't0', shape: 'borderline', unscaled: true });
    const old = host.analysis;
    const before = everything(old);
    const files = byFile(old, FILES);
    const borderline = old.series().find((s) => s.family === 'beta')!;
    assert.equal(borderline.verdict, 'emergent', 'significant over the two series tested');

    // Many more series tested, a file gone, other options: the borderline jump no longer survives the correction.
    for (let i = 0; i < 30; i++) write(`/ws/flat-${i}.csv`, { family: 'gamma', task: `flat${i}`, shape: 'flat', unscaled: false });
    host.applyChanges({ files: new Map([['/ws/a.csv', undefined]]) });
    host.applyChanges({ options: { thresholds: { fdr: 0.01 } } });
    assert.equal(host.analysis.byId.get(borderline.id)?.verdict, 'possibly-emergent', 'the new value says what changed');

    assert.deepStrictEqual(everything(old), before, 'the old value reads as it did');
    assert.deepStrictEqual(byFile(old, FILES), files);
    assert.equal(old.byId.get(borderline.id), borderline);
    assert.ok(Object.isFrozen(borderline) && Object.isFrozen(old.series()), 'and cannot be written to');
  });

  it('shares what a change did not touch with the value before it', () => {
    const host = new AnalysisHost();
    const a = observationsOf('/ws/a.csv', { family: 'alpha', task: 't0', shape: 'smooth', unscaled: false });
    const b = observationsOf('/ws/b.csv', { family: 'beta', task: 't0', shape: 'jump', unscaled: false });
    host.applyChanges({ files: new Map([['/ws/a.csv', a], ['/ws/b.csv', b]]) });
    const first = host.analysis;
    // A smooth curve edited into another smooth one: no count, verdict or q of the correction moves.
    const edited = a.map((o) => ({ ...o, score: o.score + 0.01 }));
    const update = host.applyChanges({ files: new Map([['/ws/a.csv', edited]]) });
    const jump = (x: Analysis) => x.series().find((s) => s.family === 'beta')!;
    assert.equal(jump(update.analysis), jump(first), 'the other family keeps its series object');
    assert.deepEqual([...(update.affected ?? [])], ['/ws/a.csv'], 'only the edited file is re-published');
    assert.notEqual(update.analysis.series().find((s) => s.family === 'alpha'), first.series().find((s) => s.family === 'alpha'));
    // The same text again: nothing to re-analyse, the same value.
    assert.equal(host.applyChanges({ files: new Map() }).analysis, update.analysis);
  });

  it('names every model without a size in one problem, in the order of the files, however the files came', () => {
    const host = new AnalysisHost();
    host.applyChanges({ files: new Map([['/ws/b.csv', observationsOf('/ws/b.csv', { family: 'beta', task: 't0', shape: 'smooth', unscaled: true })]]) });
    host.applyChanges({ files: new Map([['/ws/a.csv', observationsOf('/ws/a.csv', { family: 'alpha', task: 't0', shape: 'smooth', unscaled: true })]]) });
    const unscaled = host.analysis.problems.filter((p) => /no parameter count/.test(p.message));
    assert.equal(unscaled.length, 1);
    assert.match(unscaled[0].message, /2 models have no parameter count \("alpha-api", "beta-api"\)/);
    assert.equal(unscaled[0].range.file, '/ws/a.csv');
  });

  it('after a change whose analysis threw, the next change gives the fresh analysis of the files', () => {
    const host = new AnalysisHost();
    const a = observationsOf('/ws/a.csv', { family: 'alpha', task: 't0', shape: 'jump', unscaled: false });
    const b = observationsOf('/ws/b.csv', { family: 'beta', task: 't0', shape: 'smooth', unscaled: false });
    host.applyChanges({ files: new Map([['/ws/a.csv', a]]) });
    // A fault deep in the analysis (a bug, say) once the host has started regrouping the new file.
    let broken = true;
    const faulty = b.map((o) => Object.defineProperty({ ...o }, 'score', { enumerable: true, get: () => (broken ? assert.fail('analysis fault') : o.score) }));
    assert.throws(() => host.applyChanges({ files: new Map([['/ws/b.csv', faulty]]) }), /analysis fault/);
    broken = false;
    const c = observationsOf('/ws/c.csv', { family: 'gamma', task: 't1', shape: 'fall', unscaled: false });
    host.applyChanges({ files: new Map([['/ws/c.csv', c]]) });
    assert.deepStrictEqual(everything(host.analysis), everything(analysisOf([...a, ...faulty, ...c])));
    assert.ok(host.analysis.series().some((s) => s.family === 'beta'), 'the file of the failed change is analysed too');
  });
});
