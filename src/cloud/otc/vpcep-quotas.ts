/** Quotas (reference §2.12): `used/quota` of endpoint services or endpoints in the project. */
import { BadResponseError } from '../errors.js';
import type { Quota, QuotaType } from '../types.js';
import { apiPath } from './endpoints.js';
import type { RetryMode } from './retry.js';
import type { VpcepContext } from './vpcep-services.js';
import { quotaOf, quotasWire } from './wire/quotas-wire.js';

export async function getQuota(
  ctx: VpcepContext,
  type: QuotaType,
  options: { timeoutMs?: number; retry?: RetryMode } = {},
): Promise<Quota> {
  const operation = 'read the VPC endpoint quotas';
  const resources = await ctx.http.request(
    {
      service: 'vpcep',
      method: 'GET',
      path: apiPath('v1', ctx.projectId, 'quotas'),
      query: { type },
      operation,
      retry: options.retry ?? 'idempotent',
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    },
    quotasWire,
  );
  const quota = quotaOf(resources, type);
  if (quota) return quota;
  throw new BadResponseError({
    operation,
    userMessage: `The cloud did not report the ${type} quota. Tell the bot operators.`,
  });
}
