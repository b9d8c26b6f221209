// The CLI's inputs: the paths on the command line and the `sources` of emergence-lens.json (local ones relative to
// that file's folder), split into plain paths, walked as always, and globs and URLs (server/src/sweeps/sources.ts).
import type { Overrides } from '../../server/src/core/config';
import { isSpecialSource, readSource, resolveSource, type SourceReading } from '../../server/src/sweeps/sources';

export interface Inputs {
  paths: string[];
  special: string[];
}

export async function splitInputs(args: readonly string[], overrides: Overrides, overridesFile: string | undefined): Promise<Inputs> {
  const fromFile = (overrides.sources ?? []).map((s) => resolveSource(s, overridesFile));
  const out: Inputs = { paths: [], special: [] };
  for (const spec of [...args, ...fromFile]) (await isSpecialSource(spec) ? out.special : out.paths).push(spec);
  return out;
}

export async function readSpecialInputs(specs: readonly string[]): Promise<SourceReading[]> {
  const out: SourceReading[] = [];
  for (const spec of specs) for (const reading of await readSource(spec)) out.push(reading);
  return out;
}
