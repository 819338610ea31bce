/**
 * `/vpcep create` in one Slack call: when the bot holds the VPC list fresh, `views.open` carries the
 * whole form of a new draft (saved while Slack opens it), and no `views.update` follows. A cold bot
 * opens on "Loading…" and fills the modal; someone the configuration alone does not make a creator
 * sees nothing of the cloud before the check; an untouched draft makes way, a changed one is offered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE_ACTION, CREATE_VIEW } from '#src/features/create/views/create-ids.js';
import { FAKE_TEAM, type SlackCall } from '#src/playground/slack/index.js';
import {
  type CreateEnv,
  change,
  draftKey,
  EU_DE,
  optionTexts,
  optionValue,
  runCreate,
  startCreateEnv,
  storedDraft,
  textOf,
} from './create-harness.js';

let env: CreateEnv;

beforeAll(async () => {
  env = await startCreateEnv({ env: { VPCEP_CREATORS: 'U0LEAD,U0DEV,U0DEV2,S0CREATORS' } });
  env.fake.setUsergroup('S0CREATORS', { handle: 'creators', name: 'Creators', users: ['U0MEMBER'] });
});

afterAll(async () => {
  await env.stop();
});

/** The Slack calls that touched modal `viewId` since call `since`. */
function modalCalls(since: number, viewId: string): SlackCall[] {
  return env.fake
    .calls()
    .filter(
      (c) =>
        c.index >= since &&
        (c.args.view_id === viewId || (c.response.view as { id?: string } | undefined)?.id === viewId),
    );
}

const openedView = (call: SlackCall) => call.args.view as { callback_id?: string; blocks?: unknown[] };

describe('the create form in one Slack call', () => {
  it('should open on "Loading…" and fill the modal on a bot that holds no VPC list yet', async () => {
    const since = env.fake.callCount();
    const view = await runCreate(env, 'U0LEAD');
    const calls = modalCalls(since, view.id).map((c) => c.method);
    expect(calls).toEqual(['views.open', 'views.update']);
    expect(view.callback_id).toBe(CREATE_VIEW.form);
  });

  it('should then open the whole form with views.open alone, its draft saved in Redis', async () => {
    const since = env.fake.callCount();
    const view = await runCreate(env, 'U0DEV');
    const [open] = modalCalls(since, view.id);
    expect(open?.method).toBe('views.open');
    expect(openedView(open as SlackCall).callback_id).toBe(CREATE_VIEW.form);
    expect(optionTexts(view, 'vpc').some((t) => t.startsWith('vpc-demo-a'))).toBe(true);
    const draft = await storedDraft(env, 'U0DEV');
    expect(String(view.private_metadata)).toBe(`${draft.teamId}:U0DEV:${draft.id}`);
    // Anything the bot still meant to send has gone out by now.
    await new Promise((done) => setTimeout(done, 300));
    expect(modalCalls(since, view.id).map((c) => c.method)).toEqual(['views.open']);
    // The form opened whole works like any other: the VPC choice lists its load balancers.
    const changed = await change(env, view, 'U0DEV', 'vpc', optionValue(view, 'vpc', 'vpc-demo-a'));
    expect(optionTexts(changed, 'backend').length).toBeGreaterThan(0);
  });

  it('should let an untouched draft make way, and offer a changed one to resume', async () => {
    const first = await runCreate(env, 'U0DEV2');
    const untouched = await storedDraft(env, 'U0DEV2');
    const second = await runCreate(env, 'U0DEV2');
    expect(second.callback_id).toBe(CREATE_VIEW.form);
    expect((await storedDraft(env, 'U0DEV2')).id).not.toBe(untouched.id);
    expect(first.id).not.toBe(second.id);

    await change(env, second, 'U0DEV2', 'vpc', optionValue(second, 'vpc', 'vpc-demo-b'));
    const since = env.fake.callCount();
    const third = await runCreate(env, 'U0DEV2');
    expect(modalCalls(since, third.id).map((c) => c.method)).toEqual(['views.open', 'views.update']);
    expect(JSON.stringify(third.blocks)).toContain(CREATE_ACTION.resume);
  });

  it('should still offer a draft saved by an earlier version, which did not mark it, and drop an untouched one', async () => {
    const legacy = async (
      userId: string,
      values: Record<string, unknown>,
      flags: Record<string, string> = {},
    ) => {
      const now = new Date().toISOString();
      const draft = {
        id: `0ld${userId.slice(-3).toLowerCase()}0000`.replace(/[^a-f0-9]/g, 'a').slice(0, 12),
        teamId: FAKE_TEAM.teamId,
        userId,
        values,
        labels: {},
        step: 'form',
        revision: 3,
        createdAt: now,
        updatedAt: now,
      };
      // As the previous version wrote it: the JSON, an etag and the id; no `resumable`, no `revision`.
      await env.redis.del(draftKey(env, userId));
      await env.redis.hset(draftKey(env, userId), {
        json: JSON.stringify(draft),
        etag: 'e2',
        id: draft.id,
        ...flags,
      });
    };
    await legacy('U0LEAD', {
      projectId: EU_DE,
      approvalEnabled: true,
      backendType: 'elb',
      ownerUsers: ['U0LEAD'],
      name: 'half-done',
    });
    const offered = await runCreate(env, 'U0LEAD');
    expect(JSON.stringify(offered.blocks)).toContain(CREATE_ACTION.resume);

    await legacy('U0DEV', {
      projectId: EU_DE,
      approvalEnabled: true,
      backendType: 'elb',
      ownerUsers: ['U0DEV'],
    });
    const fresh = await runCreate(env, 'U0DEV');
    expect(fresh.callback_id).toBe(CREATE_VIEW.form);
    const saved = await storedDraft(env, 'U0DEV');
    expect(saved.revision).toBeGreaterThan(3);
    expect(await env.redis.hget(draftKey(env, 'U0DEV'), 'resumable')).toBe('0');
    expect(JSON.parse((await env.redis.hget(draftKey(env, 'U0DEV'), 'json')) ?? '{}').revision).toBe(
      saved.revision,
    );

    // A rolling deploy: this version flagged the slot "not worth resuming" (etag e1), then an older
    // replica saved the person's edits (etag e2) and left the flag as it was. The flag is stale.
    await legacy(
      'U0DEV2',
      { projectId: EU_DE, approvalEnabled: true, backendType: 'elb', ownerUsers: ['U0DEV2'], name: 'edited' },
      { resumable: '0', flagged: 'e1' },
    );
    const stale = await runCreate(env, 'U0DEV2');
    expect(JSON.stringify(stale.blocks)).toContain(CREATE_ACTION.resume);
    expect((await storedDraft(env, 'U0DEV2')).values.name).toBe('edited');
  });

  it('should show nothing of the cloud to someone only a user group could make a creator', async () => {
    const since = env.fake.callCount();
    const view = await runCreate(env, 'U0OUTSIDER');
    const [open] = modalCalls(since, view.id);
    expect(openedView(open as SlackCall).callback_id).not.toBe(CREATE_VIEW.form);
    expect(JSON.stringify(open?.args.view)).not.toContain('vpc-demo');
    expect(view.callback_id).toBe(CREATE_VIEW.notice);
    expect(textOf(view)).toContain('VPCEP_CREATORS');
    // A member of the group is let in once Slack names them, the form loaded after the check.
    const member = await runCreate(env, 'U0MEMBER');
    expect(member.callback_id).toBe(CREATE_VIEW.form);
  });
});
