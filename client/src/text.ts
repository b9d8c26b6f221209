// Names in results files are untrusted text. These helpers keep them plain wherever VS Code would
// otherwise interpret them: `$(icon)` syntax in quick picks, links in notifications.

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

/** Notifications turn `[text](target)` into links (command links too): a name must not become one. */
export function forMessage(text: string, max?: number): string {
  return noIcons(text, max).replace(/\]\s*\(/g, ']\u200b(');
}
