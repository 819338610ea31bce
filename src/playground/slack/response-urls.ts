/**
 * `response_url`s: the payload builders issue them (`/response/<id>`) for a channel, a user and maybe a
 * message; the fake accepts 5 posts per URL (the 6th gets 404 `used_too_many_times`), checks the message
 * like chat.postMessage, and applies `replace_original`, `delete_original` and `response_type`.
 */
import { randomBytes } from 'node:crypto';
import { checkMessage, limitResponse } from './block-kit-limits.js';
import { isRecord } from './block-kit-text.js';
import type { LimitFailure, SlackResponse } from './emulator-types.js';
import type { MessageStore } from './message-store.js';

/** Posts allowed per response_url. */
export const RESPONSE_URL_MAX_POSTS = 5;

/** Where a response_url came from. */
export interface ResponseUrlContext {
  channelId: string;
  userId: string;
  /** The message the interaction came from (needed for `replace_original` / `delete_original`). */
  messageTs?: string;
  /** The message is ephemeral: `replace_original` / `delete_original` act on the user's own copy. */
  ephemeral?: boolean;
}

/** One post to a response_url and the fake's answer. */
export interface ResponsePost {
  id: string;
  body: unknown;
  at: number;
  status: number;
  response: SlackResponse;
}

/** The answer to one post, plus the limit failure behind a refusal. */
export interface ResponseOutcome {
  status: number;
  response: SlackResponse;
  failure?: LimitFailure;
}

/** Registry of response_urls and their posts. */
export class ResponseUrls {
  private readonly contexts = new Map<string, ResponseUrlContext>();
  private readonly posts: ResponsePost[] = [];

  constructor(private readonly messages: MessageStore) {}

  /** A new response_url id for an interaction. */
  issue(context: ResponseUrlContext): string {
    const id = randomBytes(9).toString('hex');
    this.contexts.set(id, context);
    return id;
  }

  /** Handles one post and records it. */
  post(id: string, body: unknown): ResponseOutcome {
    const outcome = this.answer(id, body);
    this.posts.push({ id, body, at: Date.now(), status: outcome.status, response: outcome.response });
    return outcome;
  }

  /** Recorded posts, optionally to one response_url id. */
  list(id?: string): ResponsePost[] {
    return this.posts.filter((p) => id === undefined || p.id === id);
  }

  /** Forgets every URL and post. */
  clear(): void {
    this.contexts.clear();
    this.posts.length = 0;
  }

  private answer(id: string, body: unknown): ResponseOutcome {
    const context = this.contexts.get(id);
    if (!context) return { status: 404, response: { ok: false, error: 'expired_url' } };
    if (this.list(id).length >= RESPONSE_URL_MAX_POSTS)
      return { status: 404, response: { ok: false, error: 'used_too_many_times' } };
    if (!isRecord(body)) return { status: 400, response: { ok: false, error: 'invalid_payload' } };
    if (context.ephemeral) return this.answerEphemeral(context, body);
    const original = context.messageTs ? this.messages.get(context.channelId, context.messageTs) : undefined;
    if (body.delete_original === true || body.delete_original === 'true') {
      if (!original) return { status: 404, response: { ok: false, error: 'message_not_found' } };
      this.messages.delete(original.channel, original.ts);
      return { status: 200, response: { ok: true } };
    }
    const failure = checkMessage(body);
    if (failure) return { status: 400, response: limitResponse(failure), failure };
    if (body.replace_original === true || body.replace_original === 'true') {
      if (!original) return { status: 404, response: { ok: false, error: 'message_not_found' } };
      this.messages.update(original.channel, original.ts, { blocks: [], ...body });
    } else if (body.response_type === 'in_channel') {
      this.messages.post(context.channelId, body);
    } else {
      this.messages.postEphemeral(context.channelId, context.userId, body, 'response_url');
    }
    return { status: 200, response: { ok: true } };
  }

  /** A post for an ephemeral message: replacing or deleting acts on that user's copy only. */
  private answerEphemeral(context: ResponseUrlContext, body: Record<string, unknown>): ResponseOutcome {
    const original = context.messageTs
      ? this.messages.findEphemeral(context.channelId, context.userId, context.messageTs)
      : undefined;
    const deleting = body.delete_original === true || body.delete_original === 'true';
    const replacing = body.replace_original === true || body.replace_original === 'true';
    if (deleting || replacing) {
      if (!original) return { status: 404, response: { ok: false, error: 'message_not_found' } };
      if (deleting) {
        this.messages.deleteEphemeral(original);
        return { status: 200, response: { ok: true } };
      }
    }
    const failure = checkMessage(body);
    if (failure) return { status: 400, response: limitResponse(failure), failure };
    if (original && replacing) this.messages.replaceEphemeral(original, body);
    else if (body.response_type === 'in_channel') this.messages.post(context.channelId, body);
    else this.messages.postEphemeral(context.channelId, context.userId, body, 'response_url');
    return { status: 200, response: { ok: true } };
  }
}
