/**
 * The playground's workspace: four people who show the rights rules, three channels, one user group, and
 * the bot. The bot's access settings (admins, creators, approval channel) are chosen to match.
 */
import type { FakeSlack } from './slack/index.js';

/** One person the page can act as. */
export interface Persona {
  readonly id: string;
  /** Slack handle (`@ada`), sent as `user_name`. */
  readonly handle: string;
  readonly name: string;
  /** What this person may do, shown under the switcher. */
  readonly role: string;
  readonly rights: string;
}

export const ADMIN: Persona = {
  id: 'UPLAYADMIN',
  handle: 'ada',
  name: 'Ada Admin',
  role: 'Platform admin',
  rights: 'In VPCEP_ADMINS: may create, manage and approve everything.',
};
export const OWNER: Persona = {
  id: 'UPLAYOWNER',
  handle: 'omar',
  name: 'Omar Owner',
  role: 'Service owner',
  rights: 'In @platform-team (VPCEP_CREATORS): may create; approves the services he owns.',
};
export const ENGINEER: Persona = {
  id: 'UPLAYENGINEER',
  handle: 'erin',
  name: 'Erin Engineer',
  role: 'Engineer, no rights',
  rights: 'Neither admin, creator nor owner: the bot refuses her changes and approvals.',
};
export const CONSUMER: Persona = {
  id: 'UPLAYCONSUMER',
  handle: 'carl',
  name: 'Carl Consumer',
  role: 'Consumer',
  rights: 'Owns a VPC endpoint in another account and asks to connect to services.',
};

/** In switcher order; the page opens as the first. */
export const PERSONAS: readonly Persona[] = [ADMIN, OWNER, ENGINEER, CONSUMER];

export interface PlaygroundChannel {
  readonly id: string;
  readonly name: string;
  readonly purpose: string;
}

export const GENERAL: PlaygroundChannel = { id: 'C0GENERAL', name: 'general', purpose: 'Start here' };
export const APPROVALS: PlaygroundChannel = {
  id: 'C0APPROVALS',
  name: 'vpcep-approvals',
  purpose: 'Where approval requests go (APPROVAL_CHANNEL)',
};
export const PLATFORM: PlaygroundChannel = {
  id: 'C0PLATFORM',
  name: 'platform',
  purpose: 'The platform team',
};
export const CHANNELS: readonly PlaygroundChannel[] = [GENERAL, APPROVALS, PLATFORM];

/** The user group the creators come from. */
export const PLATFORM_TEAM = {
  id: 'SPLAYTEAM',
  handle: 'platform-team',
  name: 'Platform team',
  users: [OWNER.id],
} as const;

/** The playground itself, as an app of the workspace: it posts the guided welcome. */
export const PLAYGROUND_APP = { id: 'UPLAYGROUND', name: 'Playground' } as const;

/** The custom step the workflow panel runs. */
export const STEP_CALLBACK_ID = 'route_connection_approval';

/** The bot's access settings that make the personas' rights what the switcher says. */
export const ACCESS_ENV: Readonly<Record<string, string>> = {
  VPCEP_ADMINS: ADMIN.id,
  VPCEP_CREATORS: PLATFORM_TEAM.id,
  APPROVAL_CHANNEL: APPROVALS.id,
};

/** Fills the emulator's directory. DMs are opened in a fixed order so their ids survive a restart. */
export function seedWorkspace(fake: FakeSlack): void {
  for (const person of PERSONAS)
    fake.addUser({ id: person.id, name: person.handle, real_name: person.name, tz: 'Europe/Berlin' });
  const everyone = PERSONAS.map((p) => p.id);
  for (const channel of CHANNELS)
    fake.addChannel({ id: channel.id, name: channel.name, is_member: true, members: everyone });
  fake.setUsergroup(PLATFORM_TEAM.id, {
    handle: PLATFORM_TEAM.handle,
    name: PLATFORM_TEAM.name,
    users: [...PLATFORM_TEAM.users],
  });
  for (const person of PERSONAS) fake.state.directory.openDm(person.id);
}

/** The persona with this id. */
export function personaOf(id: unknown): Persona | undefined {
  return PERSONAS.find((p) => p.id === id);
}

/** The DM channel between a person and the bot. */
export function dmOf(fake: FakeSlack, userId: string): string {
  return fake.state.directory.openDm(userId).id;
}
