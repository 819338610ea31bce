/**
 * The cloud as the whole bot sees it: refused credentials make the replica unready with a message that
 * names the variables to fix; sandbox services survive a restart; `/vpcep sandbox connect` plays a consumer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '#src/playground/slack/index.js';
import { startTestBot, TEST_SIGNING_SECRET } from '../../../helpers/bot-harness.js';
import {
  createOnFirstLoadBalancer,
  startTestCloud,
  TEST_AKSK,
  type TestCloud,
} from '../../../helpers/cloud-test.js';
import { eventually } from '../../../helpers/eventually.js';
import { uniquePrefix } from '../../../helpers/redis-test.js';
import { createSlackDriver } from '../../../helpers/slack-driver.js';

let fake: FakeSlack;
beforeAll(async () => {
  fake = await startFakeSlack();
});
afterAll(() => fake.close());

/** Polls /readyz until it answers `status` with the cloud check in `cloudState`. */
async function pollReadyz(
  baseUrl: string,
  status: number,
  cloudState: string,
): Promise<Record<string, unknown>> {
  const readyz = await eventually(
    async () => {
      const response = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(1500) });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
    (r) => r.status === status && (r.body.cloud as { state?: string }).state === cloudState,
  );
  return readyz.body;
}

describe('cloud credentials and readiness', () => {
  let cloud: TestCloud;
  beforeAll(async () => {
    cloud = await startTestCloud();
  });
  afterAll(() => cloud.close());

  const otcEnv = (secretKey: string) => ({
    OTC_REGION: 'eu-de',
    OTC_PROJECT_ID: cloud.projectId,
    OTC_ACCESS_KEY: TEST_AKSK.accessKey,
    OTC_SECRET_KEY: secretKey,
    OTC_ENDPOINT_TEMPLATE: cloud.sandbox.url,
  });

  it('should be ready with the right AK/SK', async () => {
    const bot = await startTestBot({ apiUrl: fake.apiUrl, env: otcEnv(TEST_AKSK.secretKey) });
    try {
      const body = await pollReadyz(bot.baseUrl, 200, 'ok');
      expect(body).toMatchObject({ ready: true, cloud: { state: 'ok' } });
    } finally {
      await bot.stop();
    }
  });

  it('should answer 503 with a message naming the credential variables when the AK/SK is wrong', async () => {
    const bot = await startTestBot({ apiUrl: fake.apiUrl, env: otcEnv('wrong-secret-key-000000000000') });
    try {
      const body = await pollReadyz(bot.baseUrl, 503, 'auth_failed');
      expect(body).toMatchObject({ ready: false, redis: 'ok', cloud: { state: 'auth_failed' } });
      const detail = (body.cloud as { detail: string }).detail;
      expect(detail).toContain('OTC_ACCESS_KEY');
      expect(detail).toContain('OTC_SECRET_KEY');
      expect(bot.logText()).not.toContain('wrong-secret-key-000000000000');
    } finally {
      await bot.stop();
    }
  });
});

