import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EndpointService } from '#src/cloud/index.js';
import {
  blocksText,
  buttonActionId,
  clickButton,
  cloudRequestCount,
  createLbService,
  type ManageWorld,
  placeMessage,
  responded,
  startManageWorld,
  startQuietWorld,
} from './manage-harness.js';

let world: ManageWorld;
let nextPort = 20_000;

beforeAll(async () => {
  world = await startQuietWorld({ VPCEP_ADMINS: 'U0ADMIN' });
});

afterAll(async () => {
  await world?.close();
});

/** A new available service owned by U0OWNER. */
function ownedService(name: string, w = world): Promise<EndpointService> {
  return createLbService(
    w,
    { ports: [{ clientPort: 443, serverPort: nextPort++, protocol: 'TCP' }], name },
    { owners: { users: ['U0OWNER'], groups: [] } },
  );
}

const writes = (w = world) =>
  w.sandbox.requests().filter((r) => r.method !== 'GET' && r.path.includes('vpc-endpoint-services'));

async function deleteCommand(userId: string, ref: string, w = world) {
  const res = await w.slack.command({ text: `delete ${ref}`, userId, channelId: 'C0TEAM' });
  return responded(w, res.responseUrl);
}

/** Clicks the button labelled `label` (Delete, Cancel) of the confirmation `body`. */
async function click(userId: string, body: { text: string; blocks?: unknown[] }, label: string, w = world) {
  const actionId = buttonActionId(body, label);
  if (!actionId) throw new Error(`no ${label} button`);
  return clickButton(w, userId, body, actionId);
}

