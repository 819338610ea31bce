/**
 * A name proves nothing. An attacker who copies a victim's name, VPC, backend and ports while the
 * victim's service is still `creating`, and whose own POST fails ambiguously, must never take the
 * victim's service: a service is adopted only by the attempt's own tag, which every create carries,
 * and the victim's attempt records its owners as soon as the cloud's answer names the service.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EndpointService } from '#src/cloud/types.js';
import { CREATE_VIEW } from '#src/features/create/views/create-ids.js';
import type { StoredView } from '#src/playground/slack/index.js';
import { FAST_CLOUD } from '../../../helpers/bot-harness.js';
import { eventually } from '../../../helpers/eventually.js';
import { type CreateEnv, createRequests, EU_DE, startCreateEnv, submitFilledForm } from './create-harness.js';

const ADMIN = 'U0ADMIN02';
const VICTIM = 'U0VICTIM02';
const ATTACKER = 'U0MALLORY02';
const NAME = 'ledger';
const PORTS = '6401:80';
/** Long enough for the attacker to act while the victim's service is still `creating`. */
const CREATE_DELAY_MS = 2500;

let env: CreateEnv;

beforeAll(async () => {
  env = await startCreateEnv({
    cloud: { ...FAST_CLOUD, sandbox: { ...FAST_CLOUD.sandbox, createDelayMs: CREATE_DELAY_MS } },
    env: { VPCEP_ADMINS: ADMIN },
    create: { timing: { retryWindowMs: 3000 }, resumeIntervalMs: 300 },
  });
});

afterAll(async () => {
  await env.stop();
});

function project() {
  return env.bot.bot.cloud.project(EU_DE);
}

async function reviewFor(user: string, ports: string, whitelist: string): Promise<StoredView> {
  const submitted = await submitFilledForm(env, user, {
    vpc: 'vpc-demo-b',
    backend: 'elb-shared-b',
    values: { name: NAME, ports, whitelist },
  });
  expect(submitted.ackIssues).toEqual([]);
  expect(submitted.shown.callback_id).toBe(CREATE_VIEW.review);
  return submitted.shown;
}

function dmTo(user: string, since: number) {
  return env.fake.waitForCall('chat.postMessage', (c) => c.args.channel === user && c.response.ok === true, {
    since,
    timeoutMs: 30_000,
  });
}

/** The victim's service, once the cloud has it (still `creating`). */
async function victimService(): Promise<EndpointService> {
  const [found] = await eventually(
    () => project().listServices({ name: NAME }),
    (services) => services.length > 0,
  );
  if (!found) throw new Error('the victim has no service');
  return found;
}

describe("an attacker's named create copying a victim's service that is still creating", () => {
  it("should never give the attacker the victim's service when the attacker's POST answer is lost", async () => {
    // Both fill the form in first; the attacker copies the victim's name, VPC, backend and ports.
    const victimReview = await reviewFor(VICTIM, PORTS, 'victimacct0002');
    const attackerReview = await reviewFor(ATTACKER, PORTS, 'evilacct0009');
    const since = env.fake.callCount();

    await env.slack.viewSubmission({ userId: VICTIM, view: victimReview });
    const victim = await victimService();
    expect(victim.status).toBe('creating');
    // The attacker's create is sent while the victim's service is still being created; its answer is
    // lost (the cloud refused it, but the bot cannot know that).
    const posts = createRequests(env).length;
    env.sandbox().addFault({
      method: 'POST',
      match: 'vpc-endpoint-services$',
      count: 1,
      status: 504,
      errorCode: 'EndPoint.0013',
      errorMsg: 'Request timed out.',
    });
    await env.slack.viewSubmission({ userId: ATTACKER, view: attackerReview });

    const attackerDm = await dmTo(ATTACKER, since);
    const victimDm = await dmTo(VICTIM, since);
    // The attacker learns only that its own create is unknown: no service of its request was found.
    expect(String(attackerDm.args.text)).toContain('is unknown');
    expect(String(attackerDm.args.text)).toContain('no service that this request provably made has appeared');
    expect(JSON.stringify(attackerDm.args)).not.toContain(victim.id);
    expect(createRequests(env).length - posts).toBe(1);
    // The victim's service is the victim's: owners, creator and whitelist.
    expect(String(victimDm.args.text)).toContain('is available');
    expect(String(victimDm.args.text)).toContain(victim.id);
    expect(await env.bot.bot.core.records.get(EU_DE, victim.id)).toMatchObject({
      createdBy: VICTIM,
      owners: { users: [VICTIM], groups: [] },
    });
    const whitelist = (await project().listWhitelist(victim.id)).map((w) => w.domainId);
    expect(whitelist).toContain('victimacct0002');
    expect(whitelist).not.toContain('evilacct0009');
  });
});

describe('a create whose POST the cloud answered', () => {
  it('should record its owners as soon as the answer names the service, while it is still creating', async () => {
    const user = 'U0EARLY01';
    const review = await submitFilledForm(env, user, {
      vpc: 'vpc-demo-b',
      backend: 'elb-shared-b',
      values: { name: 'early', ports: '6402:80' },
    });
    const since = env.fake.callCount();
    await env.slack.viewSubmission({ userId: user, view: review.shown });

    // The first moment the record exists, the service is still `creating`.
    const { record, status } = await eventually(
      async () => {
        const [service] = await project().listServices({ name: 'early' });
        const record = service && (await env.bot.bot.core.records.get(EU_DE, service.id));
        return { record, status: record && service ? (await project().getService(service.id)).status : '' };
      },
      (seen) => seen.record !== undefined,
    );
    expect(record).toMatchObject({ createdBy: user, owners: { users: [user] } });
    expect(status).toBe('creating');
    expect(String((await dmTo(user, since)).args.text)).toContain('is available');
  });
});

describe('payloads', () => {
  it('should never send a payload Slack would refuse', () => {
    env.fake.assertNoRejections();
  });
});
