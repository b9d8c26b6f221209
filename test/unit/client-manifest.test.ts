// The extension manifest against the code it describes: settings against LensSettings and the thresholds,
// commands against the ones registered, and the grammars (their references, and the tokens the injection
// colours, checked with JavaScript's regex engine, which reads these patterns as Oniguruma does).
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'jsonc-parser';
import { DEFAULT_THRESHOLDS } from '../../server/src/core/config';
import { DEFAULT_SETTINGS } from '../../server/src/protocol';
import { COMMAND_IDS } from '../../client/src/commandIds';

const ROOT = resolve(__dirname, '../..');
const read = (file: string) => parse(readFileSync(join(ROOT, file), 'utf8'));
const pkg = read('package.json');
const contributes = pkg.contributes;

interface Rule {
  match?: string;
  begin?: string;
  end?: string;
  include?: string;
  patterns?: Rule[];
}
interface Grammar extends Rule {
  scopeName: string;
  injectionSelector?: string;
  repository: Record<string, Rule>;
}
const grammar = (scopeName: string): Grammar => read(contributes.grammars.find((g: { scopeName: string }) => g.scopeName === scopeName).path);
/** Oniguruma's start-of-document anchor is JavaScript's ^ without the m flag. */
const toJs = (source: string, flags = '') => new RegExp(source.replace(/\\A/g, '^'), flags);

describe('client: manifest', () => {
  it('declares every setting of LensSettings with the server defaults, and each threshold', () => {
    const props = contributes.configuration.properties;
    assert.deepEqual(Object.keys(props).sort(), [...Object.keys(DEFAULT_SETTINGS).map((k) => `emergenceLens.${k}`), 'emergenceLens.trace.server'].sort());
    for (const [key, value] of Object.entries(DEFAULT_SETTINGS)) {
      assert.deepEqual(props[`emergenceLens.${key}`].default, value, key);
      assert.ok(props[`emergenceLens.${key}`].description || props[`emergenceLens.${key}`].markdownDescription, `${key} is described`);
    }
    const thresholds = props['emergenceLens.thresholds'].properties;
    assert.deepEqual(Object.keys(thresholds).sort(), Object.keys(DEFAULT_THRESHOLDS).sort());
    for (const [name, value] of Object.entries(DEFAULT_THRESHOLDS)) {
      assert.equal(thresholds[name].default, value, name);
      assert.ok(thresholds[name].description.length > 20, `${name} is described`);
    }
    assert.deepEqual(props['emergenceLens.xAxis'].enum, ['params', 'flops']);
    assert.deepEqual(props['emergenceLens.severity'].enum, ['error', 'warning', 'information', 'hint']);
  });

  it('contributes exactly the registered commands, in one category, hiding the ones that need arguments', () => {
    const ids = contributes.commands.map((c: { command: string }) => c.command);
    assert.deepEqual([...ids].sort(), Object.values(COMMAND_IDS).sort());
    for (const c of contributes.commands) assert.equal(c.category, 'Emergence Lens');
    const hidden = contributes.menus.commandPalette.filter((m: { when: string }) => m.when === 'false').map((m: { command: string }) => m.command);
    assert.deepEqual(hidden.sort(), [COMMAND_IDS.setBaseline, COMMAND_IDS.setSteps, COMMAND_IDS.ignoreTask, COMMAND_IDS.openSeriesSource].sort());
    assert.equal(contributes.commands.find((c: { command: string }) => c.command === COMMAND_IDS.plotSeries).title, 'Plot Scaling Curve');
  });

  it('activates explicitly, runs in untrusted workspaces, not in virtual ones', () => {
    assert.deepEqual(pkg.activationEvents, ['onLanguage:json', 'onLanguage:jsonl', 'onLanguage:csv', 'onLanguage:tsv', 'workspaceContains:**/emergence-lens.json', 'workspaceContains:**/*.eval', 'onWebviewPanel:emergenceLens.chart']);
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, true);
    assert.equal(pkg.capabilities.virtualWorkspaces.supported, false);
    assert.equal(contributes.views.explorer[0].id, 'emergenceLens.series');
    assert.ok(contributes.viewsWelcome.every((w: { view: string }) => w.view === 'emergenceLens.series'));
  });

  it('points at files that exist', () => {
    const files = [
      pkg.icon,
      ...contributes.grammars.map((g: { path: string }) => g.path),
      ...contributes.languages.filter((l: { configuration?: string }) => l.configuration).map((l: { configuration: string }) => l.configuration),
      ...contributes.jsonValidation.map((j: { url: string }) => j.url),
    ];
    for (const file of files) assert.ok(existsSync(join(ROOT, file)), file);
    const png = readFileSync(join(ROOT, pkg.icon));
    assert.equal(png.subarray(1, 4).toString(), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
    for (const l of contributes.languages.filter((x: { configuration?: string }) => x.configuration)) assert.equal(typeof read(l.configuration).wordPattern, 'string');
  });
});

