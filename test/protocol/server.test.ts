// The bundled server over stdio, driven as an editor drives it: indexing, diagnostics, hovers, hints, lenses,
// symbols, actions, custom requests, edits, file events, malformed input and shutdown.
import { strict as assert } from 'node:assert';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DiagnosticSeverity, FileChangeType, type CodeAction, type CodeLens, type Diagnostic, type DocumentSymbol, type Hover, type InlayHint, type SymbolInformation } from 'vscode-languageserver-protocol';
import { CHART_VIEW, COMMANDS, EXPLAIN_SERIES, GET_SERIES, LIST_SERIES, SERIES_AT, type ChartViewResult, type ExplainSeriesResult, type SeriesSummary } from '../../server/src/protocol';
import type { SeriesResult } from '../../server/src/core/results';
import { ensureBundle, FIXTURES, TestEditor, uriOf, workspaceCopy } from './lsp-client';

const FILE_28B = 'acme__lens-lm-2.8b/results_2025-01-01T00-00-04.json';
const ARITHMETIC = 'arithmetic_3da||acc||lens-lm|0|';

/** 0-based line and character of the value written after `"key": ` on the first line at or after `from` holding it. */
function valueAt(text: string, key: string, from = 0): { line: number; character: number; end: number } {
  const lines = text.split('\n');
  for (let line = from; line < lines.length; line++) {
    const i = lines[line].indexOf(`"${key}": `);
    if (i < 0) continue;
    const character = i + key.length + 4;
    const end = character + /^[^,\s}]+/.exec(lines[line].slice(character))![0].length;
    return { line, character, end };
  }
  throw new Error(`no ${key} in text`);
}

/** Line of a task's block in an lm-eval results file. */
const taskLine = (text: string, task: string) => text.split('\n').findIndex((l) => l.startsWith(`    ${JSON.stringify(task)}: {`));

