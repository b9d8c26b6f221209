// Neovim's built-in LSP client, headless, as a second real editor: it opens a fixture, waits for the
// diagnostics, reads them and a hover. A server that works for two clients follows the protocol, not one
// client's habits.
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { ensureBundle, SERVER, workspaceCopy } from '../protocol/lsp-client';
import { skipUnlessRequired } from '../helpers/required';

const FILE = 'acme__lens-lm-2.8b/results_2025-01-01T00-00-04.json';
const hasNvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0;

interface NvimReport {
  error?: string;
  waited: boolean;
  diagnostics: { lnum: number; col: number; severity: number; message: string; code?: string; source?: string }[];
  hover?: string;
}

/** Lua strings are written with %q-like quoting through JSON, which Lua reads as a plain string literal. */
const lua = (s: string) => JSON.stringify(s);

function script(file: string, root: string, line: number, out: string): string {
  return `
local out = { waited = false, diagnostics = {} }
local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(${lua(file)}))
  local id = vim.lsp.start_client({
    name = 'emergence-lens',
    cmd = { ${lua(process.execPath)}, ${lua(SERVER)}, '--stdio' },
    root_dir = ${lua(root)},
    settings = { emergenceLens = { severity = 'hint' } },
  })
  vim.lsp.buf_attach_client(0, id)
  out.waited = vim.wait(15000, function()
    for _, d in ipairs(vim.diagnostic.get(0)) do
      local lsp = d.user_data and d.user_data.lsp or {}
      if (d.code or lsp.code) == 'emergent' then return true end
    end
    return false
  end, 50)
  for _, d in ipairs(vim.diagnostic.get(0)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(out.diagnostics, { lnum = d.lnum, col = d.col, severity = d.severity, message = d.message, code = d.code or lsp.code, source = d.source or lsp.source })
  end
  local params = { textDocument = { uri = vim.uri_from_bufnr(0) }, position = { line = ${line}, character = 20 } }
  local responses = vim.lsp.buf_request_sync(0, 'textDocument/hover', params, 5000) or {}
  for _, r in pairs(responses) do
    if r.result and r.result.contents then out.hover = r.result.contents.value end
  end
  vim.lsp.stop_client(id)
end)
if not ok then out.error = tostring(err) end
vim.fn.writefile({ vim.fn.json_encode(out) }, ${lua(out)})
vim.cmd('qa!')
`;
}

describe('Neovim as a client', () => {
  before(() => {
    if (hasNvim) ensureBundle();
  });

  it('shows the emergent diagnostics and the hover', async (t) => {
    const missing = skipUnlessRequired(hasNvim ? false : 'nvim not found: install neovim to run this suite');
    if (missing) {
      t.skip(missing);
      return;
    }
    const ws = workspaceCopy();
    try {
      const file = join(ws.dir, FILE);
      const text = readFileSync(file, 'utf8').split('\n');
      const task = text.findIndex((l) => l.includes('"arithmetic_3da": {'));
      const line = text.findIndex((l, i) => i > task && l.includes('"acc,none"'));
      const out = join(ws.dir, 'nvim-report.json');
      const lua = join(ws.dir, 'nvim-test.lua');
      writeFileSync(lua, script(file, ws.dir, line, out));

      const nvim = spawn('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${lua}`], { cwd: ws.dir, stdio: 'ignore' });
      const timer = setTimeout(() => nvim.kill(), 30_000);
      const code = await new Promise<number | null>((r) => nvim.once('exit', r));
      clearTimeout(timer);
      assert.equal(code, 0, 'nvim exits cleanly');

      const report = JSON.parse(readFileSync(out, 'utf8')) as NvimReport;
      assert.equal(report.error, undefined, report.error);
      assert.ok(report.waited, 'diagnostics arrived');
      const emergent = report.diagnostics.filter((d) => d.code === 'emergent');
      assert.equal(emergent.length, 2, JSON.stringify(report.diagnostics));
      const arithmetic = emergent.find((d) => d.message.startsWith('arithmetic_3da'))!;
      assert.equal(arithmetic.lnum, line);
      assert.equal(arithmetic.col, text[line].indexOf('0.205'));
      assert.equal(arithmetic.severity, 4, 'Hint');
      assert.match(arithmetic.message, /is emergent in lens-lm: near chance up to 1\.4B, clearly above from 2\.8B/);
      assert.ok(report.hover, 'a hover');
      assert.match(report.hover, /\*\*Multi-step\*\*/);
      assert.match(report.hover, /\*\*Metric flaw\*\*/);
      assert.match(report.hover, /\*\*Multi-step\*\* \(k = 3, /);
    } finally {
      ws.dispose();
    }
  });
});
