// Everything a results file says (task, model, metric names) is untrusted: it reaches hovers as plain text,
// never as markdown, HTML or a link. Command links are built here and only for our own commands.
import { COMMANDS } from '../protocol';

/** Names are capped so one absurd key cannot fill a hover; messages get more room. */
const MAX_NAME = 160;
const MAX_MESSAGE = 600;

// Every ASCII punctuation character CommonMark lets us backslash-escape and that can start or end syntax:
// emphasis, code, links and images, HTML, headings, lists, tables, strikethrough, entities, autolinks
// and autolink literals (`:`, `.`, `@`), math in some renderers (`$`).
const SPECIAL = /[\\`*_{}[\]()<>#+\-.!|~&:$@]/g;

/** Text as it must appear, whatever it contains; one line, capped in length. */
export function escapeMarkdown(text: string): string {
  return oneLine(text, MAX_NAME).replace(SPECIAL, '\\$&');
}

/** Our own longer texts (a model's scale with its sources): escaped the same way, capped only as messages are. */
export function escapeText(text: string): string {
  return oneLine(text, MAX_MESSAGE).replace(SPECIAL, '\\$&');
}

/** Control characters and line breaks would start new markdown blocks (or table rows). */
function oneLine(text: string, max: number): string {
  // eslint-disable-next-line no-control-regex
  const flat = String(text).replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/**
 * Text for plain-text places (diagnostic messages, hint tooltips, action titles): one line, capped, and with
 * VS Code's `$(icon)` syntax broken by a zero-width space so a name cannot draw icons in menus.
 */
export function plainText(text: string): string {
  return oneLine(text, MAX_MESSAGE).replace(/\$\(/g, '$\u200b(');
}

const OUR_COMMANDS = new Set<string>(Object.values(COMMANDS));

/**
 * `[label](command:id?args)`. Arguments are JSON, URI-encoded so that nothing in them (a task named `)` or
 * `](command:…)`) can end the link early. Throws for commands that are not ours: hovers must never carry others.
 */
export function commandLink(label: string, command: string, args: unknown[]): string {
  if (!OUR_COMMANDS.has(command)) throw new Error(`not an Emergence Lens command: ${command}`);
  const query = encodeURIComponent(JSON.stringify(args)).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `[${escapeMarkdown(label)}](command:${command}?${query} "${escapeMarkdown(label)}")`;
}
