/**
 * The Reject modal's `private_metadata`: the request ID, and the channel and ts of the clicked request
 * message (so a copy whose record was lost is still kept current).
 */
import { z } from 'zod';
import type { MessageCopy } from '../../stores/approval-requests.js';

const metadataSchema = z.object({ r: z.string().min(1), c: z.string().optional(), t: z.string().optional() });

export interface RejectMetadata {
  readonly requestId: string;
  readonly channel: string | undefined;
  readonly message?: MessageCopy | undefined;
}

export function encodeRejectMetadata(metadata: RejectMetadata): string {
  return JSON.stringify({
    r: metadata.requestId,
    ...(metadata.channel ? { c: metadata.channel } : {}),
    ...(metadata.message ? { c: metadata.message.channel, t: metadata.message.ts } : {}),
  });
}

export function decodeRejectMetadata(raw: string): RejectMetadata | undefined {
  try {
    const parsed = metadataSchema.safeParse(JSON.parse(raw));
    if (!parsed.success) return undefined;
    const { r, c, t } = parsed.data;
    return { requestId: r, channel: c, ...(c && t ? { message: { channel: c, ts: t } } : {}) };
  } catch {
    return undefined;
  }
}
