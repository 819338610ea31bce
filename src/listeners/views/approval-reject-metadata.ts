/** The Reject modal's `private_metadata`: the request ID and the channel of the clicked message. */
import { z } from 'zod';

const metadataSchema = z.object({ r: z.string().min(1), c: z.string().optional() });

export interface RejectMetadata {
  readonly requestId: string;
  readonly channel: string | undefined;
}

export function encodeRejectMetadata(metadata: RejectMetadata): string {
  return JSON.stringify({ r: metadata.requestId, ...(metadata.channel ? { c: metadata.channel } : {}) });
}

export function decodeRejectMetadata(raw: string): RejectMetadata | undefined {
  try {
    const parsed = metadataSchema.safeParse(JSON.parse(raw));
    return parsed.success ? { requestId: parsed.data.r, channel: parsed.data.c } : undefined;
  } catch {
    return undefined;
  }
}
