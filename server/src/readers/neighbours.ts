// Files beside the one being read, for formats that spread a run over several files: HELM's run_spec.json beside
// stats.json, an Inspect eval set's logs.json beside its archives. Readers stay free of the file system: the caller
// (io/files.ts) says how to get them.

export interface Neighbours {
  /** Text of the file of that name in the same folder; undefined when there is none or it cannot be read. */
  text(name: string): string | undefined;
  /** Bytes of the file of that name in the same folder (an eval set's logs); undefined when there is none or it cannot be read. */
  bytes(name: string): Uint8Array | undefined;
}

export const NO_NEIGHBOURS: Neighbours = { text: () => undefined, bytes: () => undefined };

/** Last part of a path, either separator. */
export function baseName(file: string): string {
  return file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
}

/** Folder names from the innermost out: `a/b/c.json` → ["b", "a"]. */
export function parentFolders(file: string): string[] {
  return file.split(/[\\/]/).slice(0, -1).filter((p) => p.length > 0).reverse();
}
