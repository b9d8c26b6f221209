// The legend as an HTML list: text a screen reader reads, styled from the same palette classes as the marks.
import { h } from './dom';
import type { LegendEntry } from './model';

function swatch(entry: LegendEntry): HTMLElement {
  switch (entry.kind) {
    case 'colour':
      return h('span', { class: `el-swatch el-swatch-colour el-c${entry.colour % 8}`, 'aria-hidden': 'true' });
    case 'baseline':
      return h('span', { class: 'el-swatch el-swatch-baseline', 'aria-hidden': 'true' });
    case 'band':
      return h('span', { class: 'el-swatch el-swatch-band', 'aria-hidden': 'true' });
    case 'rule':
      return h('span', { class: 'el-swatch el-swatch-rule', 'aria-hidden': 'true' });
    case 'without':
      return h('span', { class: 'el-swatch el-swatch-without', 'aria-hidden': 'true' });
    case 'forecast':
      return h('span', { class: 'el-swatch el-swatch-forecast', 'aria-hidden': 'true' });
    case 'fit':
      return h('span', { class: `el-swatch el-swatch-fit${entry.faint ? ' el-swatch-faint' : ''}`, 'aria-hidden': 'true' });
  }
}

export function renderLegend(entries: LegendEntry[], label: string): HTMLElement {
  return h('ul', { class: 'el-legend', 'aria-label': label }, entries.map((e) => h('li', {}, swatch(e), e.label)));
}
