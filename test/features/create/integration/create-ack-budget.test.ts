/**
 * A submission is answered within Slack's 3 s even when Slack itself is slow to name the members of a
 * VPCEP_CREATORS user group: the rights check waits briefly, then decides with the last known members
 * and refreshes them in the background. Nothing is lost to a 404 from a missed ack.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE_ACTION, CREATE_VIEW } from '#src/features/create/views/create-ids.js';
import { createKeys } from '#src/redis/keys.js';
import {
  blockIdOf,
  type CreateEnv,
  change,
  createRequests,
  currentView,
  formState,
  optionValue,
  runCreate,
  startCreateEnv,
} from './create-harness.js';

const GROUP = 'S0CREATORS';
const USER = 'U0GROUPED';
let env: CreateEnv;

beforeAll(async () => {
  env = await startCreateEnv({ env: { VPCEP_CREATORS: GROUP } });
  env.fake.setUsergroup(GROUP, { handle: 'creators', name: 'Creators', users: [USER] });
});

afterAll(async () => {
  env.fake.setLatency('usergroups.users.list', 0);
  await env.stop();
});

/** The 5-minute member cache runs out (the 7-day last known list stays). */
async function memberCacheExpires(): Promise<void> {
  await env.redis.del(createKeys(env.bot.keyPrefix).key('usergroup', GROUP, 'fresh'));
}

type Ack = { response_action?: string; view?: { callback_id?: string }; options?: unknown[] };

describe('rights checks inside the 3 s ack', () => {
  it('should answer the form, the review and a search in time while Slack takes 4 s to name the group members', async () => {
    let view = await runCreate(env, USER);
    expect(view.callback_id).toBe(CREATE_VIEW.form);
    view = await change(env, view, USER, 'vpc', optionValue(view, 'vpc', 'vpc-demo-a'));
    env.fake.setLatency('usergroups.users.list', 4000);

    await memberCacheExpires();
    const search = await env.slack.blockSuggestion({
      userId: USER,
      actionId: CREATE_ACTION.backend,
      blockId: blockIdOf(view, 'backend'),
      value: 'elb',
      view,
    });
    expect(search.status).toBe(200);
    expect((search.body as Ack).options?.length).toBeGreaterThan(0);

    await memberCacheExpires();
    const form = await env.slack.viewSubmission({
      userId: USER,
      view,
      values: formState(view, { backend: optionValue(view, 'backend', 'elb-shared-a'), ports: '6001:80' }),
    });
    expect(form.status).toBe(200);
    expect(form.body).toMatchObject({ response_action: 'update', view: { callback_id: CREATE_VIEW.review } });
    expect(form.ackIssues).toEqual([]);

    await memberCacheExpires();
    const review = await env.slack.viewSubmission({ userId: USER, view: currentView(env, view.id) });
    expect(review.status).toBe(200);
    expect(review.body).toMatchObject({
      response_action: 'update',
      view: { callback_id: CREATE_VIEW.progress },
    });
    await env.fake.waitForCall('chat.postMessage', (c) => c.args.channel === USER, { timeoutMs: 20_000 });
    expect(createRequests(env)).toHaveLength(1);
  });

  it('should still refuse someone who is not a member, in time', async () => {
    let view = await runCreate(env, USER);
    view = currentView(env, view.id);
    await memberCacheExpires();
    const forged = await env.slack.viewSubmission({ userId: 'U0OUTSIDER', view });
    expect(forged.status).toBe(200);
    expect(JSON.stringify(forged.body)).toContain('Only the people and user groups named in VPCEP_CREATORS');
  });

  it('should never send a payload Slack would refuse', () => {
    env.fake.assertNoRejections();
  });
});
