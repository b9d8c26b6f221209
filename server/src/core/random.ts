// Deterministic pseudo-random numbers, so an analysis (and a test) gives the same answer on every run.

/** mulberry32's step: the state advances by this constant, and each state is hashed into one number. */
const STEP = 0x6d2b79f5;

function mulberry(state: number): number {
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** Box–Muller, from two uniforms in [0, 1). */
function gaussian(u1: number, u2: number): number {
  return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
}

/** Uniform numbers in [0, 1) from a 32-bit seed (mulberry32). */
export function seededRandom(seed: number): () => number {
  return () => mulberry((seed = (seed + STEP) | 0));
}

/** Standard normal draws from a uniform source (Box–Muller). */
export function normalDraws(uniform: () => number): () => number {
  return () => gaussian(uniform(), uniform());
}

/**
 * The draws of normalDraws(seededRandom(seed)), number for number, an array at a time: an onset interval redraws
 * every point of a curve 200 times, and a loop over a local state is about a quarter faster than a call per number.
 */
export class NormalStream {
  constructor(private seed: number) {}

  fill(out: Float64Array): void {
    let seed = this.seed;
    for (let i = 0; i < out.length; i++) {
      const u1 = mulberry((seed = (seed + STEP) | 0));
      const u2 = mulberry((seed = (seed + STEP) | 0));
      out[i] = gaussian(u1, u2);
    }
    this.seed = seed;
  }
}
