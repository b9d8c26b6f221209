// How firmly a curve's emergence is placed: the scores are redrawn within their standard errors (a parametric
// bootstrap over models) and the emergence test run again on each draw. With per-sample logs the jump is judged on
// paired differences; the redraws do not keep that pairing, so on such curves the share is conservative.
import { emergenceOnset, type CurvePoint } from './classify';
import type { Thresholds } from './config';
import { NormalStream } from './random';
import type { EmergenceInterval } from './results';

export const RESAMPLES = 200;

/**
 * The onset lies between the last model near chance and the first clearly above (`onset`); over the redraws called
 * emergent, the interval widens to the 5th and 95th percentile onsets. `x` holds each point's scale.
 */
export function emergenceInterval(curve: readonly CurvePoint[], onset: number, x: readonly number[], t: Thresholds): EmergenceInterval {
  const draws = new NormalStream(0x5eed);
  const noise = new Float64Array(curve.length);
  const onsets: number[] = [];
  // Unpaired: the redraws do not keep the pairing (see above).
  const draw: CurvePoint[] = curve.map((p) => ({ u: p.u, z: p.z, s: p.s, label: p.label }));
  for (let r = 0; r < RESAMPLES; r++) {
    draws.fill(noise);
    for (let i = 0; i < curve.length; i++) draw[i].z = curve[i].z + curve[i].s * noise[i];
    const found = emergenceOnset(draw, t);
    if (found !== undefined) onsets.push(found);
  }
  onsets.sort((a, b) => a - b);
  const lo = onsets.length ? onsets[Math.floor(0.05 * (onsets.length - 1))] : onset;
  const hi = onsets.length ? onsets[Math.ceil(0.95 * (onsets.length - 1))] : onset;
  return { low: x[Math.min(lo, onset) - 1], high: x[Math.max(hi, onset)], share: onsets.length / RESAMPLES, resamples: RESAMPLES };
}
