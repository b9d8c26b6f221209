import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { fitLogistic } from '../../server/src/core/logistic';
import { breakthroughness, linearity, logLinearSlope } from '../../server/src/core/trend';

describe('breakthroughness and linearity', () => {
  it('equals the number of steps for a staircase of equal steps', () => {
    assert.equal(breakthroughness([0, 1, 2, 3, 4]), 4);
    assert.equal(linearity([0, 1, 2, 3, 4]), 4);
  });

  it('computes Schaeffer et al. Eq. 1 on an uneven curve', () => {
    // Steps 0.01, 0.01, 0.3, 0.1: I = 0.42, median of squared steps = (0.01² + 0.1²)/2.
    const b = breakthroughness([0, 0.01, 0.02, 0.32, 0.42])!;
    assert.ok(Math.abs(b - 0.42 / Math.sqrt((0.0001 + 0.01) / 2)) < 1e-9, String(b));
    const l = linearity([0, 0.01, 0.02, 0.32, 0.42])!;
    assert.ok(Math.abs(l - 0.42 / Math.sqrt((0.0001 + 0.0001 + 0.09 + 0.01) / 4)) < 1e-9, String(l));
  });

  it('is negative when the best score comes before the worst', () => {
    assert.ok(breakthroughness([0.9, 0.7, 0.5, 0.3])! < 0);
  });

  it('caps a single jump over flat steps instead of dividing by zero', () => {
    assert.equal(breakthroughness([0, 0, 0, 0, 0.5]), 100);
    assert.equal(breakthroughness([0.2, 0.2, 0.2]), 0);
  });

  it('needs three points', () => {
    assert.equal(breakthroughness([0, 1]), null);
  });
});

describe('log-linear slope', () => {
  it('finds the slope per decade and does not claim certainty from a perfect line of noisy points', () => {
    const fit = logLinearSlope([8, 9, 10], [0.1, 0.2, 0.3], [0.05, 0.05, 0.05]);
    assert.ok(Math.abs(fit.slope - 0.1) < 1e-9);
    // The residuals are zero; the points' own errors set the slope's standard error.
    assert.ok(Number.isFinite(fit.z) && fit.z > 1 && fit.z < 5, String(fit.z));
  });
});

describe('logistic fit', () => {
  it('recovers the midpoint and slope of a sampled sigmoid', () => {
    const u = [7, 7.5, 8, 8.5, 9, 9.5, 10, 10.5, 11];
    const y = u.map((x) => 1 / (1 + Math.exp(-3 * (x - 9.6))));
    const fit = fitLogistic(u, y)!;
    assert.ok(Math.abs(Math.log10(fit.midpoint) - 9.6) < 0.01, `midpoint 10^${Math.log10(fit.midpoint)}`);
    assert.ok(Math.abs(fit.slope - 3) < 0.05, `slope ${fit.slope}`);
    assert.ok(Math.abs(fit.widthDecades - (2 * Math.log(9)) / 3) < 0.02);
    assert.equal(fit.extrapolated, false);
    assert.ok(fit.rmse < 1e-3);
  });

  it('says when the midpoint lies beyond the data', () => {
    const u = [8, 9, 10, 11];
    const y = u.map((x) => 1 / (1 + Math.exp(-2 * (x - 12))));
    const fit = fitLogistic(u, y)!;
    assert.equal(fit.extrapolated, true);
    assert.ok(Math.log10(fit.midpoint) > 11);
  });
});
