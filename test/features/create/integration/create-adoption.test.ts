/**
 * Which service a create that failed ambiguously takes as its own. An attacker who copies a victim's
 * VPC, backend and ports, leaves the name empty and gets the POST to fail (throttled, a 5xx, a timeout)
 * must never take over the victim's service: its owners and creator in Redis, and its whitelist in the
 * cloud, stay as they are, and the attacker learns only that the outcome is unknown (or that the
 * ports are taken), never the victim's service. A create that did land is still found, named or not,
 * by the bot's own tag on it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EndpointService } from '#src/cloud/types.js';
import { ATTEMPT_TAG_KEY } from '#src/domain/tags.js';
import { CREATE_VIEW } from '#src/features/create/views/create-ids.js';
import { FAKE_TEAM, type StoredView } from '#src/playground/slack/index.js';
import { FAST_CLOUD } from '../../../helpers/bot-harness.js';
import {
  type CreateEnv,
  claimOrphan,
  createRequests,
  currentView,
  EU_DE,
  startCreateEnv,
  submitFilledForm,
  textOf,
} from './create-harness.js';

const ADMIN = 'U0ADMIN01';
const VICTIM = 'U0VICTIM01';
const VICTIM_NAME = 'payments';
const VICTIM_ACCOUNT = 'victimacct0001';
const VICTIM_PORTS = '6301:80';

let env: CreateEnv;
let victimService: EndpointService;

beforeAll(async () => {
  env = await startCreateEnv({
    cloud: { ...FAST_CLOUD, tuning: { ...FAST_CLOUD.tuning, timeoutMs: 1000 } },
    env: { VPCEP_ADMINS: ADMIN },
    // A create the cloud never confirmed is looked for for 3 s, resumed every 300 ms.
    create: { timing: { retryWindowMs: 3000 }, resumeIntervalMs: 300 },
  });
  // The victim creates a named service on VPC b's shared load balancer, with an account whitelisted.
  const review = await reviewFor(VICTIM, {
    name: VICTIM_NAME,
    ports: VICTIM_PORTS,
    whitelist: VICTIM_ACCOUNT,
  });
  const since = env.fake.callCount();
  await env.slack.viewSubmission({ userId: VICTIM, view: review });
  const dm = await dmTo(VICTIM, since);
  expect(String(dm.args.text)).toContain('is available');
  const [found] = await project().listServices({ name: VICTIM_NAME });
  if (!found) throw new Error('the victim has no service');
  victimService = found;
});

afterAll(async () => {
  await env.stop();
});

function project() {
  return env.bot.bot.cloud.project(EU_DE);
}

/** Fills the form in on VPC b's shared load balancer and submits it; returns the review. */
async function reviewFor(
  user: string,
  values: { name?: string; ports: string; whitelist?: string },
): Promise<StoredView> {
  const submitted = await submitFilledForm(env, user, {
    vpc: 'vpc-demo-b',
    backend: 'elb-shared-b',
    values: { name: values.name ?? '', ports: values.ports, whitelist: values.whitelist ?? '' },
  });
  expect(submitted.ackIssues).toEqual([]);
  expect(submitted.shown.callback_id).toBe(CREATE_VIEW.review);
  return submitted.shown;
}

function dmTo(user: string, since: number, match: (text: string) => boolean = () => true) {
  return env.fake.waitForCall(
    'chat.postMessage',
    (c) => c.args.channel === user && c.response.ok === true && match(String(c.args.text)),
    { since, timeoutMs: 30_000 },
  );
}

/** Everything `user` was shown since `since`: messages to them, ephemerals, and their modal. */
function seenBy(user: string, viewId: string, since: number): string {
  const calls = env.fake
    .calls()
    .filter(
      (c) =>
        c.index >= since && (c.args.channel === user || c.args.user === user || c.args.view_id === viewId),
    );
  return [JSON.stringify(calls.map((c) => c.args)), JSON.stringify(currentView(env, viewId))].join('\n');
}

/** What the victim has: the record in Redis and the whitelist in the cloud. */
async function victimState() {
  return {
    record: await env.bot.bot.core.records.get(EU_DE, victimService.id),
    whitelist: (await project().listWhitelist(victimService.id)).map((w) => w.domainId).sort(),
  };
}

