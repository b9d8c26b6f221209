// The standalone report: one HTML file with the chart bundle, its styles and the data inlined, under a CSP that
// allows exactly those inline blocks (by hash) and nothing from anywhere else, so it opens offline and shares safely.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReportData } from '../../server/src/protocol';

export interface ReportAssets {
  script: string;
  style: string;
}

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** JSON for a <script type="application/json"> block: with <, > and & escaped no "</script>" or "<!--" can end it early. */
export function embedJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function reportHtml(data: ReportData, assets: ReportAssets): string {
  // "<!--" would switch the HTML parser into script-escaped states where "</script>" may not end the block.
  if (/<\/script|<!--/i.test(assets.script) || /<\/style/i.test(assets.style)) throw new Error('the report bundle contains a closing tag and cannot be inlined');
  const csp = [`default-src 'none'`, `style-src ${sha256(assets.style)}`, `script-src ${sha256(assets.script)}`, `base-uri 'none'`, `form-action 'none'`].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Emergence Lens report</title>
<style>${assets.style}</style>
</head>
<body>
<div id="app"></div>
<script type="application/json" id="el-data">${embedJson(data)}</script>
<script>${assets.script}</script>
</body>
</html>
`;
}

/** The bundles sit next to dist/cli.js; from the sources (tsx) they are in dist/ at the root. */
export function readReportAssets(dir: string): ReportAssets {
  const found = [dir, join(dir, '../../dist')].find((d) => existsSync(join(d, 'report.js')) && existsSync(join(d, 'report.css')));
  if (!found) throw new Error(`report bundle not found next to ${dir}: run "node build.mjs" first`);
  return { script: readFileSync(join(found, 'report.js'), 'utf8'), style: readFileSync(join(found, 'report.css'), 'utf8') };
}
