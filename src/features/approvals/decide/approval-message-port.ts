/**
 * The port to the request messages, which the delivery use cases call and the feature implements in
 * Slack (`slack/slack-approval-messages.ts`): where a message goes, what it shows, never how it looks.
 */
import type { Owners } from '../../../access/service-records.js';
import type { ApprovalRequest, MessageCopy } from '../store/approval-request-types.js';

/** What every copy of a request shows. */
export interface RequestShown {
  readonly request: ApprovalRequest;
  /** The owners a channel copy mentions; a DM goes to them directly and mentions nobody. */
  readonly deciders: Owners;
  /** The project's label (region), when the bot manages several projects. */
  readonly projectLabel: string | undefined;
}

/** A reply in the thread of a request's copy. */
export type ThreadNotice =
  | {
      readonly kind: 'reminder';
      readonly request: ApprovalRequest;
      readonly owners: Owners;
      readonly waitedMs: number;
    }
  | {
      /** Also shown in the channel (not in a DM). */
      readonly kind: 'escalation';
      readonly request: ApprovalRequest;
      readonly admins: readonly string[];
      readonly waitedMs: number;
    };

/** The port to the request messages: where they are posted, how they look. */
export interface ApprovalMessages {
  /** Posts the request to a channel, or to a person by DM (`to` a user ID); the copy made. */
  post(to: string, shown: RequestShown): Promise<MessageCopy>;
  /** Shows the request's latest state in one copy; `gone` when it can never be updated again. */
  refresh(copy: MessageCopy, shown: RequestShown): Promise<'updated' | 'gone'>;
  reply(copy: MessageCopy, notice: ThreadNotice): Promise<void>;
}