describe("an attacker's create copying the victim's VPC, backend and ports, without a name", () => {
  it.each([
    ['a 504 with EndPoint.0013', { status: 504, errorCode: 'EndPoint.0013', errorMsg: 'Request timed out.' }],
    ['a 500 with EndPoint.0001', { status: 500, errorCode: 'EndPoint.0001', errorMsg: 'System error.' }],
    ['a gateway 502 without a VPCEP code', { status: 502, errorCode: 'APIG.0202', errorMsg: 'Bad gateway' }],
  ])(
    'should never adopt the victim service when the POST fails with %s, and end as unknown',
    async (_what, fault) => {
      const attacker = `U0MALLORY${fault.status}`;
      const before = await victimState();
      expect(before.record).toMatchObject({ createdBy: VICTIM, owners: { users: [VICTIM] } });
      expect(before.whitelist).toContain(VICTIM_ACCOUNT);
      const review = await reviewFor(attacker, { ports: VICTIM_PORTS, whitelist: 'evilacct0001' });
      const posts = createRequests(env).length;
      const since = env.fake.callCount();
      env.sandbox().addFault({ method: 'POST', match: 'vpc-endpoint-services$', count: 1, ...fault });

      await env.slack.viewSubmission({ userId: attacker, view: review });
      const dm = await dmTo(attacker, since);

      expect(String(dm.args.text)).toContain('is unknown');
      expect(String(dm.args.text)).toContain('/vpcep list');
      // The victim's service is as it was: owners and creator in Redis, whitelist in the cloud.
      expect(await victimState()).toEqual(before);
      // Nothing the attacker was shown names the victim's service.
      const seen = seenBy(attacker, review.id, since);
      expect(seen).not.toContain(victimService.id);
      expect(seen).not.toContain(VICTIM_NAME);
      // The create was sent once, never again blindly.
      expect(createRequests(env).length - posts).toBe(1);
      // The admins learn of it, without the victim's service either.
      const notice = await env.fake.waitForCall(
        'chat.postMessage',
        (c) => c.args.channel === ADMIN && String(c.args.text).includes(`<@${attacker}>`),
        { since, timeoutMs: 10_000 },
      );
      expect(String(notice.args.text)).toContain('never confirmed');
      expect(JSON.stringify(notice.args)).not.toContain(victimService.id);
      expect(JSON.stringify(notice.args)).not.toContain(VICTIM_NAME);
    },
  );

  it('should never adopt the victim service when the POST is throttled, and say the ports are taken', async () => {
    const attacker = 'U0MALLORY429';
    const before = await victimState();
    const review = await reviewFor(attacker, { ports: VICTIM_PORTS, whitelist: 'evilacct0002' });
    const since = env.fake.callCount();
    env.sandbox().addFault({
      method: 'POST',
      match: 'vpc-endpoint-services$',
      status: 429,
      errorCode: 'APIG.0308',
      count: 1,
    });

    await env.slack.viewSubmission({ userId: attacker, view: review });
    const dm = await dmTo(attacker, since);

    expect(String(dm.args.text)).toContain('could not be created');
    expect(String(dm.args.text)).toContain('EndPoint.3044');
    expect(await victimState()).toEqual(before);
    const seen = seenBy(attacker, review.id, since);
    expect(seen).not.toContain(victimService.id);
    expect(seen).not.toContain(VICTIM_NAME);
  });
});

describe('an attempt that holds the ID of a service someone else recorded', () => {
  it("should change neither the victim's record nor its whitelist, and end as unknown without naming it", async () => {
    // However the attempt came by the ID (a proof gone wrong), the owners' record and the right to the
    // whitelist stay the victim's.
    const attacker = 'U0MALLORYREC';
    const before = await victimState();
    const since = env.fake.callCount();
    await claimOrphan(env, {
      id: 'e1e2e3e4e5e6.0f0e0d0c0b0a',
      userId: attacker,
      draftId: 'e1e2e3e4e5e6',
      state: 'configuring',
      serviceId: victimService.id,
      serviceName: victimService.serviceName,
      spec: {
        vpcId: victimService.vpcId,
        portId: victimService.portId,
        ports: [{ servicePort: 6301, terminalPort: 80 }],
        whitelist: ['evilacct0003'],
      },
    });
    const dm = await dmTo(attacker, since);

    expect(String(dm.args.text)).toContain('is unknown');
    expect(await victimState()).toEqual(before);
    const told = JSON.stringify(
      env.fake.calls().filter((c) => c.index >= since && c.args.channel === attacker),
    );
    expect(told).not.toContain(victimService.id);
    expect(told).not.toContain(VICTIM_NAME);
  });
});

