/** zod schema of the quotas answer (reference §2.12). */
import { z } from 'zod';
import type { Quota } from '../../types.js';
import { lenientArray, wholeNumber } from './common-wire.js';

export const quotasWire = z
  .object({
    quotas: z.object({
      resources: lenientArray(z.object({ type: z.string(), used: wholeNumber, quota: wholeNumber })),
    }),
  })
  .transform((q) => q.quotas.resources);

/** Picks one quota type out of the quotas answer. */
export function quotaOf(resources: readonly { type: string; used: number; quota: number }[], type: string) {
  const found = resources.find((r) => r.type === type);
  return found ? ({ used: found.used, quota: found.quota } satisfies Quota) : undefined;
}
