// The server under load: 200 open results documents, thousands of random edits with hover and inlay-hint
// requests in between, all without waiting. Every request must get an answer (a result, or a cancellation
// the protocol allows for stale requests), the server must stay up and shut down cleanly, and its memory must
// stay bounded: the edits come in two equal rounds, and the second may not grow the server's resident memory the
// way a leak would (a ratio of the same process, read from /proc on Linux). A fixed seed keeps failures
// reproducible; LOAD_SEED and LOAD_EDITS (5000 for the issue's figure) change the run.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LSPErrorCodes, ResponseError, type Position } from 'vscode-languageserver-protocol';
import { ROOT, TestEditor, ensureBundle } from './lsp-client';
import { seededRandom } from '../helpers/random';

const DOCUMENTS = 200;
const EDITS = Number(process.env.LOAD_EDITS ?? 2000);
const REQUEST_EVERY = 2; // a hover or inlay-hint request after every second edit
const TEMPLATE = readFileSync(join(ROOT, 'examples/lm-eval/example-org__toy-lm-2.8b/results_2025-01-01T00-00-04.json'), 'utf8');
/** Resident and peak resident memory of a process in MB, or undefined off Linux. */
function memoryOf(pid: number): { rss: number; peak: number } | undefined {
  const file = `/proc/${pid}/status`;
  if (!existsSync(file)) return undefined;
  const status = readFileSync(file, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

const settle = () => new Promise((r) => setTimeout(r, 500));

const PIECES = ['0', '.5', ',', '"acc,none": 0.9, ', '\n', '{', '}', '"x"', 'NaN', '-1e999', '  ', '"arithmetic_3da"'];

describe('server under load', { timeout: 180_000 }, () => {
  let editor: TestEditor;
  let dir: string;
  const docs: TextDocument[] = [];

  before(async () => {
    ensureBundle();
    dir = mkdtempSync(join(tmpdir(), 'el-load-'));
    for (let i = 0; i < DOCUMENTS; i++) {
      const text = TEMPLATE.replace(/toy-lm-2\.8b/g, `toy-lm-${i + 1}m`).replace(/0\.2011/, (0.001 * (i % 300)).toFixed(4));
      const folder = join(dir, `example-org__toy-lm-${i + 1}m`);
      mkdirSync(folder);
      writeFileSync(join(folder, 'results_2025-01-01T00-00-00.json'), text);
      docs.push(TextDocument.create(`file://${join(folder, 'results_2025-01-01T00-00-00.json')}`, 'json', 1, text));
    }
    editor = new TestEditor();
    const indexed = editor.indexed(60_000);
    await editor.initialize(dir);
    await indexed;
  });

  after(() => {
    editor?.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it(`answers every request through ${EDITS} random edits of ${DOCUMENTS} open documents`, async () => {
    const next = seededRandom(Number(process.env.LOAD_SEED ?? 6));
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
    const positionIn = (doc: TextDocument): Position => doc.positionAt(Math.floor(next() * (doc.getText().length + 1)));
    for (const doc of docs) editor.open(new URL(doc.uri).pathname, doc.getText());
    const began = performance.now();
    const pid = editor.process.pid!;

    let pending: Promise<'answered' | 'cancelled'>[] = [];
    const answered = (request: Promise<unknown>) =>
      request.then(
        () => 'answered' as const,
        (e: unknown) => {
          // A server may drop a request the document has moved past; anything else is a failure.
          if (e instanceof ResponseError && (e.code === LSPErrorCodes.ContentModified || e.code === LSPErrorCodes.RequestCancelled)) return 'cancelled' as const;
          throw e;
        },
      );
    const storm = (edits: number) => {
      for (let i = 0; i < edits; i++) {
        const doc = pick(docs);
        const start = positionIn(doc);
        const from = doc.offsetAt(start);
        const end = doc.positionAt(from + Math.floor(next() * 12));
        const text = next() < 0.5 ? pick(PIECES) : '';
        TextDocument.update(doc, [{ range: { start, end }, text }], doc.version + 1);
        editor.change(doc.uri, [{ range: { start, end }, text }]);
        if (i % REQUEST_EVERY) continue;
        const target = pick(docs);
        const textDocument = { uri: target.uri };
        pending.push(
          answered(
            next() < 0.5
              ? editor.connection.sendRequest('textDocument/hover', { textDocument, position: positionIn(target) })
              : editor.connection.sendRequest('textDocument/inlayHint', { textDocument, range: { start: { line: 0, character: 0 }, end: target.positionAt(target.getText().length) } }),
          ),
        );
      }
    };
    // Round one warms every cache the edits fill; round two must not keep growing.
    const outcomes: ('answered' | 'cancelled')[] = [];
    const rounds: { rss: number; peak: number }[] = [];
    for (const round of [1, 2]) {
      storm(EDITS / 2);
      for (const outcome of await Promise.all(pending)) outcomes.push(outcome);
      pending = [];
      await settle();
      const memory = memoryOf(pid);
      if (memory) rounds.push(memory);
      console.log(`load: round ${round}, ${outcomes.length} requests answered after ${(performance.now() - began).toFixed(0)} ms${memory ? `, server RSS ${memory.rss.toFixed(0)} MB (peak ${memory.peak.toFixed(0)} MB)` : ''}`);
    }
    assert.equal(outcomes.length, EDITS / REQUEST_EVERY);
    assert.ok(outcomes.filter((o) => o === 'answered').length > outcomes.length / 2, 'most requests get a result');
    assert.equal(editor.process.exitCode, null, `server alive; stderr:\n${editor.stderr.slice(-2000)}`);
    if (rounds.length === 2) {
      const [one, two] = rounds;
      // Garbage collection makes RSS wander by tens of MB; a leak of the documents' size per edit would add hundreds.
      assert.ok(two.rss <= one.rss * 1.5 + 64, `resident memory grew from ${one.rss.toFixed(0)} to ${two.rss.toFixed(0)} MB over the second round`);
      assert.ok(two.peak <= one.peak * 1.5 + 64, `peak memory grew from ${one.peak.toFixed(0)} to ${two.peak.toFixed(0)} MB over the second round`);
    }

    // Still in step: a document replaced whole is analysed again, and the server shuts down cleanly.
    const first = docs[0];
    const analysed = editor.nextDiagnostics(first.uri, () => true, 30_000);
    editor.change(first.uri, [{ text: TEMPLATE }]);
    await analysed;
    const hover = await editor.connection.sendRequest<{ contents: unknown } | null>('textDocument/hover', { textDocument: { uri: first.uri }, position: { line: 4, character: 20 } });
    assert.ok(hover?.contents, 'a hover on a score after the storm');
    assert.equal(await editor.shutdown(), 0);
  });
});
