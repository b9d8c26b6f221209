// Glob patterns of the include/exclude settings, with VS Code's semantics: matched against the path
// relative to the workspace folder, `/` separators, `**` any number of folders, `{a,b}` alternatives.

const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  let cached = cache.get(glob);
  if (!cached) cache.set(glob, (cached = new RegExp(`^${translate(glob.replace(/\\/g, '/').replace(/^\.\//, ''))}$`)));
  return cached;
}

function translate(glob: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const atSegmentStart = i === 0 || glob[i - 1] === '/';
        const atSegmentEnd = i + 2 === glob.length || glob[i + 2] === '/';
        if (atSegmentStart && atSegmentEnd) {
          // `**/` matches zero or more folders; a trailing `**` matches everything below.
          if (glob[i + 2] === '/') {
            out += '(?:[^/]*/)*';
            i += 2;
          } else {
            out += '.*';
            i += 1;
          }
          continue;
        }
        i += 1;
      }
      out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '{') {
      depth++;
      out += '(?:';
    } else if (c === '}' && depth > 0) {
      depth--;
      out += ')';
    } else if (c === ',' && depth > 0) out += '|';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close < 0) out += '\\[';
      else {
        const body = glob.slice(i + 1, close).replace(/\\/g, '\\\\');
        out += `[${body.startsWith('!') ? '^' + body.slice(1) : body}]`;
        i = close;
      }
    } else out += c.replace(/[.+^$()|\\\]]/g, '\\$&');
  }
  return out + ')'.repeat(depth);
}

export function matchesAny(relativePath: string, globs: readonly string[]): boolean {
  const path = relativePath.replace(/\\/g, '/');
  return globs.some((g) => globToRegExp(g).test(path));
}

/** Included by at least one include glob and by no exclude glob. */
export function isIncluded(relativePath: string, include: readonly string[], exclude: readonly string[]): boolean {
  return matchesAny(relativePath, include) && !matchesAny(relativePath, exclude);
}
