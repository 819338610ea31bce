/**
 * The create form as an attacker fills it in: the request carries whatever they like, not what the
 * pickers offered. Forged owner, group and channel IDs, a user Slack does not know, a VPC or load
 * balancer the form never listed, and a 5,000-character option text must each end as a field error
 * (or a label the bot chose), never as markup the bot posts or a request the cloud receives.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE_VIEW } from '#src/features/create/views/create-ids.js';
import type { StoredView } from '#src/playground/slack/index.js';
import { eventually } from '../../../helpers/eventually.js';
import type { StateValueInput } from '../../../helpers/slack-state-values.js';
import {
  blockIdOf,
  type CreateEnv,
  change,
  createRequests,
  currentView,
  type FormField,
  formState,
  optionValue,
  runCreate,
  startCreateEnv,
} from './create-harness.js';

/** The value that, printed raw, posts `@channel` and a phishing link as the bot. */
const EVIL = 'U0EVIL> <!channel> <https://evil.example|Approve here';

let env: CreateEnv;

beforeAll(async () => {
  env = await startCreateEnv();
});

afterAll(async () => {
  await env.stop();
});

interface Filled {
  readonly view: StoredView;
  readonly valid: Partial<Record<FormField, StateValueInput>>;
}

/** The form with VPC a chosen, and values that pass every rule. */
async function filledForm(user: string): Promise<Filled> {
  let view = await runCreate(env, user);
  view = await change(env, view, user, 'vpc', optionValue(view, 'vpc', 'vpc-demo-a'));
  return {
    view,
    valid: {
      backend: optionValue(view, 'backend', 'elb-shared-a'),
      ports: '8080:80',
      owners: [user],
      whitelist: '',
    },
  };
}

/**
 * Submits as the attacker does: the form, then (should the bot take it) the review too, and waits for
 * the result DM of a creation. Returns the form submission's answer.
 */
async function submitAsAttacker(
  user: string,
  view: StoredView,
  values: Partial<Record<FormField, StateValueInput>>,
) {
  const since = env.fake.callCount();
  const creates = createRequests(env).length;
  const answer = await env.slack.viewSubmission({ userId: user, view, values: formState(view, values) });
  const shown = currentView(env, view.id);
  if (shown.callback_id === CREATE_VIEW.review) {
    await env.slack.viewSubmission({ userId: user, view: shown });
    await env.fake
      .waitForCall('chat.postMessage', (c) => c.args.channel === user, { since, timeoutMs: 10_000 })
      .catch(() => undefined);
  }
  return {
    answer: answer.body as { response_action?: string; errors?: Record<string, string> },
    since,
    /** Create requests the cloud received from this submission. */
    created: () => createRequests(env).slice(creates),
  };
}

/** Every Web API call since `since`, as sent. */
function sentSince(since: number): string {
  return JSON.stringify(
    env.fake
      .calls()
      .filter((c) => c.index >= since)
      .map((c) => c.args),
  );
}