describe('language server over stdio', () => {
  let editor: TestEditor;
  let ws: { dir: string; dispose: () => void };
  let text28: string;
  let uri28: string;
  /** The 2.8B file's marks as published from the index, before any editor opened it. */
  let marksBeforeOpen: Diagnostic[] | undefined;

  const hover = async (uri: string, line: number, character = 10) =>
    (await editor.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character } }));
  const hoverText = async (uri: string, line: number) => {
    const h = await hover(uri, line);
    assert.ok(h, `a hover on line ${line}`);
    return (h.contents as { value: string }).value;
  };
  const series = (id: string) => editor.connection.sendRequest<SeriesResult | null>(GET_SERIES, { id });
  const list = () => editor.connection.sendRequest<SeriesSummary[]>(LIST_SERIES);

  before(async () => {
    ensureBundle();
    ws = workspaceCopy();
    editor = new TestEditor();
    const init = await editor.initialize(ws.dir);
    assert.equal(init.capabilities.hoverProvider, true);
    await editor.indexed();
    marksBeforeOpen = await editor.waitFor('marks of a file nobody opened', () => editor.diagnostics.get(uriOf(join(ws.dir, FILE_28B))));
    text28 = readFileSync(join(ws.dir, FILE_28B), 'utf8');
    uri28 = editor.open(join(ws.dir, FILE_28B), text28);
    await editor.nextDiagnostics(uri28);
  });

  after(() => {
    editor?.kill();
    ws?.dispose();
  });

  it('indexes the workspace in the background with work-done progress', async () => {
    assert.ok(editor.received.some((r) => r.method === 'window/workDoneProgress/create'), 'progress token created');
    const kinds = editor.received.filter((r) => r.method === '$/progress').map((r) => r.params.value.kind);
    assert.equal(kinds[0], 'begin');
    assert.equal(kinds[kinds.length - 1], 'end');
    const all = await list();
    const arithmetic = all.find((s) => s.id === ARITHMETIC);
    assert.ok(arithmetic, 'the arithmetic series joins the six files');
    assert.equal(arithmetic.verdict, 'emergent');
    assert.equal(arithmetic.verdictLabel, '⚡ emergent ≥ 2.8B');
    assert.equal(arithmetic.uri, uriOf(join(ws.dir, 'acme__lens-lm-70m/results_2025-01-01T00-00-00.json')), 'first point is the smallest model');
    assert.equal(all.find((s) => s.task === 'mmlu')?.verdict, 'flat');
    assert.equal(all.find((s) => s.task === 'lambada_openai' && s.metric === 'perplexity')?.verdict, 'smooth');
    assert.equal((await series(ARITHMETIC))?.points.length, 6);
  });

  it('marks each emergent series once, with a Hint on the value of the model where it jumps', () => {
    const diagnostics = editor.diagnostics.get(uri28)!;
    const emergent = diagnostics.filter((d) => d.code === 'emergent');
    // Both emergent series of the workspace jump into 2.8B: this file holds both marks, the other five none.
    assert.equal(emergent.length, 2, JSON.stringify(diagnostics));
    const arithmetic = valueAt(text28, 'acc,none', taskLine(text28, 'arithmetic_3da'));
    const d = emergent.find((x) => x.message.startsWith('arithmetic_3da'))!;
    assert.deepEqual(d.range, { start: { line: arithmetic.line, character: arithmetic.character }, end: { line: arithmetic.line, character: arithmetic.end } });
    assert.equal(d.severity, DiagnosticSeverity.Hint);
    assert.equal(d.source, 'Emergence Lens');
    assert.match(d.codeDescription!.href, /#verdicts-and-thresholds$/);
    assert.match(d.message, /^arithmetic_3da \(acc, 0-shot\) is emergent in lens-lm: near chance up to 1\.4B, clearly above from 2\.8B \(jump 20 pts, \d+\.\d SE\)$/);
    // The other five models' results, as related information in their own files.
    const related = d.relatedInformation!;
    assert.equal(related.length, 5);
    assert.ok(related.some((r) => r.location.uri === uriOf(join(ws.dir, 'acme__lens-lm-70m/results_2025-01-01T00-00-00.json'))));
    assert.match(related[0].message, /^acme\/lens-lm-70m: 0\.\d+$/);
    const unscramble = valueAt(text28, 'exact_match,none');
    assert.deepEqual(emergent.find((x) => x.message.startsWith('lens_unscramble'))!.range.start, { line: unscramble.line, character: unscramble.character });
    assert.ok(!diagnostics.some((x) => x.severity === DiagnosticSeverity.Error || x.severity === DiagnosticSeverity.Warning), 'no problems in a well-formed file');
  });

  it('publishes marks for files that are not open, and only once per change', () => {
    assert.equal(marksBeforeOpen?.filter((d) => d.code === 'emergent').length, 2, 'from the index, before the file was opened');
    const publishes = editor.received.filter((r) => r.method === 'textDocument/publishDiagnostics' && r.params.uri === uri28).length;
    assert.ok(publishes <= 2, `opening the file republishes it at most once, got ${publishes}`);
    const uri70 = uriOf(join(ws.dir, 'acme__lens-lm-70m/results_2025-01-01T00-00-00.json'));
    assert.equal(editor.diagnostics.get(uri70), undefined, 'no mark on the smaller models: one per series, where it jumps');
  });

  it('explains an emergent result on hover in one first screen: verdict, evidence, this model, sparkline, both hypotheses', async () => {
    const at = valueAt(text28, 'acc,none', taskLine(text28, 'arithmetic_3da'));
    const value = await hoverText(uri28, at.line);
    const paragraphs = value.split(/\n\n+/);
    assert.ok(paragraphs.length <= 10, `at most ten lines, got ${paragraphs.length}:\n${value}`);
    assert.match(paragraphs[0], /^\*\*⚡ arithmetic\\_3da \\\(acc, 0\\-shot\\\)\*\* in \*\*lens\\-lm\*\* — emergent ≥ 2\\\.8B$/);
    // The verdict is said once, with its evidence in one sentence.
    assert.equal(value.match(/emergent/g)!.length, 1);
    assert.match(paragraphs[1], /^Near chance up to 1\.4B, clearly above from 2\.8B: a jump of 20 pts \(\d+\.\d SE\), significant over the 8 series tested \(q (= [\d.e-]+|< 1e-15)\)\. Onset between 1\.4B and 2\.8B; the jump recurs in \d+ % of 200 redraws of the scores\.$/);
    assert.match(paragraphs[2], /^\*\*acme\/lens\\-lm\\-2\\\.8b\*\* \(2\\\.8B parameters, from the model name\): 0\.205 ± 0\.009 vs chance 0 \(assumed\): clearly above chance \(\+21 pts of the range, \d+\.\d SE\)$/);
    assert.match(paragraphs[3], /^`[▁▂▃▄▅▆▇█]{6}` 70M → 6\.9B, 6 models$/);
    // Per digit, 0.11 → 0.17 over four models, then 0.59: the per-step accuracy jumps where the task does.
    assert.match(value, /^\*\*Multi-step\*\* \(k = 3, from the task's definition\): per-step accuracy p = s\^\(1\/3\) goes 0\.11 → 0\.77 and itself jumps: composing steps alone does not explain this jump\.$/m);
    assert.match(value, /^\*\*Metric flaw\*\*: acc is all-or-nothing and no graded metric of these runs is in the data/m);
    assert.match(value, /\[Plot scaling curve\]\(command:emergenceLens\.plotSeries\?/);
    const args = /command:emergenceLens\.plotSeries\?([^ )]+)/.exec(value)![1];
    assert.deepEqual(JSON.parse(decodeURIComponent(args)), [{ seriesId: ARITHMETIC }]);
    const explain = /command:emergenceLens\.explainSeries\?([^ )]+)/.exec(value)![1];
    assert.deepEqual(JSON.parse(decodeURIComponent(explain)), [{ seriesId: ARITHMETIC, point: 4 }]);
  });

  it('answers on every line of a task: the task line summarises its series, a stderr line is its metric', async () => {
    const task = taskLine(text28, 'lambada_openai');
    const summary = await hoverText(uri28, task);
    assert.match(summary, /^\*\*lambada\\_openai\*\* — acme\/lens\\-lm\\-2\\\.8b in \*\*lens\\-lm\*\* \(6 models\)/);
    const rows = summary.split('\n').filter((l) => l.startsWith('- '));
    assert.equal(rows.length, 2, summary);
    assert.ok(rows.some((r) => /^- ↗ acc, 0\\-shot: smooth — /.test(r)));
    assert.ok(rows.some((r) => /^- ↗ perplexity, 0\\-shot: smooth — /.test(r)));
    assert.match(await hoverText(uri28, task + 1), /^\*\*lambada\\_openai\*\*/, 'the alias line too');
    const stderr = text28.split('\n').findIndex((l, i) => i > taskLine(text28, 'arithmetic_3da') && l.includes('"acc_stderr,none"'));
    assert.match(await hoverText(uri28, stderr), /^\*\*⚡ arithmetic\\_3da \\\(acc, 0\\-shot\\\)\*\*/);
  });

  it('explains a series in full on request: table, evidence, multiple comparisons, fit and both hypotheses', async () => {
    const full = (await editor.connection.sendRequest<ExplainSeriesResult>(EXPLAIN_SERIES, { id: ARITHMETIC, point: 4 }))!;
    assert.equal(full.title, 'arithmetic_3da (acc, 0-shot) in lens-lm');
    const value = full.markdown;
    assert.match(value, /2\\\.8B parameters \\\(from the model name\\\)/);
    assert.match(value, /random baseline 0 \(registry, \*\*assumed\*\*/);
    const rows = value.split('\n').filter((l) => /^\| (▶|✓)? ?\| acme/.test(l));
    assert.equal(rows.length, 6, 'one table row per model');
    assert.match(value, /\| ▶ \| acme\/lens\\-lm\\-2\\\.8b \| 2\.8B \| 0\.205 ± 0\.009 \|/);
    assert.match(value, /## Verdict: emergent/);
    assert.match(value, /Jump: 20 pts of the range \(\d+\.\d SE\) from 1\.4B to 2\.8B/);
    assert.match(value, /Emergence scale: ≥ 2\.8B/);
    assert.match(value, /Emergence interval: between 1\.4B and 2\.8B; still emergent in \d+ % of 200 redraws/);
    assert.match(value, /Multiple comparisons: \d+ of \d+ series tested in the workspace make a claim \(emergent, inverse or U-shaped\); at a 5 % false-discovery rate \(Benjamini–Hochberg\) this jump \(p (= [\d.e-]+|< 1e-15)\) stays significant \(q (= [\d.e-]+|< 1e-15)\)/);
    assert.match(value, /Logistic midpoint: [\d.]+B/);
    assert.match(value, /breakthroughness \d+\.\d/);
    assert.match(value, /## Multi-step hypothesis/);
    assert.match(value, /k = 3 steps/);
    assert.match(value, /from 0\.\d+ to 0\.\d+ `[▁▂▃▄▅▆▇█]+`; with 3 steps that is [\d.]+ → 0\.45 end to end/);
    assert.match(value, /Per-step verdict: ⚡ jumps\. The per-step accuracy still jumps/);
    assert.match(value, /## Metric-flaw hypothesis\n\nacc is all-or-nothing per item/);
    assert.match(value, /No graded metric for these runs is in the data/);
    assert.equal(await editor.connection.sendRequest(EXPLAIN_SERIES, { id: 'no such series' }), null);
  });

  it('shows k = 2…5 and graded sibling metrics when the step count is unknown', async () => {
    const value = await hoverText(uri28, valueAt(text28, 'exact_match,none').line);
    assert.match(value, /^\*\*Multi-step\*\*: the step count is not known \(\*Set step count\*\); for k = 2…5 the per-step accuracy still jumps for every k: composing steps alone does not explain it\.$/m);
    assert.match(value, /^\*\*Metric flaw\*\*: exact\\_match is all-or-nothing; on the same runs, edit\\_similarity improves smoothly \(0\.\d+ → 0\.\d+\): the jump is likely the metric's threshold/m);
    const compare = /\[Compare metrics\]\(command:emergenceLens\.compareMetrics\?([^ )]+)/.exec(value);
    assert.ok(compare, 'a link to the Compare Metrics chart');
    assert.equal((JSON.parse(decodeURIComponent(compare[1])) as { seriesId: string }[])[0].seriesId.split('|')[2], 'exact_match');
    const id = (JSON.parse(decodeURIComponent(compare[1])) as { seriesId: string }[])[0].seriesId;
    const full = (await editor.connection.sendRequest<ExplainSeriesResult>(EXPLAIN_SERIES, { id }))!.markdown;
    assert.match(full, /k = 2…5 are shown/);
    for (const k of [2, 3, 4, 5]) assert.match(full, new RegExp(`^\\| ${k} \\| 0\\.\\d+ → 0\\.\\d+ \\| \`[▁▂▃▄▅▆▇█]{6}\` \\| ⚡ jumps \\|$`, 'm'));
    assert.match(full, /edit\\_similarity: ↗ smooth: improves smoothly for the same models, so the jump may be the metric’s/);
  });

  it('escapes names from the file: HTML and command links show as text', async () => {
    const img = await hoverText(uri28, valueAt(text28, 'acc,none', taskLine(text28, '<img src=x onerror=alert(1)>')).line);
    assert.doesNotMatch(img, /(^|[^\\])</, 'every < is escaped');
    assert.match(img, /\\<img src=x onerror=alert\\\(1\\\)\\>/);
    const link = await hoverText(uri28, valueAt(text28, 'acc,none', taskLine(text28, '[run](command:workbench.action.terminal.new)')).line);
    assert.match(link, /\\\[run\\\]\\\(command\\:workbench\\\.action/);
    const targets = [...link.matchAll(/\]\(command:([^?)\s]+)/g)].map((m) => m[1]);
    assert.ok(targets.length > 0);
    for (const t of targets) assert.ok((Object.values(COMMANDS) as string[]).includes(t), `only our commands are linked, got ${t}`);
  });

  it('describes the model on the line that names it', async () => {
    const line = text28.split('\n').findIndex((l) => l.includes('"model_name":'));
    const value = await hoverText(uri28, line);
    assert.match(value, /^\*\*Model\*\* acme\/lens\\-lm\\-2\\\.8b: 2\\\.8B parameters/);
    assert.match(value, /\d+ results on 7 tasks in this file/);
  });

  it('places inlay hints after the scores of notable series by default, after every score in `all` mode', async () => {
    const request = () => editor.connection.sendRequest<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: uri28 }, range: { start: { line: 0, character: 0 }, end: { line: 1000, character: 0 } } });
    const labelAt = (hints: InlayHint[], task: string, key: string) => {
      const v = valueAt(text28, key, taskLine(text28, task));
      return hints.find((h) => h.position.line === v.line && h.position.character === v.end)?.label;
    };
    const notable = await request();
    assert.equal(labelAt(notable, 'arithmetic_3da', 'acc,none'), '⚡ emergent ≥ 2.8B');
    assert.equal(labelAt(notable, 'mmlu', 'acc,none'), undefined, 'a series at chance is not notable');
    assert.equal(labelAt(notable, 'lambada_openai', 'acc,none'), undefined);
    editor.settings = { inlayHints: 'all' };
    editor.configurationChanged();
    const hints = await editor.poll('every verdict hinted', async () => ((await request()).length > notable.length ? request() : undefined));
    const at = (task: string, key: string) => labelAt(hints, task, key);
    assert.equal(at('arithmetic_3da', 'acc,none'), '⚡ emergent ≥ 2.8B');
    assert.equal(at('lambada_openai', 'acc,none'), '↗ smooth');
    assert.equal(at('lambada_openai', 'perplexity,none'), '↗ smooth');
    assert.equal(at('mmlu', 'acc,none'), '— at chance');
    assert.equal(at('lens_rare', 'acc,none'), undefined);
    assert.ok(hints.every((h) => typeof h.tooltip === 'string' && h.tooltip.length > 0));
    editor.settings = {};
    editor.configurationChanged();
    await editor.poll('notable again', async () => (await request()).length === notable.length);
    const none = await editor.connection.sendRequest<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: uri28 }, range: { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } } });
    assert.equal(none.length, 0, 'only hints inside the requested range');
  });

  it('offers code lenses only when enabled in the settings', async () => {
    const lenses = () => editor.connection.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: uri28 } });
    assert.deepEqual(await lenses(), []);
    const refreshed = editor.count('workspace/codeLens/refresh');
    editor.settings = { codeLens: true };
    editor.configurationChanged();
    await editor.waitFor('a code lens refresh', () => editor.count('workspace/codeLens/refresh') > refreshed);
    const all = await lenses();
    const arithmetic = all.find((l) => l.command?.arguments?.[0]?.seriesId === ARITHMETIC);
    assert.ok(arithmetic, JSON.stringify(all));
    assert.match(arithmetic.command!.title, /^Plot scaling curve · emergent at ~2\.8B · breakthroughness \d+$/);
    assert.equal(arithmetic.command!.command, COMMANDS.plotSeries);
    assert.equal(arithmetic.range.start.line, valueAt(text28, 'acc,none', taskLine(text28, 'arithmetic_3da')).line);
    const hints = () => editor.connection.sendRequest<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: uri28 }, range: { start: { line: 0, character: 0 }, end: { line: 1000, character: 0 } } });
    editor.settings = { inlayHints: 'off' };
    editor.configurationChanged();
    await editor.poll('inlay hints off', async () => (await hints()).length === 0);
    assert.deepEqual(await lenses(), [], 'code lenses back to off');
    editor.settings = {};
    editor.configurationChanged();
    await editor.poll('inlay hints back on', async () => (await hints()).length > 0);
  });

  it('takes the severity of the emergent mark from the settings', async () => {
    const warned = editor.nextDiagnostics(uri28, (ds) => ds.some((d) => d.code === 'emergent' && d.severity === DiagnosticSeverity.Warning));
    editor.settings = { severity: 'warning' };
    editor.configurationChanged();
    await warned;
    const hinted = editor.nextDiagnostics(uri28, (ds) => ds.some((d) => d.code === 'emergent' && d.severity === DiagnosticSeverity.Hint));
    editor.settings = {};
    editor.configurationChanged();
    await hinted;
  });

  it('outlines the file as task → metric → model', async () => {
    const symbols = await editor.connection.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: uri28 } });
    const names = symbols.map((s) => s.name);
    for (const task of ['arithmetic_3da', 'lens_unscramble', 'lambada_openai', 'mmlu', 'lens_rare']) assert.ok(names.includes(task), `${task} in ${names}`);
    const lambada = symbols.find((s) => s.name === 'lambada_openai')!;
    assert.deepEqual(lambada.children!.map((c) => c.name).sort(), ['acc, 0-shot', 'perplexity, 0-shot']);
    assert.equal(lambada.children![0].children![0].name, 'acme/lens-lm-2.8b');
    assert.match(symbols.find((s) => s.name === 'arithmetic_3da')!.detail!, /⚡ emergent/);
  });

  it('finds tasks across the workspace', async () => {
    const found = await editor.connection.sendRequest<SymbolInformation[]>('workspace/symbol', { query: 'arith' });
    assert.deepEqual([...new Set(found.map((s) => s.name))], ['arithmetic_3da']);
    assert.equal(found[0].location.uri, uriOf(join(ws.dir, 'acme__lens-lm-70m/results_2025-01-01T00-00-00.json')));
    assert.match(found[0].containerName!, /lens-lm · ⚡ emergent/);
  });

  it('offers plot, baseline, steps, ignore and CSV actions on a result line', async () => {
    const line = valueAt(text28, 'acc,none', taskLine(text28, 'arithmetic_3da')).line;
    const range = { start: { line, character: 0 }, end: { line, character: 0 } };
    const actions = await editor.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: uri28 }, range, context: { diagnostics: [] } });
    const byCommand = new Map(actions.map((a) => [a.command!.command, a.command!.arguments![0]]));
    assert.deepEqual(byCommand.get(COMMANDS.plotSeries), { seriesId: ARITHMETIC });
    assert.deepEqual(byCommand.get(COMMANDS.copySeriesCsv), { seriesId: ARITHMETIC });
    assert.deepEqual(byCommand.get(COMMANDS.setBaseline), { task: 'arithmetic_3da', suggested: 0 });
    assert.deepEqual(byCommand.get(COMMANDS.setSteps), { task: 'arithmetic_3da', suggested: 3 });
    assert.deepEqual(byCommand.get(COMMANDS.ignoreTask), { task: 'arithmetic_3da' });
    assert.equal(actions.length, 5);
    const sourceOnly = await editor.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: uri28 }, range, context: { diagnostics: [], only: ['source'] } });
    assert.deepEqual(sourceOnly, []);
  });

  it('answers the custom requests', async () => {
    const line = valueAt(text28, 'acc,none', taskLine(text28, 'arithmetic_3da')).line;
    assert.deepEqual(await editor.connection.sendRequest(SERIES_AT, { uri: uri28, line }), [ARITHMETIC]);
    assert.deepEqual(await editor.connection.sendRequest(SERIES_AT, { uri: uri28, line: taskLine(text28, 'arithmetic_3da') }), [ARITHMETIC], 'the task name line finds its results');
    const full = (await series(ARITHMETIC))!;
    assert.equal(full.points[4].range.file, join(ws.dir, FILE_28B), 'point ranges carry file-system paths');
    assert.equal(full.points[4].score, 0.205);
    assert.equal(await series('no such series'), null);
  });

  it('answers a chart view in one request, and null to a malformed one', async () => {
    const view = await editor.connection.sendRequest<ChartViewResult>(CHART_VIEW, { kind: 'series', id: ARITHMETIC });
    assert.ok(view);
    assert.equal(view.kind, 'series');
    assert.equal(view.series[0].id, ARITHMETIC);
    assert.equal(view.series[0].points.length, 6);
    assert.ok(view.families?.includes('lens-lm'));
    const report = await editor.connection.sendRequest<ChartViewResult>(CHART_VIEW, { kind: 'report' });
    assert.deepEqual(report?.series.map((s) => s.id).sort(), (await list()).map((s) => s.id).sort(), 'the report has every listed series');
    assert.equal(await editor.connection.sendRequest(CHART_VIEW, { kind: 'series' }), null);
    assert.equal(await editor.connection.sendRequest(CHART_VIEW, null), null);
  });

  it('moves diagnostics with an edit that inserts lines above', async () => {
    const uri = uri28;
    const before = editor.diagnostics.get(uri)!.find((d) => d.message.startsWith('arithmetic_3da'))!;
    const moved = editor.nextDiagnostics(uri, (ds) => ds.some((d) => d.message.startsWith('arithmetic_3da') && d.range.start.line !== before.range.start.line));
    editor.change(uri, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '\n\n\n' }]);
    const after = (await moved).find((d) => d.message.startsWith('arithmetic_3da'))!;
    assert.equal(after.range.start.line, before.range.start.line + 3);
    assert.equal(after.range.start.character, before.range.start.character);
    // A hover right after an edit answers for the new text (no waiting for the debounce).
    editor.change(uri, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '\n' }]);
    assert.match(await hoverText(uri, after.range.start.line + 1), /arithmetic\\_3da/);
  });

  it('drops stale work: a burst of edits is analysed once', async () => {
    const uri = uri28;
    const publishes = () => editor.received.filter((r) => r.method === 'textDocument/publishDiagnostics' && r.params.uri === uri).length;
    const before = publishes();
    const next = editor.nextDiagnostics(uri);
    // Typing: ten edits 30 ms apart, each well inside the debounce window of the one before.
    for (let i = 0; i < 10; i++) {
      editor.change(uri, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '\n' }]);
      await new Promise((r) => setTimeout(r, 30));
    }
    const final = await next;
    await new Promise((r) => setTimeout(r, 400));
    assert.equal(publishes() - before, 1, 'only the last state is analysed and published');
    // 4 lines from the previous test, 10 from this one.
    const line = valueAt(text28, 'acc,none', taskLine(text28, 'arithmetic_3da')).line;
    assert.equal(final.find((d) => d.message.startsWith('arithmetic_3da'))!.range.start.line, line + 14);
    // Back to the text on disk, for the tests below.
    const restored = editor.nextDiagnostics(uri, (ds) => ds.some((d) => d.message.startsWith('arithmetic_3da') && d.range.start.line === line));
    editor.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 10000, character: 0 } }, text: text28 }]);
    await restored;
  });

  it('puts an Error on a malformed document and keeps answering', async () => {
    const path = join(ws.dir, 'acme__lens-lm-1.4b/results_2025-01-01T00-00-03.json');
    const text = readFileSync(path, 'utf8').replace('"acc,none": 0.0045,', '"acc,none": 0.0045');
    const uri = editor.open(path, text);
    const diagnostics = await editor.nextDiagnostics(uri, (ds) => ds.some((d) => d.severity === DiagnosticSeverity.Error));
    const error = diagnostics.find((d) => d.severity === DiagnosticSeverity.Error)!;
    const next = text.split('\n').findIndex((l) => l.includes('"acc_stderr,none": 0.0015'));
    assert.deepEqual(error.range.start, { line: next, character: text.split('\n')[next].indexOf('"') });
    assert.match(error.message, /JSON/);
    assert.match(await hoverText(uri28, valueAt(text28, 'acc,none').line), /\*\*Multi-step\*\*/);
    assert.equal((await series(ARITHMETIC))?.points.length, 6, 'the broken file still contributes what it could read');
    // Garbage requests get an answer too.
    assert.equal(await editor.connection.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///nowhere/x.json' }, position: { line: 3, character: 1 } }), null);
    await editor.connection.sendRequest('textDocument/hover', { textDocument: {}, position: null }).catch(() => undefined);
    await editor.connection.sendNotification('workspace/didChangeWatchedFiles', {});
    await editor.connection.sendNotification('textDocument/didChange', { textDocument: { uri: 'file:///nowhere/y.json', version: 2 }, contentChanges: [{ text: '{' }] });
    await editor.connection.sendRequest('emergenceLens/getSeries', null).catch(() => undefined);
    assert.deepEqual(await editor.connection.sendRequest(SERIES_AT, { uri: uri28, line: valueAt(text28, 'acc,none').line }), [ARITHMETIC]);
  });

  it('leaves ordinary JSON and CSV files alone', async () => {
    for (const name of ['package.json', 'notes.csv']) {
      const path = join(ws.dir, name);
      const uri = editor.open(path, readFileSync(path, 'utf8'));
      assert.deepEqual(await editor.nextDiagnostics(uri), []);
      assert.equal(await hover(uri, 1), null);
      assert.deepEqual(await editor.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }), []);
    }
  });

  it('updates the index from watched-file events: a new size grows the series, a deletion shrinks it', async () => {
    const folder = join(ws.dir, 'acme__lens-lm-12b');
    mkdirSync(folder);
    const path = join(folder, 'results_2025-01-01T00-00-06.json');
    copyFileSync(join(FIXTURES, 'later/results_2025-01-01T00-00-06.json'), path);
    let indexed = editor.indexed();
    editor.filesChanged([{ uri: uriOf(path), type: FileChangeType.Created }]);
    await indexed;
    assert.equal((await series(ARITHMETIC))?.points.length, 7);
    const uri12 = uriOf(path);
    // Still one mark, on 2.8B, now listing the new 12B result among the others.
    await editor.poll('the 12B result under the mark', async () => editor.diagnostics.get(uri28)?.find((d) => d.message.startsWith('arithmetic_3da'))?.relatedInformation?.some((r) => r.location.uri === uri12));
    rmSync(folder, { recursive: true });
    indexed = editor.indexed();
    editor.filesChanged([{ uri: uriOf(folder), type: FileChangeType.Deleted }]);
    await indexed;
    assert.equal((await series(ARITHMETIC))?.points.length, 6);
    await editor.poll('the 12B result gone from the mark', async () => !editor.diagnostics.get(uri28)?.find((d) => d.message.startsWith('arithmetic_3da'))?.relatedInformation?.some((r) => r.location.uri === uri12));
  });

  it('re-analyses everything when emergence-lens.json changes', async () => {
    const path = join(ws.dir, 'emergence-lens.json');
    writeFileSync(path, '{ "tasks": { "mmlu": { "ignore": true }, "arithmetic_3da": { "steps": 4 } } }\n');
    let indexed = editor.indexed();
    editor.filesChanged([{ uri: uriOf(path), type: FileChangeType.Created }]);
    await indexed;
    assert.ok(!(await list()).some((s) => s.task === 'mmlu'), 'ignored task is gone');
    assert.match(await hoverText(uri28, valueAt(text28, 'acc,none', taskLine(text28, 'arithmetic_3da')).line), /\*\*Multi-step\*\* \(k = 4, set in emergence-lens\.json\)/);
    writeFileSync(path, '{ "tasks": { "mmlu": { "ignore": "yes" } } }\n');
    editor.filesChanged([{ uri: uriOf(path), type: FileChangeType.Changed }]);
    const problems = await editor.waitFor('override problems', () => editor.diagnostics.get(uriOf(path))?.length ? editor.diagnostics.get(uriOf(path)) : undefined);
    assert.ok(problems.some((d: Diagnostic) => d.range.start.line === 0 && /ignore/.test(d.message)), JSON.stringify(problems));
    rmSync(path);
    indexed = editor.indexed();
    editor.filesChanged([{ uri: uriOf(path), type: FileChangeType.Deleted }]);
    await indexed;
    assert.ok((await list()).some((s) => s.task === 'mmlu'));
  });

  it('exits with 0 after shutdown and exit', async () => {
    assert.equal(await editor.shutdown(), 0);
  });
});
