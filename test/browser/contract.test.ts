// The boundaries around the chart page that need no browser: messages from the webview, the webview's HTML and
// CSP, and the report's embedded data.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { chartHtml, contentSecurityPolicy, makeNonce } from '../../client/src/chart/html';
import { embedJson, reportHtml } from '../../cli/src/report-html';
import { parseHostMessage, parseState, parseWebviewMessage } from '../../webview/src/contract';

describe('messages from the webview', () => {
  it('keeps well-formed messages, with only their known fields', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready', extra: 1 }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'open', file: '/w/a.json', line: 3, command: 'rm' }), { type: 'open', file: '/w/a.json', line: 3 });
    assert.deepEqual(parseWebviewMessage({ type: 'plot', kind: 'compare', seriesId: 's1' }), { type: 'plot', kind: 'compare', seriesId: 's1' });
    assert.deepEqual(parseWebviewMessage({ type: 'exported', format: 'svg', data: '<svg xmlns="http://www.w3.org/2000/svg"/>', width: 10, height: 20 }), {
      type: 'exported',
      format: 'svg',
      data: '<svg xmlns="http://www.w3.org/2000/svg"/>',
      width: 10,
      height: 20,
    });
    assert.deepEqual(parseWebviewMessage({ type: 'exported', format: 'png', data: 'iVBORw0KGgo=', width: 2, height: 2 })?.type, 'exported');
    assert.deepEqual(parseWebviewMessage({ type: 'error', message: 'Export failed' }), { type: 'error', message: 'Export failed' });
  });

  it('drops anything malformed', () => {
    const bad: unknown[] = [
      null,
      'ready',
      [],
      { type: 'run', command: 'x' },
      { type: 'open', file: '/a', line: -1 },
      { type: 'open', file: '/a', line: 1.5 },
      { type: 'open', file: 42, line: 1 },
      { type: 'open', file: '', line: 1 },
      { type: 'open', file: 'x'.repeat(5000), line: 1 },
      { type: 'plot', kind: 'report', seriesId: 's' },
      { type: 'plot', kind: 'series' },
      { type: 'exported', format: 'svg', data: '<script>alert(1)</script>', width: 1, height: 1 },
      { type: 'exported', format: 'png', data: 'not base64!', width: 1, height: 1 },
      { type: 'exported', format: 'png', data: 'AAAA', width: 1e9, height: 1 },
      { type: 'exported', format: 'gif', data: 'AAAA', width: 1, height: 1 },
      { type: 'error', message: '' },
    ];
    for (const message of bad) assert.equal(parseWebviewMessage(message), null, JSON.stringify(message)?.slice(0, 80));
  });

  it('reads the saved state defensively: a bad request is no request', () => {
    assert.deepEqual(parseState({ request: { kind: 'series', id: 'a' }, axis: 'flops' }), { request: { kind: 'series', id: 'a' }, axis: 'flops' });
    assert.deepEqual(parseState({ request: { kind: 'series' }, axis: 'furlongs' }), {});
    assert.deepEqual(parseState(undefined), {});
    assert.deepEqual(parseState({ request: { kind: 'report', id: 'ignored' } }), { request: { kind: 'report' } });
  });

  it('takes host messages only with a view and a request', () => {
    assert.equal(parseHostMessage({ type: 'view', view: { kind: 'series', title: 't', series: [] } }), null);
    assert.equal(parseHostMessage({ type: 'export', format: 'bmp' }), null);
    assert.deepEqual(parseHostMessage({ type: 'export', format: 'png' }), { type: 'export', format: 'png' });
  });
});

describe('webview HTML', () => {
  it('has a strict CSP: nothing by default, bundle styles and images, scripts by nonce only', () => {
    const nonce = makeNonce();
    const html = chartHtml({ cspSource: 'https://file+.vscode-resource.vscode-cdn.net', script: 'https://x/dist/webview.js', style: 'https://x/dist/webview.css' }, nonce);
    assert.equal(
      contentSecurityPolicy('https://src', nonce),
      `default-src 'none'; img-src https://src data:; style-src https://src; script-src 'nonce-${nonce}';`,
    );
    assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src https://file+.vscode-resource.vscode-cdn.net data:;`));
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    assert.deepEqual(scripts, [`<script nonce="${nonce}" src="https://x/dist/webview.js">`]);
    assert.doesNotMatch(html, /style=|<style/);
  });

  it('makes a new unguessable nonce each time', () => {
    const nonces = new Set(Array.from({ length: 50 }, makeNonce));
    assert.equal(nonces.size, 50);
    for (const n of nonces) assert.match(n, /^[A-Za-z0-9_-]{43}$/);
  });
});

describe('report HTML', () => {
  it('embeds data that cannot close its script block', () => {
    const data = { task: '</script><script>alert(1)</script><!--', sep: '\u2028' };
    const embedded = embedJson(data);
    assert.doesNotMatch(embedded, /[<>&\u2028]/);
    assert.deepEqual(JSON.parse(embedded), data);
  });

  it('pins the inline script and style by hash and refuses bundles that would break out of their block', () => {
    const data = { title: 't', generated: 'now', inputs: [], series: [], problems: [] };
    const html = reportHtml(data, { script: 'console.log(1)', style: 'body{}' });
    assert.match(html, /script-src 'sha256-[A-Za-z0-9+/]+=*'/);
    assert.match(html, /style-src 'sha256-[A-Za-z0-9+/]+=*'/);
    assert.throws(() => reportHtml(data, { script: 'x="</script>"', style: '' }), /closing tag/);
    assert.throws(() => reportHtml(data, { script: 'x="<!--"', style: '' }), /closing tag/);
  });
});
