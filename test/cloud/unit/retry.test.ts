import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorFromNetwork, errorFromResponse } from '#src/cloud/otc/classify.js';
import { AKSK_HINT } from '#src/cloud/otc/otc-auth.js';
import { backoffDelay, isAmbiguousFailure, mayRetry } from '#src/cloud/otc/retry.js';

const answer = (status: number, code?: string) =>
  errorFromResponse(status, { code, message: undefined }, 'x', AKSK_HINT);
const connectionRefused = errorFromNetwork(
  Object.assign(new TypeError('fetch failed'), {
    cause: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }),
  }),
  'x',
  false,
);
const timedOut = errorFromNetwork(new DOMException('timeout', 'TimeoutError'), 'x', true);

describe('which failures may be retried', () => {
  it.each([
    ['429', true, true, answer(429)],
    ['EndPoint.0022', true, true, answer(400, 'EndPoint.0022')],
    ['APIG.0308', true, true, answer(429, 'APIG.0308')],
    ['500 EndPoint.0001', true, false, answer(500, 'EndPoint.0001')],
    ['400 EndPoint.0013', true, false, answer(400, 'EndPoint.0013')],
    ['503', true, false, answer(503)],
    ['a timeout', true, false, timedOut],
    ['a refused connection', true, true, connectionRefused],
    ['404', false, false, answer(404)],
    ['400 EndPoint.1003', false, false, answer(400, 'EndPoint.1003')],
    ['401', false, false, answer(401)],
  ] as const)(
    '%s: retried if idempotent %s, if an action with side effects %s, never if a create',
    (_, idempotent, action, error) => {
      expect(mayRetry('idempotent', error)).toBe(idempotent);
      expect(mayRetry('unprocessed-only', error)).toBe(action);
      expect(mayRetry('never', error)).toBe(false);
    },
  );

  it('calls a timeout or a 5xx ambiguous, but not a refused connection or a 4xx', () => {
    expect(isAmbiguousFailure(timedOut)).toBe(true);
    expect(isAmbiguousFailure(answer(502))).toBe(true);
    expect(isAmbiguousFailure(connectionRefused)).toBe(false);
    expect(isAmbiguousFailure(answer(400, 'EndPoint.0022'))).toBe(false);
  });
});

describe('jittered exponential backoff', () => {
  const policy = { maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 8000 };

  it('stays between half and all of the exponential step, capped', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (failures, r) => {
          const step = Math.min(8000, 500 * 2 ** (failures - 1));
          const delay = backoffDelay(policy, failures, () => r);
          expect(delay).toBeGreaterThanOrEqual(Math.floor(step / 2));
          expect(delay).toBeLessThanOrEqual(step);
        },
      ),
    );
  });

  it('doubles the step per failure until the cap', () => {
    const top = (failures: number) => backoffDelay(policy, failures, () => 1);
    expect([1, 2, 3, 4, 5, 6].map(top)).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
  });
});
