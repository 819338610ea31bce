/**
 * Keeps the playground's conversation in the bot's Redis, so a restart shows the same channels, DMs, Home
 * tabs and step runs. Messages are saved per conversation (one hash field each, written only when that
 * conversation changed); the rest is one small JSON value. Saving is debounced and never blocks the page.
 */
import type { Logger } from '../platform/logging/logger.js';
import type { RedisClient } from '../redis/redis-connection.js';
import type { Activity } from './activity.js';
import { type FakeSlack, restoreState, type SavedSlackState, saveState } from './slack/index.js';

/** Quiet time before a burst of activity is saved. */
const SAVE_DELAY_MS = 200;

export interface Persistence {
  /** Saves now (pending changes included); resolves when written or failed (failures are logged). */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

type Messages = SavedSlackState['messages'];

function keysOf(prefix: string) {
  return { messages: `${prefix}playground:messages`, rest: `${prefix}playground:state` };
}

/** Loads a saved conversation into the emulator; a missing or unreadable save starts empty. */
export async function restoreConversation(
  fake: FakeSlack,
  redis: RedisClient,
  prefix: string,
  logger: Logger,
): Promise<void> {
  const keys = keysOf(prefix);
  try {
    const [byChannel, rest] = await Promise.all([redis.hgetall(keys.messages), redis.get(keys.rest)]);
    const messages: Messages = Object.values(byChannel).flatMap((json) => JSON.parse(json) as Messages);
    const other = rest ? (JSON.parse(rest) as Omit<SavedSlackState, 'messages'>) : undefined;
    restoreState(fake.state, {
      messages,
      ephemerals: other?.ephemerals ?? [],
      homes: other?.homes ?? [],
      executions: other?.executions ?? [],
    });
  } catch (err) {
    logger.warn({ err }, 'playground: could not restore the saved conversation; starting empty');
  }
}

/** Saves the emulator's state after every burst of activity. */
export function persistConversation(
  fake: FakeSlack,
  activity: Activity,
  redis: RedisClient,
  prefix: string,
  logger: Logger,
): Persistence {
  const keys = keysOf(prefix);
  const written = new Map<string, string>();
  let timer: NodeJS.Timeout | undefined;
  let saving: Promise<void> = Promise.resolve();

  const save = async () => {
    const { messages, ...rest } = saveState(fake.state);
    const byChannel = new Map<string, Messages>();
    for (const message of messages)
      byChannel.set(message.channel, [...(byChannel.get(message.channel) ?? []), message]);
    const changed: Record<string, string> = {};
    for (const [channel, list] of byChannel) {
      const json = JSON.stringify(list);
      if (written.get(channel) !== json) changed[channel] = json;
    }
    const gone = [...written.keys()].filter((channel) => !byChannel.has(channel));
    if (Object.keys(changed).length > 0) await redis.hset(keys.messages, changed);
    if (gone.length > 0) await redis.hdel(keys.messages, ...gone);
    await redis.set(keys.rest, JSON.stringify(rest));
    for (const [channel, json] of Object.entries(changed)) written.set(channel, json);
    for (const channel of gone) written.delete(channel);
  };
  const run = () => {
    timer = undefined;
    saving = saving
      .then(save)
      .catch((err: unknown) => logger.warn({ err }, 'playground: saving the conversation failed'));
    return saving;
  };
  const unsubscribe = activity.on(() => {
    timer ??= setTimeout(run, SAVE_DELAY_MS);
  });

  return {
    flush() {
      if (timer) clearTimeout(timer);
      return run();
    },
    async stop() {
      unsubscribe();
      await this.flush();
    },
  };
}
