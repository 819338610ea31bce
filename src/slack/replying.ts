/**
 * The one error path of a listener: it acks when the listener did not, logs the failure under the
 * request's logger, and tells the person, ephemerally, the `userMessage` of what went wrong (a cloud error,
 * Redis down, a bad value…). A listener then holds only its happy path: no `catch` blocks of its own.
 * Telling the person may fail too (an expired response URL, Slack down): that is logged, never thrown, so
 * the action itself is never repeated because a reply failed.
 */
import type { WebClient } from '@slack/web-api';
import { userMessageOf } from '../platform/errors/app-error.js';
import type { Logger } from '../platform/logging/logger.js';

type Ack = (response?: never) => Promise<void>;
type Respond = (message: {
  response_type: 'ephemeral';
  replace_original: false;
  text: string;
}) => Promise<unknown>;

/** The parts of Bolt's listener arguments the wrapper uses; every listener kind has them or a subset. */
export interface GuardedArgs {
  readonly ack?: Ack | ((...args: never[]) => Promise<void>);
  readonly respond?: Respond | ((...args: never[]) => Promise<unknown>);
  readonly body: unknown;
  readonly client: WebClient;
  readonly context: { readonly log: Logger };
}

export interface GuardOptions<A> {
  /** How to tell the person instead of the default (response URL, else a DM). */
  readonly reply?: (args: A, text: string) => Promise<void>;
}

function bodyField(body: unknown, ...path: string[]): string | undefined {
  let cursor: unknown = body;
  for (const key of path)
    cursor = cursor && typeof cursor === 'object' ? (cursor as Record<string, unknown>)[key] : undefined;
  return typeof cursor === 'string' ? cursor : undefined;
}

/** Where a failure goes: the response URL when the request has one, else a DM from the bot. */
async function tellPerson(args: GuardedArgs, text: string): Promise<void> {
  const respond = args.respond as Respond | undefined;
  if (respond && bodyField(args.body, 'response_url')) {
    await respond({ response_type: 'ephemeral', replace_original: false, text });
    return;
  }
  const user = bodyField(args.body, 'user', 'id') ?? bodyField(args.body, 'user_id');
  if (user) await args.client.chat.postMessage({ channel: user, text });
}

/**
 * Wraps a listener in the one error path. `what` names the listener in the log ("approve", "list page").
 * A slash command that fails before its ack answers in the ack itself.
 */
export function guarded<A extends GuardedArgs>(
  what: string,
  listener: (args: A) => Promise<void>,
  options: GuardOptions<A> = {},
): (args: A) => Promise<void> {
  return async (args) => {
    let acked = false;
    const ack = args.ack as ((response?: unknown) => Promise<void>) | undefined;
    const tracked = ack
      ? ({
          ...args,
          ack: async (response?: unknown) => {
            acked = true;
            await ack(response);
          },
        } as A)
      : args;
    try {
      await listener(tracked);
    } catch (err) {
      const log = args.context.log;
      log.warn({ err }, `${what} failed`);
      const text = `:warning: ${userMessageOf(err)}`;
      try {
        if (ack && !acked) {
          const isCommand = bodyField(args.body, 'command') !== undefined;
          await ack(isCommand ? { response_type: 'ephemeral', text } : undefined);
          if (isCommand) return;
        }
        await (options.reply ? options.reply(tracked, text) : tellPerson(args, text));
      } catch (replyErr) {
        log.warn({ err: replyErr }, `could not tell the person that ${what} failed`);
      }
    }
  };
}