describe('a create form carrying values its pickers never offered', () => {
  it.each([
    ['selected_users', 'owners', [EVIL]],
    [
      'an owner-group option',
      'ownerGroups',
      {
        type: 'multi_external_select',
        selected_options: [{ text: { type: 'plain_text', text: '@ops' }, value: EVIL }],
      },
    ],
    ['selected_conversation', 'approvalChannel', EVIL.replace(/^U/, 'C')],
  ] as [string, FormField, StateValueInput][])(
    'should refuse a forged ID in %s with a field error and post no mention or link',
    async (_where, field, forged) => {
      const user = `U0FORGE${field.length}`;
      const { view, valid } = await filledForm(user);
      const { answer, since, created } = await submitAsAttacker(user, view, { ...valid, [field]: forged });
      const sent = sentSince(since);
      expect(sent).not.toContain('<!channel>');
      expect(sent).not.toContain('evil.example');
      expect(answer.response_action).toBe('errors');
      expect(answer.errors?.[blockIdOf(view, field)]).toMatch(/Choose .* again/);
      expect(created()).toEqual([]);
    },
  );

  it('should refuse an owner and an approval channel Slack does not know, on their fields', async () => {
    const user = 'U0GHOSTS';
    const { view, valid } = await filledForm(user);
    env.fake.setStrictness({ autoUsers: false });
    env.fake.addUser({ id: user, name: 'ghost-hunter' });
    env.fake.setChannelError('C0GONE', 'channel_not_found');
    try {
      const { answer, created } = await submitAsAttacker(user, view, {
        ...valid,
        owners: [user, 'U0NOBODY'],
        approvalChannel: 'C0GONE',
      });
      expect(answer.response_action).toBe('errors');
      expect(answer.errors?.[blockIdOf(view, 'owners')]).toMatch(/Slack does not know one of the owners/);
      expect(answer.errors?.[blockIdOf(view, 'approvalChannel')]).toMatch(/I cannot see this channel/);
      expect(env.fake.calls('users.info').some((c) => c.args.user === 'U0NOBODY')).toBe(true);
      expect(env.fake.calls('conversations.info').some((c) => c.args.channel === 'C0GONE')).toBe(true);
      expect(created()).toEqual([]);
    } finally {
      env.fake.setStrictness({ autoUsers: true });
      env.fake.setChannelError('C0GONE', undefined);
    }
  });

  it('should not ask Slack again about the same 50 unknown owners when the form is submitted again', async () => {
    const user = 'U0BOGUS';
    const { view, valid } = await filledForm(user);
    const bogus = Array.from({ length: 50 }, (_, i) => `U0BOGUS${String(i).padStart(3, '0')}`);
    const asked = () =>
      env.fake.calls('users.info').filter((c) => bogus.includes(String(c.args.user))).length;
    env.fake.setStrictness({ autoUsers: false });
    env.fake.addUser({ id: user, name: 'bogus-submitter' });
    try {
      const first = await submitAsAttacker(user, view, { ...valid, owners: bogus });
      // On a busy machine some answers may come after the 0.8 s the submission waits: they are still kept.
      expect(first.answer.errors?.[blockIdOf(view, 'owners')]).toMatch(/Slack does not know .*the owners/);
      await eventually(asked, (n) => n === bogus.length);
      // Let the bot keep the last answers (at most 3 s), then submit the same IDs again.
      const cached = (id: string) => `${env.bot.keyPrefix}create:cache:slack:user:${id}`;
      for (let i = 0; i < 60 && (await env.redis.exists(...bogus.map(cached))) < bogus.length; i++)
        await new Promise((r) => setTimeout(r, 50));
      expect(asked()).toBe(50);

      const again = await submitAsAttacker(user, view, { ...valid, owners: bogus });
      expect(again.answer.errors?.[blockIdOf(view, 'owners')]).toMatch(
        /Slack does not know 50 of the owners/,
      );
      expect(asked()).toBe(50);
      expect(again.created()).toEqual([]);
    } finally {
      env.fake.setStrictness({ autoUsers: true });
    }
  });

  it.each([
    ['load balancer', 'backend', '0dd0dd0d-0000-4000-8000-000000000000', /backend must be in the chosen VPC/],
    ['VPC', 'vpc', '0b0b0b0b-0000-4000-8000-000000000000', /Choose one of the VPCs listed/],
  ] as [string, FormField, string, RegExp][])(
    'should refuse a %s the form never offered, even once its list left the cache, and create nothing',
    async (_what, field, forged, message) => {
      const user = `U0NOTOFFERED${field.length}`;
      const { view, valid } = await filledForm(user);
      // A minute later the lists the form offered are no longer cached.
      const cached = await env.redis.keys(`${env.bot.keyPrefix}create:cache:*`);
      if (cached.length) await env.redis.del(...cached);
      const { answer, created } = await submitAsAttacker(user, view, { ...valid, [field]: forged });
      expect(created()).toEqual([]);
      expect(answer.response_action).toBe('errors');
      expect(answer.errors?.[blockIdOf(view, field)]).toMatch(message);
    },
  );

  it("should show the bot's own labels, not a 5,000-character option text, in the result DM and the announcement", async () => {
    const user = 'U0LONGLABEL';
    const { view, valid } = await filledForm(user);
    const long = (what: string) => `${what} ${'x'.repeat(5000)}`;
    const selected = (value: string, text: string): StateValueInput => ({
      type: 'static_select',
      selected_option: { text: { type: 'plain_text', text, emoji: true }, value },
    });
    const vpc = optionValue(view, 'vpc', 'vpc-demo-a');
    const since = env.fake.callCount();
    await submitAsAttacker(user, view, {
      ...valid,
      vpc: selected(vpc, long('vpc')),
      backend: selected(String(valid.backend), long('lb')),
    });
    const dm = await env.fake.waitForCall('chat.postMessage', (c) => c.args.channel === user, {
      since,
      timeoutMs: 10_000,
    });
    const announcement = await env.fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'C0OPS', {
      since,
      timeoutMs: 10_000,
    });
    for (const message of [dm, announcement]) {
      expect(message.response.ok).toBe(true);
      expect(JSON.stringify(message.args)).not.toContain('x'.repeat(100));
      expect(JSON.stringify(message.args.blocks)).toContain('elb-shared-a');
    }
    expect(currentView(env, view.id).callback_id).toBe(CREATE_VIEW.progress);
    expect(JSON.stringify(currentView(env, view.id))).not.toContain('x'.repeat(100));
    expect(env.fake.rejections()).toEqual([]);
  });
});
