// Tables that give sizes but no family column: models whose names share no stem with another ("m-70000000",
// "run-a") would each be a family of one, and every series too short for a verdict, without a word. Such models are
// read as one family named after the file, and the reader says so.
import { familyFromModelName, lookupRegistry } from '../core/scale';
import type { Observation } from '../core/types';
import { baseName } from './neighbours';
import type { ReadContext } from './read-context';

export function groupFamilylessModels(ctx: ReadContext, observations: Observation[]): void {
  const sized = observations.filter((o) => !o.model.family && (o.model.params !== undefined || o.model.flops !== undefined));
  const namesByFamily = new Map<string, Set<string>>();
  for (const { model } of sized) {
    const family = familyFromModelName(model.name);
    const names = namesByFamily.get(family);
    if (names) names.add(model.name);
    else namesByFamily.set(family, new Set([model.name]));
  }
  const lone = new Set<string>();
  for (const names of namesByFamily.values()) {
    const [name] = names;
    if (names.size === 1 && !lookupRegistry(name).family) lone.add(name);
  }
  if (lone.size < 2) return;
  const family = baseName(ctx.file).replace(/\.[^.]*$/, '');
  let first: Observation | undefined;
  for (const o of sized) {
    if (!lone.has(o.model.name)) continue;
    first ??= o;
    o.model = Object.assign({}, o.model, { family });
  }
  const examples = [...lone].slice(0, 3).map((n) => `"${n}"`).join(', ');
  const message = `${lone.size} models of this table share no family name (${examples}${lone.size > 3 ? ', …' : ''}): read as one family "${family}"; add a family column to say otherwise`;
  ctx.report('info', first!.model.range ?? first!.range, message);
}
