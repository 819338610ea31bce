/**
 * What the page shows one person: the sidebar, the open conversation (channel messages and that person's
 * ephemeral messages, in time order), their open modal, their Home tab, and the custom step runs. Payload
 * text is passed as data; the page renders it with DOM text nodes only.
 */
import type { SubcommandSpec } from '../domain/subcommand-spec.js';
import { SLACKBOT_VIA } from './session.js';
import { FAKE_TEAM, type FakeSlack } from './slack/index.js';
import { CHANNELS, dmOf, PERSONAS, type Persona, PLATFORM_TEAM, PLAYGROUND_APP } from './workspace.js';

export interface PageMessage {
  readonly channel: string;
  readonly ts: string;
  /** Who posted it: a user id, the bot, or Slackbot. */
  readonly user: string;
  readonly text: string;
  readonly blocks: unknown[];
  readonly edited: boolean;
  readonly ephemeral: boolean;
}

export interface PageState {
  readonly version: number;
  readonly me: string;
  readonly personas: readonly Persona[];
  readonly bot: { readonly id: string; readonly name: string };
  /** Senders that are apps (the bot and the Playground), shown with an APP badge. */
  readonly apps: readonly string[];
  readonly channels: ReadonlyArray<{ id: string; name: string; purpose: string }>;
  readonly dm: string;
  /** Names for mentions: users, channels and user groups. */
  readonly names: {
    readonly users: Record<string, string>;
    readonly channels: Record<string, string>;
    readonly groups: Record<string, string>;
  };
  /** `/vpcep` subcommands the composer suggests. */
  readonly commands: ReadonlyArray<{ name: string; usage: string; summary: string }>;
  readonly channel: string;
  readonly messages: readonly PageMessage[];
  /** The top view of the person's modal stack, and how deep the stack is. */
  readonly modal: { readonly view: unknown; readonly depth: number } | null;
  readonly home: unknown;
  readonly executions: ReadonlyArray<{
    executionId: string;
    inputs: Record<string, unknown>;
    completion: unknown;
  }>;
}

/** Messages shown at most per conversation (the newest). */
const SHOWN_MAX = 200;

export function pageState(
  fake: FakeSlack,
  person: Persona,
  channel: string,
  version: number,
  commands: readonly SubcommandSpec[],
): PageState {
  const channelMessages: PageMessage[] = fake
    .messages(channel)
    .filter((m) => !m.thread_ts || m.thread_ts === m.ts)
    .map((m) => ({
      channel,
      ts: m.ts,
      user: m.user,
      text: m.text ?? '',
      blocks: m.blocks ?? [],
      edited: m.edited !== undefined,
      ephemeral: false,
    }));
  const ephemerals: PageMessage[] = fake
    .ephemerals(channel)
    .filter((m) => m.user === person.id)
    .map((m) => ({
      channel,
      ts: m.message_ts,
      user: m.via === SLACKBOT_VIA ? 'USLACKBOT' : FAKE_TEAM.botUserId,
      text: m.text ?? '',
      blocks: m.blocks ?? [],
      edited: false,
      ephemeral: true,
    }));
  const messages = [...channelMessages, ...ephemerals]
    .sort((a, b) => Number(a.ts) - Number(b.ts))
    .slice(-SHOWN_MAX);
  const stack = fake.openViews(person.id);
  const top = stack.at(-1);
  return {
    version,
    me: person.id,
    personas: PERSONAS,
    bot: { id: FAKE_TEAM.botUserId, name: FAKE_TEAM.botName },
    apps: [FAKE_TEAM.botUserId, PLAYGROUND_APP.id],
    channels: CHANNELS.map((c) => ({ ...c })),
    dm: dmOf(fake, person.id),
    names: {
      users: Object.fromEntries([
        [FAKE_TEAM.botUserId, FAKE_TEAM.botName],
        ['USLACKBOT', 'Slackbot'],
        [PLAYGROUND_APP.id, PLAYGROUND_APP.name],
        ...PERSONAS.map((p) => [p.id, p.name]),
      ]),
      channels: Object.fromEntries(CHANNELS.map((c) => [c.id, c.name])),
      groups: { [PLATFORM_TEAM.id]: PLATFORM_TEAM.handle },
    },
    commands: commands.map(({ name, usage, summary }) => ({ name, usage, summary })),
    channel,
    messages,
    modal: top ? { view: top, depth: stack.length } : null,
    home: fake.homeView(person.id) ?? null,
    executions: fake.state.executions
      .all()
      .slice(-20)
      .map((e) => ({ executionId: e.executionId, inputs: e.inputs, completion: e.completion ?? null })),
  };
}
