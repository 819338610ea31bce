/**
 * Who may create: the users and user groups of VPCEP_CREATORS (members resolved through Slack and
 * cached), decided on the server by user ID at every step; everyone else is told why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE_VIEW } from '#src/features/create/views/create-ids.js';
import {
  type CreateEnv,
  createRequests,
  currentView,
  fillForm,
  runCreate,
  startCreateEnv,
  textOf,
} from './create-harness.js';

let env: CreateEnv;

beforeAll(async () => {
  env = await startCreateEnv({ env: { VPCEP_CREATORS: 'U0BOSS,S0CREATORS' } });
  env.fake.setUsergroup('S0CREATORS', {
    handle: 'creators',
    name: 'Creators',
    users: ['U0MEMBER', 'U0MEMBER2'],
  });
});

afterAll(async () => {
  await env.stop();
});

describe('who may create', () => {
  it('should tell someone outside VPCEP_CREATORS why they cannot create', async () => {
    const view = await runCreate(env, 'U0STRANGER');
    expect(view.callback_id).toBe(CREATE_VIEW.notice);
    expect(textOf(view)).toContain('Only the people and user groups named in VPCEP_CREATORS may create');
    expect(view.submit).toBeNull();
  });

  it('should let a named user and a member of a named group create', async () => {
    expect((await runCreate(env, 'U0BOSS')).callback_id).toBe(CREATE_VIEW.form);
    expect((await runCreate(env, 'U0MEMBER')).callback_id).toBe(CREATE_VIEW.form);
  });

  it("should refuse a submission made by someone else with a creator's form", async () => {
    const { view, values } = await fillForm(env, 'U0MEMBER2', {
      vpc: 'vpc-demo-a',
      backend: 'elb-shared-a',
      values: { ports: '4001:80' },
    });
    const forged = await env.slack.viewSubmission({ userId: 'U0STRANGER', view, values });
    expect(JSON.stringify(forged.body)).toContain('Only the people and user groups named in VPCEP_CREATORS');
    expect(createRequests(env)).toEqual([]);
    expect(currentView(env, view.id).callback_id).toBe(CREATE_VIEW.notice);
  });

  it('should never send a payload Slack would refuse', () => {
    env.fake.assertNoRejections();
  });
});