describe('a resumed attempt whose service an admin gave to other owners meanwhile', () => {
  it("should not apply the creator's whitelist, and say why", async () => {
    // The creator's attempt recorded the service as its own; an admin then made someone else its owner.
    // Resumed, the attempt finds its own record: the whitelist needs the right to manage it as it is now.
    const creator = 'U0FORMER01';
    const id = 'b1b2b3b4b5b6.0a0b0c0d0e01';
    const service = await project().createService({
      vpcId: victimService.vpcId,
      portId: victimService.portId,
      serverType: victimService.serverType,
      ports: [{ clientPort: 80, serverPort: 6304, protocol: 'TCP' }],
      approvalEnabled: true,
    });
    await env.bot.bot.core.records.put({
      projectId: EU_DE,
      serviceId: service.id,
      owners: { users: ['U0NEWOWNER1'], groups: [] },
      createdBy: creator,
      createdByAttempt: `${FAKE_TEAM.teamId}:${creator}:${id}`,
      ownersChangedBy: ADMIN,
    });
    const since = env.fake.callCount();
    await claimOrphan(env, {
      id,
      userId: creator,
      draftId: 'b1b2b3b4b5b6',
      state: 'configuring',
      serviceId: service.id,
      serviceName: service.serviceName,
      spec: {
        vpcId: service.vpcId,
        portId: service.portId,
        ports: [{ servicePort: 6304, terminalPort: 80 }],
        whitelist: ['evilacct0004'],
      },
    });
    const dm = await dmTo(creator, since);

    expect(String(dm.args.text)).toContain('is available');
    const told = JSON.stringify(dm.args.blocks);
    expect(told).toContain('The whitelist could not be applied');
    expect(told).toContain('may not manage it any more');
    expect((await project().listWhitelist(service.id)).map((w) => w.domainId)).not.toContain('evilacct0004');
    expect(await env.bot.bot.core.records.get(EU_DE, service.id)).toMatchObject({
      owners: { users: ['U0NEWOWNER1'], groups: [] },
    });
  });
});

describe('a create that failed ambiguously but did take effect', () => {
  it("should still adopt a named service, by the bot's own tag on it", async () => {
    const user = 'U0NAMED01';
    const review = await reviewFor(user, { name: 'named-ok', ports: '6302:80' });
    const posts = createRequests(env).length;
    const since = env.fake.callCount();
    env.sandbox().addFault({
      method: 'POST',
      match: 'vpc-endpoint-services$',
      phase: 'after',
      status: 504,
      errorCode: 'EndPoint.0013',
      count: 1,
    });

    await env.slack.viewSubmission({ userId: user, view: review });
    const dm = await dmTo(user, since);

    const [service] = await project().listServices({ name: 'named-ok' });
    expect(String(dm.args.text)).toContain('is available');
    expect(String(dm.args.text)).toContain(service?.id ?? 'missing');
    expect(createRequests(env).length - posts).toBe(1);
    expect(await env.bot.bot.core.records.get(EU_DE, service?.id ?? '')).toMatchObject({
      createdBy: user,
      owners: { users: [user], groups: [] },
    });
  });

  it("should adopt an unnamed service by the bot's own tag, unique to the attempt", async () => {
    const user = 'U0UNNAMED01';
    const review = await reviewFor(user, { ports: '6303:80', whitelist: 'ownacct0001' });
    const posts = createRequests(env).length;
    const since = env.fake.callCount();
    env.sandbox().addFault({
      method: 'POST',
      match: 'vpc-endpoint-services$',
      phase: 'after',
      status: 500,
      errorCode: 'EndPoint.0001',
      count: 1,
    });

    await env.slack.viewSubmission({ userId: user, view: review });
    const dm = await dmTo(user, since);

    const created = (await project().listServices()).filter((s) =>
      s.ports.some((p) => p.serverPort === 6303),
    );
    expect(created).toHaveLength(1);
    const service = created[0];
    expect(service?.tags).toEqual([{ key: ATTEMPT_TAG_KEY, value: expect.stringMatching(/^[0-9a-f]{40}$/) }]);
    expect(String(dm.args.text)).toContain('is available');
    expect(String(dm.args.text)).toContain(service?.id ?? 'missing');
    expect(createRequests(env).length - posts).toBe(1);
    expect(await env.bot.bot.core.records.get(EU_DE, service?.id ?? '')).toMatchObject({ createdBy: user });
    expect((await project().listWhitelist(service?.id ?? '')).map((w) => w.domainId)).toContain(
      'ownacct0001',
    );
    expect(textOf(currentView(env, review.id))).toContain('is available');
  });
});

describe('payloads', () => {
  it('should never send a payload Slack would refuse', () => {
    env.fake.assertNoRejections();
  });
});
