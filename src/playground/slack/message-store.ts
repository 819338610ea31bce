/**
 * Messages the bot posted, per channel and timestamp, including thread replies and ephemeral messages,
 * so tests can read the current content of a message after any number of updates.
 */
import { withBlockIds } from './block-ids.js';
import type { SlackArgs } from './emulator-types.js';
import { FAKE_TEAM, MessageClock } from './ids.js';

/** A message as it currently looks in a channel. */
export interface StoredMessage {
  channel: string;
  ts: string;
  user: string;
  text?: string;
  blocks?: unknown[];
  attachments?: unknown[];
  metadata?: unknown;
  thread_ts?: string;
  /** Set once the message has been updated. */
  edited?: { user: string; ts: string };
}

/** An ephemeral message: shown to one user only, never stored in the channel history. */
export interface EphemeralMessage {
  channel: string;
  user: string;
  message_ts: string;
  text?: string;
  blocks?: unknown[];
  /** `response_url` when it came from one, else `chat.postEphemeral`. */
  via: string;
}

const CONTENT_FIELDS = ['text', 'blocks', 'attachments', 'metadata'] as const;

/** The message store. */
export class MessageStore {
  private readonly byChannel = new Map<string, Map<string, StoredMessage>>();
  private readonly ephemeral: EphemeralMessage[] = [];
  private readonly clock = new MessageClock();

  /** Stores a new message from the bot (or `user`) and returns it. */
  post(channel: string, args: SlackArgs, user: string = FAKE_TEAM.botUserId): StoredMessage {
    const message: StoredMessage = { channel, ts: this.clock.next(), user };
    if (typeof args.thread_ts === 'string' && args.thread_ts !== '') message.thread_ts = args.thread_ts;
    applyContent(message, args);
    this.channelMap(channel).set(message.ts, message);
    return message;
  }

  /** Replaces the given content fields of an existing message; `undefined` when there is no such message. */
  update(channel: string, ts: string, args: SlackArgs): StoredMessage | undefined {
    const message = this.get(channel, ts);
    if (!message) return undefined;
    applyContent(message, args);
    message.edited = { user: FAKE_TEAM.botUserId, ts: this.clock.next() };
    return message;
  }

  /** Deletes a message; false when there was none. */
  delete(channel: string, ts: string): boolean {
    return this.byChannel.get(channel)?.delete(ts) ?? false;
  }

  /** The current message, or `undefined` (never posted, or deleted). */
  get(channel: string, ts: string): StoredMessage | undefined {
    return this.byChannel.get(channel)?.get(ts);
  }

  /** Every current message of a channel (thread replies included), oldest first. */
  list(channel: string): StoredMessage[] {
    return [...(this.byChannel.get(channel)?.values() ?? [])];
  }

  /** Replies in the thread of `threadTs`, oldest first. */
  replies(channel: string, threadTs: string): StoredMessage[] {
    return this.list(channel).filter((m) => m.thread_ts === threadTs && m.ts !== threadTs);
  }

  /** Records an ephemeral message and returns it. */
  postEphemeral(channel: string, user: string, args: SlackArgs, via: string): EphemeralMessage {
    const message: EphemeralMessage = { channel, user, message_ts: this.clock.next(), via };
    if (typeof args.text === 'string') message.text = args.text;
    if (Array.isArray(args.blocks)) message.blocks = withBlockIds(args.blocks);
    this.ephemeral.push(message);
    return message;
  }

  /** Ephemeral messages, optionally only those of one channel. */
  ephemerals(channel?: string): EphemeralMessage[] {
    return this.ephemeral.filter((m) => channel === undefined || m.channel === channel);
  }

  /** The ephemeral message `user` sees at `ts` in `channel`, if any. */
  findEphemeral(channel: string, user: string, ts: string): EphemeralMessage | undefined {
    return this.ephemeral.find((m) => m.channel === channel && m.user === user && m.message_ts === ts);
  }

  /** Replaces an ephemeral message's text and blocks (`replace_original` from its response_url). */
  replaceEphemeral(message: EphemeralMessage, args: SlackArgs): void {
    message.text = typeof args.text === 'string' ? args.text : undefined;
    message.blocks = Array.isArray(args.blocks) ? withBlockIds(args.blocks) : undefined;
  }

  /** Removes an ephemeral message (`delete_original` from its response_url). */
  deleteEphemeral(message: EphemeralMessage): void {
    const at = this.ephemeral.indexOf(message);
    if (at >= 0) this.ephemeral.splice(at, 1);
  }

  /** Every channel message, for saving (see `restore`). */
  all(): StoredMessage[] {
    return [...this.byChannel.values()].flatMap((map) => [...map.values()]);
  }

  /** Puts saved messages back (a restarted playground); later posts get later timestamps. */
  restore(messages: readonly StoredMessage[], ephemerals: readonly EphemeralMessage[]): void {
    // A save from before block_ids were generated: its blocks get them now, so their buttons work.
    for (const message of messages) {
      if (message.blocks) message.blocks = withBlockIds(message.blocks);
      this.channelMap(message.channel).set(message.ts, message);
      this.clock.notBefore(message.ts);
    }
    for (const message of ephemerals) {
      if (message.blocks) message.blocks = withBlockIds(message.blocks);
      this.ephemeral.push(message);
      this.clock.notBefore(message.message_ts);
    }
  }

  /** Forgets every message. */
  clear(): void {
    this.byChannel.clear();
    this.ephemeral.length = 0;
  }

  private channelMap(channel: string): Map<string, StoredMessage> {
    let map = this.byChannel.get(channel);
    if (!map) {
      map = new Map();
      this.byChannel.set(channel, map);
    }
    return map;
  }
}

function applyContent(message: StoredMessage, args: SlackArgs): void {
  for (const field of CONTENT_FIELDS) {
    if (args[field] === undefined) continue;
    if (field === 'text') message.text = String(args.text);
    else if (field === 'metadata') message.metadata = args.metadata;
    else if (field === 'blocks' && Array.isArray(args.blocks)) message.blocks = withBlockIds(args.blocks);
    else if (Array.isArray(args[field])) message[field] = args[field];
  }
}

/** Slack's `message` object for a stored message (as returned by chat.postMessage / chat.update). */
export function slackMessage(message: StoredMessage): Record<string, unknown> {
  return {
    type: 'message',
    user: message.user,
    bot_id: message.user === FAKE_TEAM.botUserId ? FAKE_TEAM.botId : undefined,
    app_id: message.user === FAKE_TEAM.botUserId ? FAKE_TEAM.appId : undefined,
    team: FAKE_TEAM.teamId,
    ts: message.ts,
    text: message.text ?? '',
    blocks: message.blocks,
    attachments: message.attachments,
    metadata: message.metadata,
    thread_ts: message.thread_ts,
    edited: message.edited,
  };
}
