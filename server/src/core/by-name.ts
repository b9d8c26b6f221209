// Registry lookups by name (metric, task): a workspace has a few hundred names and every series asks about its own,
// and an edit re-analyses a whole family. Each name's answer, undefined included, is computed once.
export function byName<V>(compute: (name: string) => V): (name: string) => V {
  const known = new Map<string, V>();
  return (name) => {
    if (known.has(name)) return known.get(name) as V;
    const value = compute(name);
    known.set(name, value);
    return value;
  };
}
