// Names from results files reach hovers as text only; links exist only for our own commands.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { commandLink, escapeMarkdown, plainText } from '../../server/src/lsp/markdown';
import { COMMANDS } from '../../server/src/protocol';

/** Removes backslash escapes the way a CommonMark renderer does: what the user ends up reading. */
const rendered = (md: string) => md.replace(/\\([!-/:-@[-`{-~])/g, '$1');

describe('markdown escaping', () => {
  const hostile = [
    '<img src=x onerror=alert(1)>',
    '<script>alert(1)</script>',
    '[run](command:workbench.action.terminal.new)',
    '[x](command:emergenceLens.plotSeries?%5B%5D)',
    '![img](https://example.com/x.png)',
    '**bold** _it_ `code` ~~gone~~',
    '# heading',
    '- item',
    '1. item',
    '| a | b |',
    'a\\b',
    '&lt;img&gt; &amp;',
    'https://example.com and www.example.com',
    '$x^2$',
  ];

  for (const text of hostile) {
    it(`shows ${JSON.stringify(text)} as written`, () => {
      const md = escapeMarkdown(text);
      assert.equal(rendered(md), text, 'nothing is lost');
      assert.doesNotMatch(md, /(^|[^\\])[<>[\]()`*_|#&!~]/, 'no unescaped markup character');
    });
  }

  it('keeps a name on one line (no new blocks, no new table rows)', () => {
    const md = escapeMarkdown('task\n# heading\r\n| row |\u2028x');
    assert.ok(!/[\n\r\u2028]/.test(md));
    assert.equal(plainText('a\nb'), 'a b');
    assert.equal(plainText('$(alert) task'), '$\u200b(alert) task', 'no codicons from names in menus');
  });

  it('caps very long names', () => {
    assert.ok(escapeMarkdown('a'.repeat(10_000)).length < 200);
  });

  it('builds command links whose arguments cannot close the link', () => {
    const link = commandLink('Plot', COMMANDS.plotSeries, [{ seriesId: 'x) [evil](command:workbench.action.terminal.new' }]);
    const match = /^\[Plot\]\(command:emergenceLens\.plotSeries\?([^\s)]+) "Plot"\)$/.exec(link);
    assert.ok(match, link);
    assert.deepEqual(JSON.parse(decodeURIComponent(match[1])), [{ seriesId: 'x) [evil](command:workbench.action.terminal.new' }]);
  });

  it('refuses commands that are not ours', () => {
    assert.throws(() => commandLink('Run', 'workbench.action.terminal.new', []), /not an Emergence Lens command/);
  });
});
