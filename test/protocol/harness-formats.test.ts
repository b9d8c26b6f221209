// The bundled server over stdio on a workspace of the newer formats: Inspect logs (`.json`, and one `.eval` archive
// that the editor cannot open as text) and a wide CSV (one row per model, one column per benchmark). The scores
// join scaling series, the text files get marks and hovers on their score, and the archive's points name lines of
// the header text the server serves for the client's view of it.
import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Hover, InlayHint } from 'vscode-languageserver-protocol';
import type { SeriesResult } from '../../server/src/core/results';
import { ARCHIVE_TEXT, GET_SERIES, LIST_SERIES, type SeriesSummary } from '../../server/src/protocol';
import { writeZip } from '../helpers/zip';
import { indexedWorkspace, type TestEditor, uriOf } from './lsp-client';

/** The one log of the set written as an `.eval` archive, within the workspace. */
const ARCHIVE = join('logs', 'lens-lm-6.9b.eval');
const SIZES = ['70m', '160m', '410m', '1.4b', '2.8b', '6.9b'];
/** Accuracy per size: at chance (0) for the small ones, then a jump. */
const ACCURACY = [0.01, 0.0, 0.02, 0.01, 0.45, 0.7];

function inspectLog(size: string, accuracy: number) {
  return {
    version: 2,
    status: 'success',
    eval: { task: 'arithmetic', model: `hf/acme/lens-lm-${size}`, config: { epochs: 1 }, dataset: { samples: 1000 } },
    results: {
      total_samples: 1000,
      completed_samples: 1000,
      scores: [{ name: 'match', scorer: 'match', scored_samples: 1000, metrics: { accuracy: { name: 'accuracy', value: accuracy }, stderr: { name: 'stderr', value: Math.sqrt((accuracy * (1 - accuracy)) / 1000) } } }],
    },
  };
}

const BOARD = ['model,params,word_unscramble_2_exact_match,average', ...SIZES.map((s, i) => `acme/board-lm-${s},${s},${[1, 0, 2, 30, 55, 80][i]},50`)].join('\n') + '\n';

describe('language server: Inspect logs and a wide table', () => {
  let editor: TestEditor;
  let dir: string;
  const archive = () => join(dir, ARCHIVE);
  const headerText = JSON.stringify(inspectLog('6.9b', ACCURACY[5]), null, 2);

  let dispose: () => Promise<void>;

  before(async () => {
    ({ dir, editor, dispose } = await indexedWorkspace('emergence-lens-formats-', (d) => {
      mkdirSync(join(d, 'logs'));
      SIZES.slice(0, 5).forEach((size, i) => writeFileSync(join(d, 'logs', `lens-lm-${size}.json`), JSON.stringify(inspectLog(size, ACCURACY[i]), null, 2)));
      writeFileSync(join(d, ARCHIVE), writeZip([['header.json', new TextEncoder().encode(headerText), 'deflate']]));
      writeFileSync(join(d, 'board.csv'), BOARD);
    }));
  });

  after(() => dispose());

  const list = () => editor.connection.sendRequest<SeriesSummary[]>(LIST_SERIES);
  const series = (id: string) => editor.connection.sendRequest<SeriesResult | null>(GET_SERIES, { id });

  it('joins the Inspect logs, the archive among them, into one series of the family, and reads the wide table', async () => {
    const all = await list();
    const arith = all.find((s) => s.task === 'arithmetic' && s.metric === 'accuracy')!;
    assert.ok(arith, JSON.stringify(all.map((s) => [s.task, s.metric])));
    assert.equal(arith.family, 'lens-lm');
    const full = (await series(arith.id))!;
    assert.equal(full.points.length, 6);
    assert.equal(arith.verdict, 'emergent');
    const board = all.find((s) => s.task === 'word_unscramble' && s.metric === 'exact_match')!;
    assert.ok(board, 'the wide table gives a series');
    assert.equal((await series(board.id))!.points.length, 6);
    assert.ok(!all.some((s) => s.task === 'average'));
  });

  it('marks and explains the score in an open Inspect log', async () => {
    const path = join(dir, 'logs', 'lens-lm-2.8b.json');
    const text = JSON.stringify(inspectLog('2.8b', ACCURACY[4]), null, 2);
    const uri = editor.open(path, text);
    const line = text.split('\n').findIndex((l) => l.includes(`"value": ${ACCURACY[4]}`));
    const diagnostics = await editor.nextDiagnostics(uri, (d) => d.some((x) => x.code === 'emergent'));
    assert.equal(diagnostics.find((d) => d.code === 'emergent')!.range.start.line, line);
    const hints = await editor.connection.sendRequest<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 1000, character: 0 } } });
    assert.ok(hints.some((h) => h.position.line === line));
    const hover = await editor.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character: text.split('\n')[line].indexOf('0.45') + 1 } });
    assert.match((hover!.contents as { value: string }).value, /\*\*acme\/lens\\-lm\\-2\\.8b\*\* \(2\\.8B parameters/);
  });

  it('marks the cell of a wide table', async () => {
    const uri = editor.open(join(dir, 'board.csv'), BOARD, 'csv');
    const hints = await editor.connection.sendRequest<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } } });
    const line = BOARD.split('\n').findIndex((l) => l.startsWith('acme/board-lm-2.8b'));
    assert.ok(hints.some((h) => h.position.line === line), JSON.stringify(hints.map((h) => h.position)));
  });

  it('serves the archive’s header text, on whose lines its points sit', async () => {
    const text = await editor.connection.sendRequest<string | null>(ARCHIVE_TEXT, { path: archive() });
    assert.equal(text, headerText);
    const arith = (await list()).find((s) => s.task === 'arithmetic' && s.metric === 'accuracy')!;
    const point = (await series(arith.id))!.points.find((p) => p.range.file === archive())!;
    assert.ok(point, 'a point from the archive');
    assert.equal(point.range.line, headerText.split('\n').findIndex((l) => l.includes(`"value": ${ACCURACY[5]}`)));
    assert.equal(await editor.connection.sendRequest(ARCHIVE_TEXT, { path: join(dir, 'board.csv') }), null);
    assert.ok(uriOf(archive()).startsWith('file:'));
  });
});
