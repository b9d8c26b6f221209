// Timing for tests that bound a cost: always against a baseline measured in the same run, never a wall-clock
// constant. The best of a few runs is the cost; what a busy machine adds (another process, a GC pause) only
// ever makes a run slower.

/** Milliseconds of the fastest of `runs` calls. */
export function bestOf(runs: number, work: () => unknown): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

/** The same for asynchronous work. */
export async function bestOfAsync(runs: number, work: () => Promise<unknown>): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}
