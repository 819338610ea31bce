/**
 * The attacker forges the service ID in a signed button value, modal metadata or command: `..` or
 * `../../v1/other`, hoping the bot builds a cloud URL that names another resource. Whatever they send,
 * no such path may reach the cloud (the sandbox's request log is what the cloud received), and they
 * read a clear message. An admin acts here, so no rights check stops the request before the ID check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EndpointService } from '#src/cloud/index.js';
import {
  CONNECTIONS_PAGE_ACTION,
  DELETE_CONFIRM_ACTION,
  WHITELIST_CONFIRM_ACTION,
} from '#src/features/manage/views/manage-ids.js';
import { eventually } from '../../../helpers/eventually.js';
import {
  blocksText,
  createLbService,
  type ManageWorld,
  placeMessage,
  responded,
  startQuietWorld,
} from './manage-harness.js';

let world: ManageWorld;
let service: EndpointService;

const TRAVERSALS = ['../../v1/other', '..', '.', '%2e%2e', '..%2F..%2Fv1%2Fother'];

beforeAll(async () => {
  world = await startQuietWorld({ VPCEP_ADMINS: 'U0ADMIN' });
  service = await createLbService(
    world,
    { ports: [{ clientPort: 443, serverPort: 9443, protocol: 'TCP' }], name: 'paths' },
    { owners: { users: ['U0ADMIN'], groups: [] } },
  );
});

afterAll(async () => {
  await world?.close();
});

/** Every path the cloud received since `since` (a request count) that is not a plain, known one. */
function strayPaths(since: number): string[] {
  const projectRoot = new RegExp(`^/v1/${world.projectId}/?$`);
  return world.sandbox
    .requests()
    .slice(since)
    .map((r) => r.path)
    .filter((path) => /\.\.|%2e|%2f|other/i.test(path) || projectRoot.test(path) || /\/\.(\/|$)/.test(path));
}

/** Clicks a button of a real bot message, with the value the attacker chose. */
async function forgedClick(actionId: string, value: unknown) {
  const message = await placeMessage(world, {
    text: 'forged',
    blocks: [
      {
        type: 'actions',
        block_id: 'forged_block',
        elements: [
          { type: 'button', action_id: actionId, text: { type: 'plain_text', text: 'Go' }, value: 'x' },
        ],
      },
    ],
  });
  const res = await world.slack.blockActions({
    userId: 'U0ADMIN',
    message,
    actions: [{ action_id: actionId, value: JSON.stringify(value) }],
  });
  expect(res.status).toBe(200);
  return responded(world, res.responseUrl ?? '');
}

describe('service IDs that would change a cloud path', () => {
  it('should refuse a forged Delete, whitelist or page button with no such path reaching the cloud', async () => {
    const before = world.sandbox.requests().length;
    for (const s of TRAVERSALS) {
      const deleted = await forgedClick(DELETE_CONFIRM_ACTION, { p: world.projectId, s, n: 'paths' });
      expect(strayPaths(before)).toEqual([]);
      expect(deleted.text).toContain('not a valid endpoint service ID');
      expect(deleted.text).toContain('Nothing was sent to the cloud');
      const opened = await forgedClick(WHITELIST_CONFIRM_ACTION, { p: world.projectId, s, a: ['*'] });
      expect(strayPaths(before)).toEqual([]);
      expect(opened.text).toContain('not a valid endpoint service ID');
      const paged = await forgedClick(`${CONNECTIONS_PAGE_ACTION}_next`, { p: world.projectId, s, n: 1 });
      expect(strayPaths(before)).toEqual([]);
      expect(paged.text).toContain('not a valid endpoint service ID');
    }
    expect(strayPaths(before)).toEqual([]);
    expect(await world.core.cloud.project(world.projectId).getService(service.id)).toMatchObject({
      status: 'available',
    });
  });

  it('should refuse a forged edit modal with no such path reaching the cloud', async () => {
    const before = world.sandbox.requests().length;
    for (const s of TRAVERSALS) {
      const since = world.fake.callCount();
      await world.slack.command({ text: 'edit paths', userId: 'U0ADMIN', channelId: 'C0TEAM' });
      const opened = await world.fake.waitForCall('views.open', () => true, { since });
      const id = (opened.response.view as { id: string }).id;
      await world.fake.waitForCall('views.update', (c) => c.args.view_id === id, { since });
      const view = structuredClone(world.fake.currentView(id));
      if (!view) throw new Error('no modal');
      const metadata = JSON.parse(String(view.private_metadata)) as Record<string, unknown>;
      view.private_metadata = JSON.stringify({ ...metadata, s });
      const res = await world.slack.viewSubmission({
        userId: 'U0ADMIN',
        view,
        values: {
          edit_name_block: { edit_name_action: 'renamed' },
          edit_description_block: { edit_description_action: 'changed' },
          edit_approval_block: { edit_approval_action: 'off' },
        },
      });
      expect(res.status).toBe(200);
      const outcome = await eventually(
        () => blocksText(world.fake.currentView(id)?.blocks),
        (text) => !text.includes('Saving your changes') && !text.includes('Loading'),
      );
      expect(outcome).toContain('Nothing was changed');
    }
    expect(strayPaths(before)).toEqual([]);
    expect(world.sandbox.requests({ method: 'PUT' })).toEqual([]);
  });

  it('should look a command argument up as a name, never put it in a path', async () => {
    const before = world.sandbox.requests().length;
    for (const ref of TRAVERSALS) {
      for (const command of ['show', 'delete', 'connections', 'whitelist']) {
        const res = await world.slack.command({
          text: `${command} ${ref}`,
          userId: 'U0ADMIN',
          channelId: 'C0TEAM',
        });
        const answer =
          res.body && typeof res.body === 'object' && 'text' in res.body
            ? (res.body as { text: string })
            : await responded(world, res.responseUrl);
        expect(answer.text).toMatch(/found no endpoint service|not a valid endpoint service ID/);
      }
    }
    expect(strayPaths(before)).toEqual([]);
  });
});
