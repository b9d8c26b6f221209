// Names in results files are untrusted text. These helpers keep them plain wherever VS Code would
// otherwise interpret them: `$(icon)` syntax in quick picks, markdown in the series table.

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]+/g;

/** One line, capped in length. */
export function oneLine(text: string, max = 200): string {
  const flat = String(text).replace(CONTROL, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Quick picks, input boxes and status texts draw `$(name)` as an icon: a zero-width space breaks it. */
export function noIcons(text: string, max?: number): string {
  return oneLine(text, max).replace(/\$\(/g, '$\u200b(');
}

/**
 * Markdown code span showing the text literally (no emphasis, links or HTML), safe inside a table cell:
 * GFM splits cells on `|` even inside code spans unless it is escaped.
 */
export function codeSpan(text: string, max?: number): string {
  const flat = oneLine(text, max).replace(/\|/g, '\\|');
  if (flat.trim() === '') return flat === '' ? '' : '` `';
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

// Every ASCII punctuation character CommonMark lets us backslash-escape and that can start or end syntax
// (emphasis, code, links, HTML, headings, lists, tables, entities, autolinks); the server's hovers use the same set.
const MARKDOWN_SPECIAL = /[\\`*_{}[\]()<>#+\-.!|~&:$@]/g;

/** Prose that quotes names (an analysis reason): one line, shown as text by any markdown renderer. */
export function escapeMarkdown(text: string, max = 1000): string {
  return oneLine(text, max).replace(MARKDOWN_SPECIAL, '\\$&');
}

/** Notifications turn `[text](target)` into links (command links too): a name must not become one. */
export function forMessage(text: string, max?: number): string {
  return noIcons(text, max).replace(/\]\s*\(/g, ']\u200b(');
}
