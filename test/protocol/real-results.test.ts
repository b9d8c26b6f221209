// The bundled server over stdio on real published results: BLOOM at five sizes (lm-eval v0.3, ../shared/samples),
// a file of MMLU subjects as a user opens it. Every expectation is read off the numbers of the files:
// high-school statistics scores 20 %, 21 %, 18 %, 25 %, 33 % (216 questions, chance 25 %): a last-model jump of
// about 2 SE that a correction over hundreds of series cannot keep; human sexuality scores 30 %, 29 %, 27 %,
// 34 %, 34 % (131 questions): above chance throughout, no change with scale.
import { strict as assert } from 'node:assert';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DiagnosticSeverity, type Hover, type InlayHint } from 'vscode-languageserver-protocol';
import { LIST_SERIES, type SeriesSummary } from '../../server/src/protocol';
import { skipUnlessRequired } from '../helpers/required';
import { ensureBundle, ROOT, TestEditor, uriOf } from './lsp-client';

const SAMPLES = join(ROOT, '..', 'shared', 'samples', 'lm-eval-v0.3-bloom');
const BIGGEST = 'bloom-7b1.json';
const STATISTICS = 'hendrycksTest-high_school_statistics';
const SEXUALITY = 'hendrycksTest-human_sexuality';
const skip = skipUnlessRequired(!existsSync(SAMPLES) && `no real samples at ${SAMPLES}`);

describe('language server over stdio on real results (BLOOM, lm-eval v0.3)', { skip }, () => {
  let editor: TestEditor;
  let dir: string;
  let text: string;
  let uri: string;

  /** 0-based line of a task's block, and of a key inside it. */
  const lineOf = (task: string, key?: string) => {
    const lines = text.split('\n');
    const start = lines.findIndex((l) => l.includes(`"${task}": {`));
    return key === undefined ? start : lines.findIndex((l, i) => i > start && l.includes(`"${key}": `));
  };
  const hoverText = async (line: number) => {
    const h = await editor.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character: 8 } });
    assert.ok(h, `a hover on line ${line + 1}`);
    return (h.contents as { value: string }).value;
  };
  const hints = () => editor.connection.sendRequest<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } } });

  before(async () => {
    ensureBundle();
    // A copy: the server reads the samples where they are, but a workspace is the user's and may be written to.
    dir = mkdtempSync(join(tmpdir(), 'emergence-lens-bloom-'));
    cpSync(SAMPLES, dir, { recursive: true });
    editor = new TestEditor();
    editor.settings = { severity: 'information' };
    await editor.initialize(dir);
    await editor.indexed(60_000);
    text = readFileSync(join(dir, BIGGEST), 'utf8');
    uri = editor.open(join(dir, BIGGEST), text);
    await editor.nextDiagnostics(uri);
  });

  after(() => {
    editor?.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('hints only the jump that may be chance, with the short label every surface uses', async () => {
    const all = await hints();
    const labels = all.map((h) => `${h.position.line}:${String(h.label)}`);
    assert.deepEqual(labels, [`${lineOf(STATISTICS, 'acc')}:⚡? possibly emergent ≥ 7.07B`], 'notable mode: the MMLU subjects at chance or flat carry no hint');
    const listed = (await editor.connection.sendRequest<SeriesSummary[]>(LIST_SERIES)).find((s) => s.task === STATISTICS && s.metric === 'acc');
    assert.equal(listed?.verdict, 'possibly-emergent', 'not reported as emergent: it does not survive the correction');
    assert.equal(listed?.verdictLabel, '⚡? possibly emergent ≥ 7.07B');
  });

  it('says on hover that the jump may be chance, in one short first screen without a step table', async () => {
    const value = await hoverText(lineOf(STATISTICS, 'acc'));
    const paragraphs = value.split(/\n\n+/);
    assert.ok(paragraphs.length <= 10, `at most ten lines, got ${paragraphs.length}:\n${value}`);
    assert.match(paragraphs[0], /possibly emergent ≥ 7\\\.07B/);
    assert.match(value, /may be chance/);
    assert.match(value, /not significant over the \d{3,} series tested/, 'the correction counts every series of the workspace');
    assert.match(value, /0\.333/, "this model's score");
    assert.doesNotMatch(value, /Multi-step/, 'a 4-way multiple-choice subject has no known step count');
    assert.ok(value.split(/\s+/).length < 250, `a first screen, not an essay (${value.split(/\s+/).length} words)`);
  });

  it('summarises the task on its name line', async () => {
    const value = await hoverText(lineOf(STATISTICS));
    assert.match(value, /^\*\*hendrycksTest\\-high\\_school\\_statistics\*\* — bigscience\/bloom\\-7b1/);
    const rows = value.split('\n').filter((l) => l.startsWith('- '));
    assert.ok(rows.some((r) => /^- ⚡\? acc\b.*: possibly emergent/.test(r)), value);
    assert.ok(rows.some((r) => /^- — acc\\_norm\b/.test(r)), 'acc_norm (32 % at the largest, 1 SE) has no jump');
  });

  it('calls a flat series above chance what it is, without hypotheses', async () => {
    const value = await hoverText(lineOf(SEXUALITY, 'acc'));
    assert.match(value.split(/\n\n+/)[0], /— flat above chance$/);
    assert.doesNotMatch(value, /— at chance/);
    assert.doesNotMatch(value, /Multi-step|Metric flaw/, 'no jump to explain');
  });

  it('lists each finding once in Problems at information severity, on the model where it jumps', async () => {
    await editor.waitFor('the mark of the jump', () => editor.diagnostics.get(uri)?.some((d) => d.code === 'emergent'));
    const findings = readdirSync(dir).flatMap((file) => (editor.diagnostics.get(uriOf(join(dir, file))) ?? []).filter((d) => d.code === 'emergent').map((d) => ({ file, d })));
    assert.equal(findings.length, 1, JSON.stringify(findings.map(({ file, d }) => `${file}: ${d.message}`)));
    const [{ file, d }] = findings;
    assert.equal(file, BIGGEST);
    assert.equal(d.severity, DiagnosticSeverity.Information);
    assert.equal(d.range.start.line, lineOf(STATISTICS, 'acc'));
    assert.match(d.message, /may be chance/);
    assert.equal(d.relatedInformation?.length, 4, 'the four smaller models as related information');
  });
});