describe('client: grammars', () => {
  for (const scope of ['text.csv', 'text.tsv', 'emergence-lens.injection']) {
    it(`${scope}: every include resolves and every pattern compiles`, () => {
      const g = grammar(scope);
      assert.equal(g.scopeName, scope);
      const visit = (rule: Rule) => {
        if (rule.include?.startsWith('#')) assert.ok(g.repository[rule.include.slice(1)], `${scope} ${rule.include}`);
        for (const source of [rule.match, rule.begin, rule.end]) if (source) toJs(source);
        rule.patterns?.forEach(visit);
      };
      visit(g);
      Object.values(g.repository).forEach(visit);
    });
  }

  it('CSV and TSV colour columns by nesting one region per separator, cycling back to the first', () => {
    for (const [scope, sep] of [['text.csv', ','], ['text.tsv', '\t']] as const) {
      const g = grammar(scope);
      const fields = Object.keys(g.repository).filter((k) => k.startsWith('field-'));
      fields.forEach((name, i) => {
        const next = g.repository[name].patterns!.find((p) => p.begin)!;
        assert.ok(toJs(next.begin!).test(sep), `${scope} ${name} opens the next column on "${JSON.stringify(sep)}"`);
        assert.equal(next.patterns![0].include, `#field-${((i + 1) % fields.length) + 1}`);
      });
      assert.ok(toJs(g.repository.header.begin!).test('model,task'), 'header on the first line');
    }
    const quoted = toJs(grammar('text.csv').repository.quoted.begin!);
    assert.deepEqual(['"a,b"', 'x,"a"', 'x, "a"', 'x"a"', '5" screen'].map((t) => quoted.test(t)), [true, true, true, false, false], 'a quote opens a field only at its start');
  });

  it('the injection colours model sizes, large exponents and metric keys, and nothing around them', () => {
    const g = grammar('emergence-lens.injection');
    const found = (rule: string, text: string) => [...text.matchAll(toJs(g.repository[rule].match!, 'g'))].map((m) => m[0]);
    assert.deepEqual(found('model-size', 'EleutherAI/pythia-1.4b-deduped pythia_70m Mixtral-8x7B llama-2-6.7B 300B'), ['1.4b', '70m', '8x7B', '6.7B', '300B']);
    assert.deepEqual(found('model-size', 'a1b2 v1.2b 2025-01-01T00-00-05 0.25 1e9'), []);
    assert.deepEqual(found('scale-exponent', '2e22 1.4e9 3.1E+23 1e-5 2e5 0.02'), ['2e22', '1.4e9', '3.1E+23']);
    assert.deepEqual(found('metric-key', '"acc,none" "acc_stderr,none" "exact_match,strict-match" "acc_norm" "accent" "acc,none'), ['acc,none', 'acc_stderr,none', 'exact_match,strict-match', 'acc_norm']);
    assert.deepEqual(found('metric-name', 'model,acc,acc_norm_stderr,multiple_choice_grade,accuracy_x,exact_str_match'), ['acc', 'acc_norm_stderr', 'multiple_choice_grade', 'exact_str_match']);
    assert.match(g.injectionSelector ?? '', /L:source\.json -comment/);
    const injectTo = contributes.grammars.find((x: { scopeName: string }) => x.scopeName === 'emergence-lens.injection').injectTo;
    assert.deepEqual(injectTo, ['source.json', 'source.json.comments', 'source.json.lines', 'text.csv', 'text.tsv']);
  });
});
