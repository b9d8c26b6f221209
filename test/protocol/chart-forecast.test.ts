// The bundled server over stdio: a chart's dashed forecast is the one the hover states, even where only the whole
// workspace gives one (offset-families.ts: only the observational method forecasts the later family).
import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Hover } from 'vscode-languageserver-protocol';
import { formatScale } from '../../server/src/core/format';
import { CHART_VIEW, LIST_SERIES, type ChartViewResult, type SeriesSummary } from '../../server/src/protocol';
import { offsetFamiliesCsv } from '../helpers/offset-families';
import { indexedWorkspace, type TestEditor, uriOf } from './lsp-client';

describe('language server: chart forecasts from the whole workspace', () => {
  let editor: TestEditor;
  let dir: string;
  let dispose: () => Promise<void>;
  const file = () => join(dir, 'families.csv');

  before(async () => {
    ({ dir, editor, dispose } = await indexedWorkspace('emergence-lens-chart-forecast-', (d) => writeFileSync(join(d, 'families.csv'), offsetFamiliesCsv())));
  });

  after(() => dispose());

  it('draws the observational forecast of a family still at chance, as its hover states it', async () => {
    const late = (await editor.connection.sendRequest<SeriesSummary[]>(LIST_SERIES)).find((s) => s.task === 'target' && s.family === 'late');
    assert.ok(late);
    assert.equal(late.verdict, 'flat');
    const view = await editor.connection.sendRequest<ChartViewResult>(CHART_VIEW, { kind: 'series', id: late.id });
    const drawn = view?.series.find((s) => s.id === late.id)?.forecast;
    assert.ok(drawn, 'a dashed forecast');
    assert.equal(drawn.method, 'observational capability');
    // The hover of the same series names the same method and the same scale.
    const text = readFileSync(file(), 'utf8').split('\n');
    const line = text.findIndex((l) => l.startsWith('late-4,') && l.includes(',target,'));
    const hover = await editor.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: uriOf(file()) }, position: { line, character: 2 } });
    const value = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
    const at = `${formatScale(drawn.scale, 'params')} (${formatScale(drawn.low, 'params')}–${formatScale(drawn.high, 'params')})`;
    assert.ok(value.includes(`**Forecast**: 10 % of the range at ${at} by the observational capability`), value);
  });

  it('draws it in the report too, and no forecast for the series that already emerged', async () => {
    const report = await editor.connection.sendRequest<ChartViewResult>(CHART_VIEW, { kind: 'report' });
    const marked = report?.series.filter((s) => s.forecast).map((s) => `${s.family} ${s.task}`);
    assert.deepEqual(marked, ['late target']);
  });
});
