import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeSlack } from '#src/playground/slack/index.js';
import { assertionClient } from '../../../helpers/redis-test.js';
import {
  type ApprovalBot,
  PROJECT,
  privateAnswer,
  seedService,
  startApprovalTest,
  stopApprovalTest,
} from './approval-fixture.js';

const OWNER = 'U0OWNER';
const CHANNEL = 'C0OWNERS';

let fake: FakeSlack;
let bot: ApprovalBot;
const redis = assertionClient();

beforeAll(async () => {
  ({ fake, bot } = await startApprovalTest());
});

afterAll(async () => {
  await stopApprovalTest({ fake, bot });
  redis.disconnect();
});

async function owners(text: string, userId: string): Promise<string> {
  const sent = await bot.slack.command({ text: `owners ${text}`, userId, channelId: 'C0OPS' });
  expect(sent.status).toBe(200);
  const answer = await privateAnswer(fake, sent.responseUrl);
  expect(answer).toMatchObject({ response_type: 'ephemeral' });
  return JSON.stringify(answer);
}

describe('/vpcep owners', () => {
  it('should show the owners to anyone, and say who may change them', async () => {
    const service = await seedService(bot.test, {
      users: [OWNER],
      groups: ['S0OPS'],
      approvalChannel: CHANNEL,
    });
    const answer = await owners(service.id, 'U0ANYONE');
    expect(answer).toContain(`<@${OWNER}>`);
    expect(answer).toContain('<!subteam^S0OPS>');
    expect(answer).toContain(`<#${CHANNEL}>`);
    expect(answer).toContain('Only the owners and the bot admins can change them');
  });

  it('should let a current owner replace the owners by their IDs, keep the channel, and audit it', async () => {
    const service = await seedService(bot.test, { users: [OWNER], groups: [], approvalChannel: CHANNEL });
    const answer = await owners(`${service.id} <@U0NEXT|Next Person> <!subteam^S0NET|@net-ops>`, OWNER);
    expect(answer).toContain('Updated');
    expect(await bot.test.bot.core.records.get(PROJECT, service.id)).toMatchObject({
      owners: { users: ['U0NEXT'], groups: ['S0NET'] },
      approvalChannel: CHANNEL,
      ownersChangedBy: OWNER,
    });
    const audit = await redis.xrange(`${bot.test.keyPrefix}audit`, '-', '+');
    const entry = audit.map(([, f]) => f).find((f) => f.includes(service.id));
    expect(entry).toEqual(expect.arrayContaining(['action', 'owners.changed', 'actor', OWNER]));
  });

  it('should refuse words that are not mentions, naming them, and change nothing', async () => {
    const service = await seedService(bot.test, { users: [OWNER], groups: [], approvalChannel: CHANNEL });
    const answer = await owners(`${service.id} @bob <@U0X|x>`, OWNER);
    expect(answer).toContain('`@bob` is not a mention');
    expect((await bot.test.bot.core.records.get(PROJECT, service.id))?.owners.users).toEqual([OWNER]);
  });

  it('should refuse more owners than a service takes, saying the limits, and change nothing', async () => {
    const service = await seedService(bot.test, { users: [OWNER], groups: [], approvalChannel: CHANNEL });
    const many = Array.from({ length: 51 }, (_, i) => `<@U0MANY${String(i).padStart(4, '0')}|p${i}>`).join(
      ' ',
    );
    const answer = await owners(`${service.id} ${many}`, OWNER);
    expect(answer).toContain(
      'at most 50 owner users and 20 owner user groups (you named 51 users and 0 groups)',
    );
    expect(answer).toContain('make a user group');
    expect(answer).toContain('Nothing was changed');
    const groups = Array.from(
      { length: 21 },
      (_, i) => `<!subteam^S0MANY${String(i).padStart(4, '0')}|@g${i}>`,
    );
    expect(await owners(`${service.id} ${groups.join(' ')}`, OWNER)).toContain(
      'you named 0 users and 21 groups',
    );
    expect((await bot.test.bot.core.records.get(PROJECT, service.id))?.owners).toEqual({
      users: [OWNER],
      groups: [],
    });
  });

  it('should explain the usage, and say when the service does not exist', async () => {
    expect(await owners('', OWNER)).toContain('Usage: `/vpcep owners <service>`');
    const missing = randomUUID();
    expect(await owners(missing, OWNER)).toContain('I found no endpoint service');
  });

  it('should never send a payload Slack would refuse', () => {
    fake.assertNoRejections();
  });
});
