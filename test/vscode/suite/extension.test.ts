// Inside VS Code: the extension activates on a results file, marks emergent results, explains them on hover
// (both hypotheses), and its commands run with the arguments the server gives them. The workspace is a copy
// of test/fixtures/protocol/workspace, opened by the runner.
import { strict as assert } from 'node:assert';
import { before, describe, it } from 'mocha';
import { zipSync } from 'fflate';
import * as vscode from 'vscode';
import { poll } from '../../helpers/poll';

const EXTENSION_ID = 'emergence-lens.emergence-lens';
const RESULTS = 'acme__lens-lm-2.8b/results_2025-01-01T00-00-04.json';
const OUR_COMMANDS = [
  'emergenceLens.plotSeries',
  'emergenceLens.plotAllEmergent',
  'emergenceLens.compareMetrics',
  'emergenceLens.explainSeries',
  'emergenceLens.showReport',
  'emergenceLens.showThresholds',
  'emergenceLens.exportChart',
  'emergenceLens.copySeriesCsv',
  'emergenceLens.setTaskBaseline',
  'emergenceLens.setTaskSteps',
  'emergenceLens.ignoreTask',
  'emergenceLens.reindex',
  'emergenceLens.showLog',
  'emergenceLens.openArchive',
];

/** The server answers once it has indexed, not at a fixed time. */
const waitFor = <T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 45_000): Promise<T> => poll(what, probe, timeoutMs);

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? d.code.value : d.code);
const textOf = (hovers: vscode.Hover[]) => hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');

