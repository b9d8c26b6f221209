// Documents are keyed by file-system path inside the server (readers and the core speak paths);
// URIs exist only at the LSP boundary.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { normalize } from 'node:path';

/** A path for `file:` URIs, the URI itself for anything else (untitled buffers, virtual file systems). */
export function uriToKey(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  try {
    return normalizePath(fileURLToPath(uri));
  } catch {
    return uri;
  }
}

export function normalizePath(path: string): string {
  const normal = normalize(path);
  // VS Code sends `file:///c%3A/...`, the disk walk yields `C:\...`: one key for both.
  return process.platform === 'win32' ? normal.replace(/^[A-Z]:/, (d) => d.toLowerCase()) : normal;
}

export function isFileKey(key: string): boolean {
  return !/^[a-zA-Z][\w+.-]+:/.test(key) || /^[a-zA-Z]:[\\/]/.test(key);
}

/**
 * URIs the client used for a key win, so diagnostics land on the very document it has open. Kept for the session:
 * one entry per document the client opened, and a closed file's later diagnostics must go to the same URI.
 */
export class UriMap {
  private readonly known = new Map<string, string>();

  remember(uri: string): string {
    const key = uriToKey(uri);
    this.known.set(key, uri);
    return key;
  }

  toUri(key: string): string {
    const known = this.known.get(key);
    if (known) return known;
    return isFileKey(key) ? pathToFileURL(key).href : key;
  }
}