describe('sandbox mode', () => {
  it('should keep sandbox services across a bot restart on the same Redis', async () => {
    const keyPrefix = uniquePrefix('restart');
    const first = await startTestBot({ apiUrl: fake.apiUrl, keyPrefix });
    const projectId = first.bot.cloud.projects[0]?.projectId ?? '';
    const created = await createOnFirstLoadBalancer(
      first.bot.cloud.project(projectId),
      [{ clientPort: 443, serverPort: 8443, protocol: 'TCP' }],
      'survivor',
    );
    await first.stop();

    const second = await startTestBot({ apiUrl: fake.apiUrl, keyPrefix });
    try {
      const again = await second.bot.cloud.project(projectId).getService(created.id);
      expect(again).toMatchObject({
        id: created.id,
        name: 'survivor',
        ports: [{ clientPort: 443, serverPort: 8443 }],
      });
    } finally {
      await second.stop();
    }
  });

  it('should let /vpcep sandbox connect ask for a connection that waits for approval', async () => {
    const bot = await startTestBot({ apiUrl: fake.apiUrl });
    try {
      const projectId = bot.bot.cloud.projects[0]?.projectId ?? '';
      const client = bot.bot.cloud.project(projectId);
      const ports = [{ clientPort: 80, serverPort: 8080, protocol: 'TCP' }];
      const service = await createOnFirstLoadBalancer(client, ports, 'orders');
      await client.waitForService(service.id, 'available');

      const slack = createSlackDriver({ baseUrl: bot.baseUrl, signingSecret: TEST_SIGNING_SECRET, fake });
      const response = await slack.command({
        text: 'sandbox connect orders',
        userId: 'U0ALICE',
        channelId: 'C0OPS',
      });
      expect((response.body as { text: string }).text).toContain('Sandbox');
      const post = await waitForResponse(response.responseUrl);
      expect(post).toContain('pendingAcceptance');
      const pending = await client.listConnections(service.id, { status: 'pendingAcceptance' });
      expect(pending).toHaveLength(1);
      expect(post).toContain(pending[0]?.endpointId);

      const unknown = await slack.command({
        text: 'sandbox connect nosuch',
        userId: 'U0ALICE',
        channelId: 'C0OPS',
      });
      const failure = await waitForResponse(unknown.responseUrl);
      expect(failure).toMatch(/^:test_tube: Sandbox: .*no endpoint service with the ID or name `nosuch`/);
      fake.assertNoRejections();
    } finally {
      await bot.stop();
    }
  });

  it('should show a service reference typed with mentions and backticks as inert text', async () => {
    const bot = await startTestBot({ apiUrl: fake.apiUrl });
    try {
      const slack = createSlackDriver({ baseUrl: bot.baseUrl, signingSecret: TEST_SIGNING_SECRET, fake });
      const response = await slack.command({
        text: 'sandbox connect x`<!channel>`<https://evil.example|here>',
        userId: 'U0ALICE',
        channelId: 'C0OPS',
      });
      const ack = (response.body as { text: string }).text;
      expect(ack).toContain('Sandbox');
      expect(ack).not.toContain('<!channel>');
      expect(ack).not.toContain('<https://evil.example');
      const answer = await waitForResponse(response.responseUrl);
      expect(answer).not.toContain('<!channel>');
      expect(answer).not.toContain('<https://evil.example');
    } finally {
      await bot.stop();
    }
  });

  it('should neither call a connect failed nor answer again when only the reply about it fails', async () => {
    const bot = await startTestBot({ apiUrl: fake.apiUrl });
    try {
      const projectId = bot.bot.cloud.projects[0]?.projectId ?? '';
      const client = bot.bot.cloud.project(projectId);
      const ports = [{ clientPort: 81, serverPort: 8081, protocol: 'TCP' }];
      const service = await createOnFirstLoadBalancer(client, ports, 'replyless');
      await client.waitForService(service.id, 'available');

      // The response URL refuses the bot's one reply (Slack had a bad moment).
      fake.failNext('response_url', { status: 500 });
      const slack = createSlackDriver({ baseUrl: bot.baseUrl, signingSecret: TEST_SIGNING_SECRET, fake });
      const response = await slack.command({
        text: 'sandbox connect replyless',
        userId: 'U0ALICE',
        channelId: 'C0OPS',
      });
      // Wait until the bot is done with the command, whichever way it took it.
      const logged = await eventually(
        () => bot.logText(),
        (text) => text.includes('sandbox connect failed') || text.includes('could not tell the person'),
      );
      // The connection was asked for once, and nobody was told it failed.
      expect(await client.listConnections(service.id, { status: 'pendingAcceptance' })).toHaveLength(1);
      expect(logged).not.toContain('sandbox connect failed');
      expect(fake.responses(response.responseUrl)).toEqual([]);
      expect(logged).toContain('could not tell the person how the sandbox connect went');
    } finally {
      await bot.stop();
    }
  });
});

/** The text of the latest post to `url` (a command's response_url), once there is one. */
async function waitForResponse(url: string): Promise<string> {
  const text = await eventually(
    () => (fake.responses(url).at(-1) as { body?: { text?: string } } | undefined)?.body?.text,
    (t) => Boolean(t),
  );
  return text ?? '';
}
