/** Polling for tests: waits for something a user or the cloud would eventually observe. */
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'vitest';

/** Polls `read` until `done` holds; fails the test after `timeoutMs` showing the last value. */
export async function eventually<T>(
  read: () => T | Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) {
      expect.fail(
        `condition not reached in ${timeoutMs} ms; last value: ${JSON.stringify(value)?.slice(0, 2000)}`,
      );
    }
    await sleep(25);
  }
}

/** Polls `check` until it returns true; fails the test after `timeoutMs`. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  await eventually(check, (ok) => ok, timeoutMs);
}
