// Test files run in parallel and several rebuild dist/ when it is stale: one at a time, under a lock directory.
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const LOCK = join(resolve(__dirname, '../..'), 'dist/.test-build-lock');

export function withBuildLock(build: () => void): void {
  mkdirSync(LOCK.slice(0, LOCK.lastIndexOf('/')), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`${LOCK} held for two minutes; remove it if no test run is going on`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
  }
  try {
    build();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
