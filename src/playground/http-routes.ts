/**
 * The page's JSON API: every request names the person acting (one of the personas) and is checked with
 * zod before it reaches the session. Answers are plain data for the page to render.
 */

import { z } from 'zod';
import type { SubcommandSpec } from '../domain/subcommand-spec.js';
import type { CloudSide } from './cloud-side.js';
import { pageState } from './page-state.js';
import type { Session } from './session.js';
import type { FakeSlack } from './slack/index.js';
import { CHANNELS, CONSUMER, dmOf, PERSONAS, type Persona, personaOf } from './workspace.js';

export interface RouteDeps {
  readonly fake: FakeSlack;
  readonly session: Session;
  readonly cloud: CloudSide;
  readonly version: () => number;
  /** The bot's `/vpcep` subcommands, for the composer's suggestions. */
  readonly commands: readonly SubcommandSpec[];
}

export interface ApiAnswer {
  readonly status: number;
  readonly body: unknown;
}

const id = z.string().min(1).max(255);
const person = z.string().transform((value, ctx) => {
  const found = personaOf(value);
  if (!found) {
    ctx.addIssue({ code: 'custom', message: 'unknown person' });
    return z.NEVER;
  }
  return found;
});
const values = z.record(z.string(), z.record(z.string(), z.unknown())).optional();

const schemas = {
  send: z.object({ user: person, channel: id, text: z.string().max(4000) }),
  action: z.object({
    user: person,
    source: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('message'), channel: id, ts: id, ephemeral: z.boolean().optional() }),
      z.object({ kind: z.literal('view'), viewId: id }),
    ]),
    action: z.record(z.string(), z.unknown()),
    values,
  }),
  submit: z.object({ user: person, viewId: id, values }),
  close: z.object({ user: person, viewId: id }),
  suggest: z.object({ user: person, viewId: id, blockId: id, actionId: id, value: z.string().max(150) }),
  home: z.object({ user: person }),
  step: z.object({ inputs: z.record(z.string(), z.string().max(200)) }),
  connect: z.object({ user: person, projectId: id, serviceId: id }),
  seed: z.object({ user: person }),
  /** A fresh page load; no person yet on a first visit (the page opens as the first persona). */
  reloaded: z.object({ user: person.optional() }),
};

/** The conversations a person can open: the channels and their own DM with the bot. */
function canOpen(fake: FakeSlack, who: Persona, channel: string): boolean {
  return CHANNELS.some((c) => c.id === channel) || dmOf(fake, who.id) === channel;
}

const bad = (message: string): ApiAnswer => ({ status: 400, body: { ok: false, problem: message } });

function parse<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> | ApiAnswer {
  const parsed = schema.safeParse(body);
  return parsed.success ? parsed.data : bad(parsed.error.issues.map((i) => i.message).join('; '));
}

const isAnswer = (value: unknown): value is ApiAnswer =>
  typeof value === 'object' && value !== null && 'status' in value && 'body' in value;

/** GET /api/state?user=&channel= */
export function stateRoute(deps: RouteDeps, query: URLSearchParams): ApiAnswer {
  // No person yet (a first visit): the page opens as the first persona, the platform admin.
  const who = query.get('user') ? personaOf(query.get('user')) : PERSONAS[0];
  if (!who) return bad('unknown person');
  const channel = query.get('channel') ?? CHANNELS[0]?.id ?? '';
  if (!canOpen(deps.fake, who, channel)) return bad('unknown conversation');
  return { status: 200, body: pageState(deps.fake, who, channel, deps.version(), deps.commands) };
}

/** GET /api/cloud */
export async function cloudRoute(deps: RouteDeps): Promise<ApiAnswer> {
  if (!deps.cloud.sandbox) return { status: 200, body: { sandbox: false, services: [] } };
  return { status: 200, body: { sandbox: true, services: await deps.cloud.services() } };
}

/** POST /api/<name> */
export async function postRoute(deps: RouteDeps, name: string, body: unknown): Promise<ApiAnswer> {
  const { session } = deps;
  const ok = (outcome: unknown): ApiAnswer => ({ status: 200, body: outcome });
  switch (name) {
    case 'send': {
      const input = parse(schemas.send, body);
      if (isAnswer(input)) return input;
      if (!canOpen(deps.fake, input.user, input.channel)) return bad('unknown conversation');
      return ok(await session.send(input.user, input.channel, input.text));
    }
    case 'action': {
      const input = parse(schemas.action, body);
      if (isAnswer(input)) return input;
      if (input.source.kind === 'message' && !canOpen(deps.fake, input.user, input.source.channel))
        return bad('unknown conversation');
      return ok(await session.act(input.user, input.source, input.action, input.values));
    }
    case 'submit': {
      const input = parse(schemas.submit, body);
      return isAnswer(input) ? input : ok(await session.submit(input.user, input.viewId, input.values));
    }
    case 'close': {
      const input = parse(schemas.close, body);
      return isAnswer(input) ? input : ok(await session.close(input.user, input.viewId));
    }
    case 'suggest': {
      const input = parse(schemas.suggest, body);
      if (isAnswer(input)) return input;
      return ok(await session.suggest(input.user, input.viewId, input.blockId, input.actionId, input.value));
    }
    case 'reloaded': {
      const input = parse(schemas.reloaded, body);
      if (isAnswer(input)) return input;
      const who = input.user ?? PERSONAS[0];
      return who ? ok(await session.reloaded(who)) : bad('unknown person');
    }
    case 'home': {
      const input = parse(schemas.home, body);
      return isAnswer(input) ? input : ok(await session.openHome(input.user));
    }
    case 'step': {
      const input = parse(schemas.step, body);
      return isAnswer(input) ? input : ok(await session.runStep(input.inputs));
    }
    case 'connect': {
      const input = parse(schemas.connect, body);
      if (isAnswer(input)) return input;
      if (input.user.id !== CONSUMER.id)
        return ok({
          ok: false,
          problem: `Only ${CONSUMER.name}, the consumer, owns a VPC endpoint to connect.`,
        });
      const connection = await deps.cloud.requestConnection(input.projectId, input.serviceId);
      return ok({ ok: true, connection });
    }
    case 'seed': {
      const input = parse(schemas.seed, body);
      if (isAnswer(input)) return input;
      if (!deps.cloud.sandbox)
        return ok({ ok: false, problem: 'Demo services exist only in the sandbox cloud.' });
      return ok({ ok: true, ...(await deps.cloud.seedDemoServices()) });
    }
    default:
      return { status: 404, body: { ok: false, problem: 'no such route' } };
  }
}
