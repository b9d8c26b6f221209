// The chart webview's page. No VS Code API here (plain strings in, a string out), so the CSP is tested in Node.
import { randomBytes } from 'node:crypto';

export const VIEW_TYPE = 'emergenceLens.chart';

/** 32 random bytes, base64url: a nonce the page cannot guess, new on every load. */
export function makeNonce(): string {
  return randomBytes(32).toString('base64url');
}

export interface PageAssets {
  /** webview.cspSource */
  cspSource: string;
  /** webview.asWebviewUri of dist/webview.js and dist/webview.css, as strings. */
  script: string;
  style: string;
}

const escapeAttribute = (text: string): string => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return `default-src 'none'; img-src ${cspSource} data:; style-src ${cspSource}; script-src 'nonce-${nonce}';`;
}

/** Only the bundle's URIs and the nonce go into the markup; every result string reaches the page as message data. */
export function chartHtml(assets: PageAssets, nonce: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(contentSecurityPolicy(assets.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${escapeAttribute(assets.style)}">
<title>Emergence Lens chart</title>
</head>
<body>
<div id="app"></div>
<script nonce="${nonce}" src="${escapeAttribute(assets.script)}"></script>
</body>
</html>
`;
}
