/**
 * The Reject modal's `private_metadata`: the request ID, and the channel and ts of the clicked request
 * message (so a copy whose record was lost is still kept current). It lives with the modal it belongs
 * to: the Reject click writes it into the modal, the submission reads it back. The channel and ts are where
 * the bot will post and update: metadata whose channel is not a Slack ID, or whose ts is not a Slack token,
 * is refused whole, like any other payload ID.
 */
import { z } from 'zod';
import { slackIdSchema, slackTokenSchema } from '../../../domain/slack-ids.js';
import type { MessageCopy } from '../store/approval-request-types.js';

const metadataSchema = z.object({
  r: z.string().min(1),
  c: slackIdSchema('a channel').optional(),
  t: slackTokenSchema.optional(),
  h: z.literal(1).optional(),
});

export interface RejectMetadata {
  readonly requestId: string;
  readonly channel: string | undefined;
  readonly message?: MessageCopy | undefined;
  /** The Reject click came from App Home, to be published again after the decision. */
  readonly fromHome?: boolean;
}

export function encodeRejectMetadata(metadata: RejectMetadata): string {
  return JSON.stringify({
    r: metadata.requestId,
    ...(metadata.channel ? { c: metadata.channel } : {}),
    ...(metadata.message ? { c: metadata.message.channel, t: metadata.message.ts } : {}),
    ...(metadata.fromHome ? { h: 1 } : {}),
  });
}

export function decodeRejectMetadata(raw: string): RejectMetadata | undefined {
  try {
    const parsed = metadataSchema.safeParse(JSON.parse(raw));
    if (!parsed.success) return undefined;
    const { r, c, t, h } = parsed.data;
    return {
      requestId: r,
      channel: c,
      ...(c && t ? { message: { channel: c, ts: t } } : {}),
      ...(h ? { fromHome: true } : {}),
    };
  } catch {
    return undefined;
  }
}