describe('/vpcep delete <service>', () => {
  it('should refuse someone who owns no service, by a name the bot has not seen, with no cloud call at all', async () => {
    const service = await ownedService('del-unseen');
    const before = cloudRequestCount(world);
    const answer = await deleteCommand('U0STRANGER', 'del-unseen');
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.text).toContain('You may not delete `del-unseen`. You own no endpoint service');
    expect(answer.text).toContain('`/vpcep show del-unseen` names its owners');
    expect(cloudRequestCount(world)).toBe(before);
    expect(await world.core.cloud.project(world.projectId).getService(service.id)).toBeDefined();
  });

  it('should show a made-up service name escaped, even inside the /vpcep show hint', async () => {
    // Someone who owns nothing types a "name" that closes the code span and mentions everyone.
    const answer = await deleteCommand('U0STRANGER', 'x`<!channel>`');
    expect(answer.text).toContain('You own no endpoint service');
    expect(answer.text).not.toContain('<!channel>');
    expect(answer.text).toContain('`/vpcep show xʼ&lt;!channel&gt;ʼ` names its owners');
  });

  it('should refuse an owner of another service, by a name the bot has seen, naming who may, with no cloud call at all', async () => {
    await ownedService('del-refused');
    const theirs = await ownedService('del-theirs');
    await world.core.records.put({
      projectId: world.projectId,
      serviceId: theirs.id,
      owners: { users: ['U0OTHER'], groups: [] },
    });
    // Someone looks at the service: the bot learns its name.
    const shown = await world.slack.command({
      text: 'show del-refused',
      userId: 'U0READER',
      channelId: 'C0TEAM',
    });
    await responded(world, shown.responseUrl);
    const before = cloudRequestCount(world);
    const answer = await deleteCommand('U0OTHER', 'DEL-REFUSED');
    expect(answer.text).toContain('You may not delete `DEL-REFUSED`');
    expect(answer.text).toContain('<@U0OWNER>');
    expect(cloudRequestCount(world)).toBe(before);
  });

  it('should refuse someone who names the service by ID without any cloud call', async () => {
    const service = await ownedService('del-by-id');
    const before = cloudRequestCount(world);
    const answer = await deleteCommand('U0STRANGER', service.id);
    expect(answer.text).toContain(`You may not delete \`${service.id}\``);
    expect(answer.text).toContain('<@U0OWNER>');
    expect(cloudRequestCount(world)).toBe(before);
  });

  it('should refuse while a connection is accepted, naming the endpoint and account', async () => {
    const service = await ownedService('del-busy');
    const c = await world.sandbox.requestConnection(world.projectId, service.id, { domainId: 'consumer42' });
    await world.sandbox.resolveConnection(world.projectId, service.id, c.endpointId, 'receive');
    const before = writes().length;
    const answer = await deleteCommand('U0OWNER', 'del-busy');
    expect(answer.text).toContain(
      '`del-busy` cannot be deleted while connections are accepted or being created',
    );
    expect(answer.text).toContain(`endpoint \`${c.endpointId}\` of account \`consumer42\` (accepted)`);
    expect(writes()).toHaveLength(before);
  });

  it('should refuse at the confirmation click when a connection was accepted meanwhile', async () => {
    const service = await ownedService('del-race');
    const c = await world.sandbox.requestConnection(world.projectId, service.id);
    const confirmation = await deleteCommand('U0OWNER', 'del-race');
    expect(confirmation.text).toContain('1 connection request waiting for approval will be dropped');
    await world.sandbox.resolveConnection(world.projectId, service.id, c.endpointId, 'receive');
    const before = writes().length;
    const answer = await click('U0OWNER', confirmation, 'Delete');
    expect(answer.text).toContain('cannot be deleted while connections are accepted');
    expect(writes()).toHaveLength(before);
  });

  it('should refuse a confirmation click by someone who is not an owner, with no cloud call', async () => {
    await ownedService('del-forged');
    const confirmation = await deleteCommand('U0OWNER', 'del-forged');
    const before = cloudRequestCount(world);
    const answer = await click('U0STRANGER', confirmation, 'Delete');
    expect(answer.text).toContain('You may not delete `del-forged`');
    expect(cloudRequestCount(world)).toBe(before);
  });

  it('should cancel without touching the cloud', async () => {
    await ownedService('del-cancel');
    const confirmation = await deleteCommand('U0OWNER', 'del-cancel');
    const before = writes().length;
    expect((await click('U0OWNER', confirmation, 'Cancel')).text).toContain('Cancelled: nothing was deleted');
    expect(writes()).toHaveLength(before);
  });

  it('should delete after confirmation, follow it to the end, tell the requester once, forget the owners and audit it', async () => {
    const service = await ownedService('del-ok');
    const confirmation = await deleteCommand('U0OWNER', 'del-ok');
    expect(blocksText(confirmation.blocks)).toContain('*Delete `del-ok`?*');
    const before = world.fake.callCount();
    const deleting = await click('U0OWNER', confirmation, 'Delete');
    expect(deleting.replace_original).toBe(true);
    expect(blocksText(deleting.blocks)).toContain('Deleting `del-ok`');
    const dm = await world.fake.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === 'U0OWNER' && String(c.args.text).includes('del-ok'),
      { since: before, timeoutMs: 10_000 },
    );
    expect(String(dm.args.text)).toContain(`del-ok (${service.id}) is deleted`);
    expect(world.sandbox.requests({ method: 'DELETE', path: service.id })).toHaveLength(1);
    expect(await world.core.records.get(world.projectId, service.id)).toBeUndefined();
    const actions = (await world.core.audit.recent(10))
      .filter((e) => e.serviceId === service.id)
      .map((e) => e.action);
    expect(actions).toEqual(['service.deleted', 'service.delete_requested']);
    const list = await world.core.cloud.project(world.projectId).listServices({ id: service.id });
    expect(list).toEqual([]);
  });

  it('should say the service no longer exists when Delete is clicked again after the deletion finished', async () => {
    const service = await ownedService('del-again');
    const confirmation = await deleteCommand('U0OWNER', 'del-again');
    const before = world.fake.callCount();
    await click('U0OWNER', confirmation, 'Delete');
    await world.fake.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === 'U0OWNER' && String(c.args.text).includes('del-again'),
      { since: before, timeoutMs: 10_000 },
    );
    expect(await world.core.records.get(world.projectId, service.id)).toBeUndefined();

    const again = await click('U0OWNER', confirmation, 'Delete');
    expect(again.text).toContain('The service `del-again` no longer exists: it was deleted on <!date^');
    expect(again.text).not.toContain('You may not delete');
    expect(again.text).not.toContain('no owners recorded');
    expect(world.sandbox.requests({ method: 'DELETE', path: service.id })).toHaveLength(1);
  });

  it('should send one DELETE, audit once and tell the requester once when Delete is clicked twice at once', async () => {
    const service = await ownedService('del-double');
    const confirmation = await deleteCommand('U0OWNER', 'del-double');
    const message = await placeMessage(world, confirmation);
    const actionId = buttonActionId(message, 'Delete');
    if (!actionId) throw new Error('no Delete button');
    // Both clicks are past their checks before either starts the deletion.
    world.sandbox.addFault({ method: 'GET', match: `${service.id}/connections`, latencyMs: 300, count: 2 });
    const before = world.fake.callCount();
    const clicks = await Promise.all(
      [0, 1].map(() =>
        world.slack.blockActions({ userId: 'U0OWNER', message, actions: [{ action_id: actionId }] }),
      ),
    );
    const answers = await Promise.all(clicks.map((c) => responded(world, c.responseUrl ?? '')));
    const texts = answers.map((a) => a.text);
    expect(texts.some((t) => t.includes('Deleting del-double'))).toBe(true);
    expect(texts.some((t) => t.includes('`del-double` is already being deleted.'))).toBe(true);
    // The second click leaves the first one's "Deleting…" in place.
    expect(answers.find((a) => a.text.includes('already being deleted'))?.replace_original).toBe(false);
    await world.fake.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === 'U0OWNER' && String(c.args.text).includes('del-double'),
      { since: before, timeoutMs: 10_000 },
    );
    expect(world.sandbox.requests({ method: 'DELETE', path: service.id })).toHaveLength(1);
    const audited = (await world.core.audit.recent(50)).filter((e) => e.serviceId === service.id);
    expect(audited.map((e) => e.action).sort()).toEqual(['service.delete_requested', 'service.deleted']);
    const dms = world.fake
      .calls('chat.postMessage')
      .filter(
        (c) =>
          c.index >= before && c.args.channel === 'U0OWNER' && String(c.args.text).includes('del-double'),
      );
    expect(dms).toHaveLength(1);
  });

  it('should follow a deletion whose DELETE answered EndPoint.3045 because the service is already deleting', async () => {
    const service = await ownedService('del-3045');
    const confirmation = await deleteCommand('U0OWNER', 'del-3045');
    // The cloud takes the DELETE, then the answer is lost and the retry meets "cannot be modified now".
    world.sandbox.addFault({
      method: 'DELETE',
      match: service.id,
      phase: 'after',
      status: 400,
      errorCode: 'EndPoint.3045',
      count: 1,
    });
    const before = world.fake.callCount();
    const deleting = await click('U0OWNER', confirmation, 'Delete');
    expect(blocksText(deleting.blocks)).toContain('Deleting `del-3045`');
    const dm = await world.fake.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === 'U0OWNER' && String(c.args.text).includes('del-3045'),
      { since: before, timeoutMs: 10_000 },
    );
    expect(String(dm.args.text)).toContain(`del-3045 (${service.id}) is deleted`);
    expect(await world.core.records.get(world.projectId, service.id)).toBeUndefined();
  });

  it('should not call a deletion unfinished when reading its state fails for a while', async () => {
    const service = await ownedService('del-503');
    const confirmation = await deleteCommand('U0OWNER', 'del-503');
    // The click reads the service once; then the follower's reads fail (all of the client's retries).
    world.sandbox.addFault({ method: 'GET', match: `${service.id}$`, count: 1 });
    world.sandbox.addFault({ method: 'GET', match: `${service.id}$`, status: 503, count: 3 });
    const before = world.fake.callCount();
    expect(blocksText((await click('U0OWNER', confirmation, 'Delete')).blocks)).toContain('Deleting');
    const dm = await world.fake.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === 'U0OWNER' && String(c.args.text).includes('del-503'),
      { since: before, timeoutMs: 25_000 },
    );
    expect(String(dm.args.text)).toContain(`del-503 (${service.id}) is deleted`);
    expect(await world.core.records.get(world.projectId, service.id)).toBeUndefined();
  }, 40_000);

  it('should let an admin delete a service that has no owners', async () => {
    const service = await ownedService('del-admin');
    await world.core.records.remove(world.projectId, service.id);
    const confirmation = await deleteCommand('U0ADMIN', 'del-admin');
    const deleting = await click('U0ADMIN', confirmation, 'Delete');
    expect(blocksText(deleting.blocks)).toContain('Deleting `del-admin`');
    await world.fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'U0ADMIN', {
      timeoutMs: 10_000,
    });
  });

  it('should finish following a deletion after a restart, and tell the requester once', async () => {
    const first = await startManageWorld({}, { fake: world.fake });
    const service = await ownedService('del-restart', first);
    // The first process's follower stalls on slow reads, then the process stops mid-deletion.
    first.sandbox.addFault({ method: 'GET', match: service.id, latencyMs: 1500 });
    const confirmation = await deleteCommand('U0OWNER', 'del-restart', first);
    expect((await click('U0OWNER', confirmation, 'Delete', first)).text).toContain('Deleting');
    await first.bot.stop();
    const again = await startManageWorld({}, { fake: world.fake, keyPrefix: first.bot.keyPrefix });
    try {
      const dm = await world.fake.waitForCall(
        'chat.postMessage',
        (c) => c.args.channel === 'U0OWNER' && String(c.args.text).includes('del-restart'),
        { timeoutMs: 15_000 },
      );
      expect(String(dm.args.text)).toContain('is deleted');
      expect(await again.core.records.get(again.projectId, service.id)).toBeUndefined();
      const dms = world.fake
        .calls('chat.postMessage')
        .filter((c) => c.args.channel === 'U0OWNER' && String(c.args.text).includes('del-restart'));
      expect(dms).toHaveLength(1);
    } finally {
      await again.close();
    }
  });

  it('should never send a payload Slack would refuse', () => {
    world.fake.assertNoRejections();
  });
});
