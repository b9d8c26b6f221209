// The editor's incremental analysis (partitioned by model family) must find what the CLI finds on the same files,
// including per-sample logs whose folder names say nothing about the model: they join the aggregate beside them.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analysis-host';
import type { SeriesResult } from '../../server/src/core/results';
import { readResultsText } from '../../server/src/readers';
import { AnalysisSnapshot } from '../../server/src/lsp/analysis-snapshot';
import { IncrementalAnalysis } from '../../server/src/lsp/incremental-analysis';
import { WorkspaceIndex } from '../../server/src/lsp/workspace-index';
import { DEFAULT_SETTINGS } from '../../server/src/protocol';
import { seededRandom } from '../helpers/random';

const SIZES = ['70m', '160m', '410m', '1.4b', '2.8b', '6.9b'];
const DATE = '2025-01-01T00-00-00';
const DOCS = 300;
const DIGITS = 8;

/** One aggregate and one per-sample log per size, in folders named like job ids rather than models. */
function files(): Map<string, string> {
  const out = new Map<string, string>();
  SIZES.forEach((size, i) => {
    const folder = `/ws/runs/job-${1000 + i}`;
    const p = 0.45 + (0.53 * i) / (SIZES.length - 1);
    const next = seededRandom(7 + i);
    const lines: string[] = [];
    let exact = 0;
    for (let doc = 0; doc < DOCS; doc++) {
      const target = Array.from({ length: DIGITS }, () => String(Math.floor(next() * 10))).join('');
      const answer = [...target].map((d) => (next() < p ? d : String((Number(d) + 1) % 10))).join('');
      exact += answer === target ? 1 : 0;
      lines.push(JSON.stringify({ doc_id: doc, doc: {}, target, arguments: {}, resps: [[answer]], filtered_resps: [answer], filter: 'none', metrics: ['exact_match'], exact_match: answer === target ? 1 : 0 }));
    }
    const acc = exact / DOCS;
    const aggregate = {
      results: { long_addition: { alias: 'long_addition', 'exact_match,none': acc, 'exact_match_stderr,none': Math.sqrt((acc * (1 - acc)) / DOCS) || 0.001 } },
      'n-shot': { long_addition: 0 },
      config: { model: 'hf', model_args: `pretrained=acme/lens-lm-${size}` },
      model_name: `acme/lens-lm-${size}`,
    };
    out.set(`${folder}/results_${DATE}.json`, JSON.stringify(aggregate, null, 2));
    out.set(`${folder}/samples_long_addition_${DATE}.jsonl`, lines.join('\n') + '\n');
  });
  return out;
}

const summary = (series: readonly SeriesResult[]) =>
  series
    .map((s) => `${s.family} | ${s.task} | ${s.metric} | ${s.filter ?? ''} | ${s.points.length} points | ${s.verdict}`)
    .sort();

function indexOf(texts: Map<string, string>): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const [file, text] of texts) index.setDisk(file, { kind: 'results', result: readResultsText(file, text) });
  return index;
}

describe('incremental analysis', () => {
  it('joins per-sample logs to the aggregate in their folder, as the CLI does', () => {
    const texts = files();
    const index = indexOf(texts);
    const cli = analyze([...texts.keys()].flatMap((f) => index.results(f)?.observations ?? []));
    const rescored = cli.series.filter((s) => s.fromSamples && s.family === 'lens-lm');
    assert.ok(rescored.length >= 2, `re-scored series in the lens-lm family: ${summary(cli.series).join('; ')}`);
    assert.ok(rescored.every((s) => s.points.length === SIZES.length));

    const editor = new IncrementalAnalysis().update(index, DEFAULT_SETTINGS, AnalysisSnapshot.empty()).snapshot;
    assert.deepEqual(summary(editor.series), summary(cli.series));
  });

  it('keeps the join when the aggregate is edited after the logs were indexed', () => {
    const texts = files();
    const index = indexOf(texts);
    const analysis = new IncrementalAnalysis();
    let snapshot = analysis.update(index, DEFAULT_SETTINGS, AnalysisSnapshot.empty()).snapshot;
    const before = summary(snapshot.series);
    const file = [...texts.keys()].find((f) => f.includes('job-1003') && f.endsWith('.json'))!;
    // The same text re-read, as after a save: nothing may move to another partition.
    index.setDisk(file, { kind: 'results', result: readResultsText(file, texts.get(file)!) });
    snapshot = analysis.update(index, DEFAULT_SETTINGS, snapshot).snapshot;
    assert.deepEqual(summary(snapshot.series), before);

    // Renaming the task over and over (typing its name) leaves one series, and remembers only the current one.
    for (const name of ['l', 'lo', 'lon', 'long_', 'long_add']) {
      index.setDisk(file, { kind: 'results', result: readResultsText(file, texts.get(file)!.replaceAll('long_addition', name)) });
      snapshot = analysis.update(index, DEFAULT_SETTINGS, snapshot).snapshot;
    }
    assert.equal(analysis.host.rememberedCurves, snapshot.series.length, 'curve facts of renamed series are forgotten');
    index.setDisk(file, { kind: 'results', result: readResultsText(file, texts.get(file)!) });
    snapshot = analysis.update(index, DEFAULT_SETTINGS, snapshot).snapshot;

    // Deleting the aggregate leaves its log to the folder's own name, as the CLI would.
    index.deleteDisk(file);
    texts.delete(file);
    snapshot = analysis.update(index, DEFAULT_SETTINGS, snapshot).snapshot;
    const cli = analyze([...texts.keys()].flatMap((f) => index.results(f)?.observations ?? []));
    assert.deepEqual(summary(snapshot.series), summary(cli.series));
  });
});