describe('Emergence Lens in VS Code', () => {
  let folder: vscode.Uri;
  let doc: vscode.TextDocument;
  let arithmetic: vscode.Diagnostic;

  before(async () => {
    const root = vscode.workspace.workspaceFolders?.[0];
    assert.ok(root, 'the runner opens the fixture workspace');
    folder = root.uri;
    doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, RESULTS));
    await vscode.window.showTextDocument(doc);
  });

  it('activates on a JSON results file', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is loaded`);
    // Not activated by hand: opening the results file (before) must be enough (activationEvents onLanguage:json).
    await waitFor('activation', () => extension.isActive || undefined);
  });

  it('registers its commands', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    for (const id of OUR_COMMANDS) assert.ok(all.has(id), `${id} is registered`);
  });

  it('gives CSV and TSV files their languages', async () => {
    const csv = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, 'notes.csv'));
    assert.equal(csv.languageId, 'csv');
    // The fixture has no TSV file; the workspace is a scratch copy, so one is written into it.
    const tsvUri = vscode.Uri.joinPath(folder, 'notes.tsv');
    await vscode.workspace.fs.writeFile(tsvUri, new TextEncoder().encode('note\tvalue\n'));
    const tsv = await vscode.workspace.openTextDocument(tsvUri);
    assert.equal(tsv.languageId, 'tsv');
  });

  it('marks emergent results with Hint diagnostics', async () => {
    const emergent = await waitFor('emergent diagnostics', () => {
      const found = vscode.languages.getDiagnostics(doc.uri).filter((d) => codeOf(d) === 'emergent');
      return found.length >= 2 ? found : undefined;
    });
    arithmetic = emergent.find((d) => d.message.startsWith('arithmetic_3da'))!;
    assert.ok(arithmetic, emergent.map((d) => d.message).join('\n'));
    assert.match(arithmetic.message, /^arithmetic_3da \(acc, 0-shot\) is emergent in lens-lm/);
    assert.equal(arithmetic.severity, vscode.DiagnosticSeverity.Hint);
    assert.equal(arithmetic.source, 'Emergence Lens');
    assert.equal(doc.lineAt(arithmetic.range.start.line).text.includes('acc,none'), true);
  });

  it('explains an emergent result on hover with both hypotheses, trusting only our commands', async () => {
    const hovers = await waitFor('a hover with the explanation', async () => {
      const found = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, arithmetic.range.start);
      return /\*\*Multi-step\*\*/.test(textOf(found ?? [])) ? found : undefined;
    });
    const text = textOf(hovers);
    assert.match(text, /\*\*Multi-step\*\*/);
    assert.match(text, /\*\*Metric flaw\*\*/);
    assert.match(text, /command:emergenceLens\.explainSeries/);
    assert.match(text, /command:emergenceLens\.plotSeries/);
    const withLinks = hovers.flatMap((h) => h.contents).filter((p): p is vscode.MarkdownString => p instanceof vscode.MarkdownString && p.value.includes('command:'));
    assert.ok(withLinks.length, 'the command links come as MarkdownString');
    for (const part of withLinks) {
      assert.notEqual(part.isTrusted, true, 'hover markdown is never fully trusted');
      assert.notEqual(part.supportHtml, true);
      // Trusted for an allow-list of our commands only, so the links work and nothing else can run.
      assert.equal(typeof part.isTrusted, 'object', 'the links are trusted for named commands');
      const enabled = (part.isTrusted as { enabledCommands: readonly string[] }).enabledCommands;
      assert.ok(enabled.includes('emergenceLens.plotSeries'), enabled.join(', '));
      for (const id of enabled) assert.ok(OUR_COMMANDS.includes(id), id);
    }
  });

  it('opens the full explanation of a series as a read-only markdown preview', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('emergenceLens.explainSeries', { seriesId: 'arithmetic_3da||acc||lens-lm|0|', point: 4 });
    assert.ok(uri, 'the command says which document it opened');
    assert.equal(uri.scheme, 'emergence-lens-explanation');
    const text = (await vscode.workspace.openTextDocument(uri)).getText();
    assert.match(text, /^# ⚡ arithmetic\\_3da/);
    assert.match(text, /## Multi-step hypothesis/);
    assert.match(text, /## Metric-flaw hypothesis/);
    assert.match(text, /\| ▶ \| acme\/lens\\-lm\\-2\\\.8b \|/);
    // The preview took the focus, as it should; the tests below start from the results file again.
    await vscode.window.showTextDocument(doc);
  });

  it('copies a series as CSV and plots it, with the arguments of a code action', async () => {
    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', doc.uri, arithmetic.range);
    const commandOf = (a: vscode.CodeAction | vscode.Command) => ('title' in a && 'command' in a && typeof a.command === 'string' ? (a as vscode.Command) : (a as vscode.CodeAction).command);
    const copy = actions.map(commandOf).find((c) => c?.command === 'emergenceLens.copySeriesCsv');
    assert.ok(copy?.arguments?.length, JSON.stringify(actions.map((a) => a.title)));

    // eslint-disable-next-line no-restricted-syntax -- a command's own arguments (one series id)
    const csv = await vscode.commands.executeCommand<string>('emergenceLens.copySeriesCsv', ...copy.arguments!);
    const lines = csv.trim().split('\n');
    assert.match(lines[0], /^task,subtask,metric,filter,family,/);
    assert.ok(lines.length >= 7, csv);
    assert.ok(lines.slice(1).every((l) => l.startsWith('arithmetic_3da,')), csv);
    assert.equal(await vscode.env.clipboard.readText(), csv);

    // eslint-disable-next-line no-restricted-syntax -- a command's own arguments (one series id)
    await vscode.commands.executeCommand('emergenceLens.plotSeries', ...copy.arguments!);
    // The chart opens beside the editor without taking focus, so it is not in the active group: look in all.
    // Titled after the series once the view is built: the chart is of the series the code action named.
    const tab = await waitFor('the chart panel of arithmetic_3da', () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('emergenceLens.chart') && /arithmetic_3da/.test(t.label)),
    );
    assert.match(tab.label, /^Scaling curve: arithmetic_3da \(0-shot\)/);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), doc.uri.toString(), 'the results file keeps the focus');

    // The palette's thresholds view: one family here, so no task is emergent in two of them.
    await vscode.commands.executeCommand('emergenceLens.showThresholds');
    await waitFor('the thresholds panel', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && /^Thresholds across families \(0 tasks\)/.test(t.label)),
    );
  });

  it('leaves a task out with Ignore Task: emergence-lens.json is written only then, and the marks go', async () => {
    const overrides = vscode.Uri.joinPath(folder, 'emergence-lens.json');
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(overrides)), 'no override file before a command writes one');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, arithmetic.range);
    const ignore = actions.map((a) => a.command).find((c) => c?.command === 'emergenceLens.ignoreTask');
    assert.ok(ignore?.arguments?.length, JSON.stringify(actions.map((a) => a.title)));
    // eslint-disable-next-line no-restricted-syntax -- a command's own arguments (one series id)
    await vscode.commands.executeCommand(ignore.command, ...ignore.arguments!);
    const written = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(overrides))) as { tasks: Record<string, unknown> };
    assert.deepEqual(written.tasks, { arithmetic_3da: { ignore: true } });
    const stillEmergent = () => vscode.languages.getDiagnostics(doc.uri).filter((d) => codeOf(d) === 'emergent');
    await waitFor('the marks of arithmetic_3da to go', () => (stillEmergent().some((d) => d.message.startsWith('arithmetic_3da')) ? undefined : true));
    assert.ok(stillEmergent().length > 0, 'the other emergent tasks keep theirs');
  });

  it('opens an Inspect archive as a view of its header.json', async () => {
    const header = JSON.stringify({ version: 2, status: 'success', eval: { task: 'arith', model: 'hf/acme/lens-lm-1b' }, results: { scores: [] } }, null, 2);
    const archive = vscode.Uri.joinPath(folder, 'run.eval');
    await vscode.workspace.fs.writeFile(archive, zipSync({ 'header.json': new TextEncoder().encode(header) }));
    const editor = (await vscode.commands.executeCommand('emergenceLens.openArchive', archive)) as vscode.TextEditor;
    assert.equal(editor.document.uri.scheme, 'emergence-lens-archive');
    assert.equal(editor.document.languageId, 'json');
    // A content provider's document: VS Code shows it read-only and never saves it anywhere.
    assert.equal(editor.document.getText(), header);
    assert.equal(editor.document.isDirty, false);
  });

  it('restarts the server and rebuilds the index from disk on Reindex', async () => {
    // The stopped server's marks are cleared, then the new one publishes its own: seen as a change to none and back.
    const counts: number[] = [];
    const listener = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === doc.uri.toString())) counts.push(vscode.languages.getDiagnostics(doc.uri).filter((d) => codeOf(d) === 'emergent').length);
    });
    try {
      await vscode.commands.executeCommand('emergenceLens.reindex');
      await waitFor('the marks to be cleared and published again', () => {
        const cleared = counts.indexOf(0);
        return cleared >= 0 && counts.slice(cleared).some((n) => n > 0) ? true : undefined;
      });
    } finally {
      listener.dispose();
    }
    // The new server read the override file written above: the ignored task stays out, the others came back.
    const marks = vscode.languages.getDiagnostics(doc.uri).filter((d) => codeOf(d) === 'emergent');
    assert.ok(!marks.some((d) => d.message.startsWith('arithmetic_3da')), marks.map((d) => d.message).join('\n'));
  });
});
