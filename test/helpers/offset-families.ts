// A tidy CSV of two families that share three benchmarks, the second a decade behind the first in capability. The
// task `target` emerged in the first; the second was measured on it up to 1B only, where it is still near 0, with no
// graded metric or loss of its own: only the observational method (its capability placed on the first family's
// curve) forecasts it.
const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
/** Ten sizes from 10M to ~316B, half a decade apart. */
const U = Array.from({ length: 10 }, (_, i) => 7 + 0.5 * i);
const OFFSET = { early: 0, late: 1 };

export function offsetFamiliesCsv(): string {
  const out = ['model,family,params,task,metric,score,n,baseline'];
  for (const [family, offset] of Object.entries(OFFSET)) {
    U.forEach((u, i) => {
      const c = u - offset;
      const model = `${family}-${i}`;
      ['bench_a', 'bench_b', 'bench_c'].forEach((task, j) => out.push(`${model},${family},${10 ** u},${task},acc,${(0.3 + (0.06 + 0.01 * j) * (c - 6)).toFixed(4)},5000,0.25`));
      if (family === 'early' || u <= 9) out.push(`${model},${family},${10 ** u},target,exact_match,${(Math.round(5000 * sigmoid(4 * (c - 9.5))) / 5000).toFixed(4)},5000,0`);
    });
  }
  return out.join('\n') + '\n';
}
