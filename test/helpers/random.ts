/** Deterministic pseudo-random numbers, so generated fixtures and edits are the same on every run. */
export { seededRandom } from '../../server/src/core/random';
