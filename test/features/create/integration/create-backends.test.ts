/**
 * `/vpcep create` end to end, once per backend type: the form, the review, the creation in the
 * sandbox cloud (the request body checked field by field), the whitelist, the owners in Redis, the
 * result sent to the creator and the announcement in the channel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE_ACTION, CREATE_VIEW } from '#src/features/create/views/create-ids.js';
import { LIST_SERVICES_ACTION } from '#src/slack/app-ids.js';
import {
  type CreateEnv,
  change,
  click,
  createRequests,
  currentView,
  EU_DE,
  formState,
  optionTexts,
  optionValue,
  runCreate,
  startCreateEnv,
  textOf,
} from './create-harness.js';

let env: CreateEnv;

beforeAll(async () => {
  env = await startCreateEnv();
});

afterAll(async () => {
  await env.stop();
});

interface Case {
  readonly type: 'elb' | 'ecs' | 'bms';
  readonly user: string;
  readonly backend: string;
  readonly serverType: string;
  readonly name: string | undefined;
  readonly approval: 'on' | 'off';
}

const CASES: Case[] = [
  {
    type: 'elb',
    user: 'U0ELB',
    backend: 'elb-dedicated-a',
    serverType: 'LB',
    name: 'orders-api',
    approval: 'on',
  },
  { type: 'ecs', user: 'U0ECS', backend: 'ecs-web-a1', serverType: 'VM', name: 'web_1', approval: 'off' },
  { type: 'bms', user: 'U0BMS', backend: 'bms-db-a1', serverType: 'BMS', name: undefined, approval: 'on' },
];

describe('creating an endpoint service from Slack', () => {
  it.each(CASES)('should create a $type-backed service with exactly the values entered', async (c) => {
    let view = await runCreate(env, c.user, 'C0OPS');
    expect(view.callback_id).toBe(CREATE_VIEW.form);
    expect(optionTexts(view, 'region')).toEqual(['eu-de (sandbox)', 'eu-nl (sandbox)']);
    view = await change(env, view, c.user, 'vpc', optionValue(view, 'vpc', 'vpc-demo-a'));
    if (c.type !== 'elb') view = await change(env, view, c.user, 'backendType', c.type);
    const backendLabels = optionTexts(view, 'backend');
    if (c.type === 'elb')
      expect(backendLabels).toEqual(
        expect.arrayContaining([expect.stringContaining('(dedicated)'), expect.stringContaining('(shared)')]),
      );
    else expect(backendLabels.every((l) => / — \d+\.\d+\.\d+\.\d+$/.test(l))).toBe(true);
    const portId = optionValue(view, 'backend', c.backend);
    const vpcId = optionValue(view, 'vpc', 'vpc-demo-a');

    const submitted = await env.slack.viewSubmission({
      userId: c.user,
      view,
      values: formState(view, {
        name: c.name ?? '',
        backend: portId,
        approval: c.approval,
        ports: '8080:80\n8443:443',
        tags: 'env=prod\nteam=payments',
        description: `The ${c.type} service`,
        whitelist: 'abc123',
      }),
    });
    expect(submitted.ackIssues).toEqual([]);
    const review = currentView(env, view.id);
    expect(review.callback_id).toBe(CREATE_VIEW.review);
    const reviewText = textOf(review);
    expect(reviewText).toContain(c.name ? `eu-de.${c.name}.<service_id>` : 'eu-de.<service_id>');
    expect(reviewText).toMatch(/Quota\*: \d+\/20 endpoint services in use/);
    expect(reviewText).toContain('198.19.128.0/17');
    expect(reviewText).toContain('Port mappings cannot be changed after creation');
    if (c.type === 'elb')
      expect(reviewText).toContain("the service sees the load balancer's address, not the client's");
    if (c.type === 'bms') expect(reviewText).toContain('deprecated');
    if (c.type === 'ecs') expect(reviewText).toContain('Its security group allows it');

    const before = createRequests(env).length;
    const since = env.fake.callCount();
    const created = await env.slack.viewSubmission({ userId: c.user, view: review });
    expect(created.ackIssues).toEqual([]);
    expect(currentView(env, view.id).callback_id).toBe(CREATE_VIEW.progress);

    const dm = await env.fake.waitForCall('chat.postMessage', (call) => call.args.channel === c.user, {
      since,
      timeoutMs: 15_000,
    });
    const requests = createRequests(env).slice(before);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.body).toEqual({
      port_id: portId,
      vpc_id: vpcId,
      server_type: c.serverType,
      service_type: 'interface',
      approval_enabled: c.approval === 'on',
      ports: [
        { client_port: 80, server_port: 8080, protocol: 'TCP' },
        { client_port: 443, server_port: 8443, protocol: 'TCP' },
      ],
      ...(c.name ? { service_name: c.name } : {}),
      description: `The ${c.type} service`,
      tags: [
        { key: 'env', value: 'prod' },
        { key: 'team', value: 'payments' },
        // Named or not, the bot's own tag, unique to the attempt, follows the user's.
        { key: 'vpcep-bot-attempt', value: expect.stringMatching(/^[0-9a-f]{40}$/) },
      ],
    });

    const services = await env.bot.bot.cloud.project(EU_DE).listServices();
    const service = services.find((s) => s.portId === portId && s.ports.some((p) => p.serverPort === 8080));
    expect(service?.status).toBe('available');
    const id = service?.id ?? '';
    expect(String(dm.args.text)).toContain(id);
    expect(String(dm.args.text)).toContain(service?.serviceName ?? '?');
    expect(String(dm.args.text)).toContain(
      'TCP: service port 8080, terminal port 80; TCP: service port 8443, terminal port 443',
    );
    expect(String(dm.args.text)).toContain(
      `connection approval ${c.approval === 'on' ? 'required' : 'not required'}`,
    );
    expect(String(dm.args.text)).toContain('[sandbox]');
    expect(JSON.stringify(dm.args.blocks)).toContain(LIST_SERVICES_ACTION);
    // List services posts where it is clicked; its value names no channel.
    expect(JSON.stringify(dm.args.blocks)).not.toContain('{\\"channel\\"');

    const announcement = await env.fake.waitForCall(
      'chat.postMessage',
      (call) => call.args.channel === 'C0OPS' && String(call.args.text).includes(id),
      { since, timeoutMs: 5000 },
    );
    expect(String(announcement.args.text)).toContain(`<@${c.user}> created the endpoint service`);

    const whitelist = await env.bot.bot.cloud.project(EU_DE).listWhitelist(id);
    expect(whitelist.map((w) => w.domainId)).toContain('abc123');
    expect(await env.bot.bot.core.records.get(EU_DE, id)).toMatchObject({
      owners: { users: [c.user], groups: [] },
      createdBy: c.user,
      announceChannel: 'C0OPS',
      ...(c.name ? { name: c.name } : {}),
    });
    const modal = currentView(env, view.id);
    expect(textOf(modal)).toContain('is available');
    expect(textOf(modal)).toContain(id);
  });

  it('should carry the largest service the rules allow through every view and message Slack accepts', async () => {
    const user = 'U0LARGEST';
    // 19 tags (the bot's own is the cloud's 20th) of 36 and 43 letters outside the Basic Multilingual
    // Plane (2 UTF-16 units each).
    const astral = (n: number, from: number) =>
      Array.from({ length: n }, (_, i) => String.fromCodePoint(0x1d400 + ((from + i) % 52))).join('');
    const astralTags = Array.from(
      { length: 19 },
      (_, i) => `${String.fromCodePoint(0x1d400 + i)}${astral(35, i)}=${astral(43, i + 3)}`,
    );
    const asciiTags = Array.from(
      { length: 19 },
      (_, i) => `${String(i).padStart(2, '0')}${'k'.repeat(34)}=${'v'.repeat(43)}`,
    );
    const ports = Array.from({ length: 50 }, (_, i) => `${30_000 + i}:${40_000 + i}`);
    // As many owners as `/vpcep owners` takes (MAX_OWNER_USERS).
    const owners = Array.from({ length: 50 }, (_, i) => `U0OWNER${String(i).padStart(3, '0')}`);
    let view = await runCreate(env, user);
    view = await change(env, view, user, 'vpc', optionValue(view, 'vpc', 'vpc-demo-b'));
    const values = {
      name: 'largest_service1',
      backend: optionValue(view, 'backend', 'elb-dedicated-b'),
      ports: ports.join('\n'),
      description: `${'é'.repeat(100)}${astral(28, 0)}`,
      owners,
      whitelist: Array.from({ length: 30 }, (_, i) => `${String(i).padStart(4, '0')}${'c'.repeat(28)}`).join(
        '\n',
      ),
    };
    const first = await env.slack.viewSubmission({
      userId: user,
      view,
      values: formState(view, { ...values, tags: astralTags.join('\n') }),
    });
    expect(first.ackIssues).toEqual([]);
    let review = currentView(env, view.id);
    expect(review.callback_id).toBe(CREATE_VIEW.review);
    for (const tag of astralTags) expect(textOf(review)).toContain(`\`${tag}\``);
    for (const owner of owners) expect(textOf(review)).toContain(`<@${owner}>`);
    expect(textOf(review)).toContain('TCP: service port 30049, terminal port 40049');

    // The sandbox, like the API, takes ASCII tags only: create with long ASCII ones.
    const form = await click(env, review, user, CREATE_ACTION.back);
    const second = await env.slack.viewSubmission({
      userId: user,
      view: form,
      values: formState(form, { ...values, description: 'd'.repeat(128), tags: asciiTags.join('\n') }),
    });
    expect(second.ackIssues).toEqual([]);
    review = currentView(env, view.id);
    const since = env.fake.callCount();
    const created = await env.slack.viewSubmission({ userId: user, view: review });
    expect(created.ackIssues).toEqual([]);
    const dm = await env.fake.waitForCall('chat.postMessage', (c) => c.args.channel === user, {
      since,
      timeoutMs: 15_000,
    });
    expect(dm.response.ok).toBe(true);
    expect(String(dm.args.text)).toContain('is available');
    expect(String(dm.args.text)).toContain('TCP: service port 30049, terminal port 40049');
    expect(textOf(currentView(env, view.id))).toContain('TCP: service port 30049, terminal port 40049');
    expect(env.fake.rejections()).toEqual([]);
  });

  it('should never send a payload Slack would refuse', () => {
    env.fake.assertNoRejections();
  });
});
