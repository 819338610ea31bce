import { describe, expect, it } from 'vitest';
import {
  createAnnouncement,
  createAttemptView,
  createResultMessage,
  unknownOutcomeNotice,
} from '#src/features/create/views/create-attempt.js';
import { CREATE_ACTION } from '#src/features/create/views/create-ids.js';
import { checkMessage, checkView } from '#src/playground/slack/index.js';
import { LIST_SERVICES_ACTION } from '#src/slack/app-ids.js';
import { attemptModelOf } from './create-fixtures.js';

type Json = Record<string, unknown>;
const buttons = (blocks: unknown[]) =>
  (blocks as Json[]).filter((b) => b.type === 'actions').flatMap((b) => b.elements as Json[]);

describe('a creation as people see it', () => {
  it('should tell the creator the ID, full name, port mappings and approval, with List services', () => {
    const message = createResultMessage(attemptModelOf(), false);
    expect(message.text).toBe(
      'The endpoint service eu-de.orders.11111111-2222-4333-a444-555555555555 is available. ID 11111111-2222-4333-a444-555555555555; port mappings TCP: service port 8080, terminal port 80; TCP: service port 8443, terminal port 443; connection approval required.',
    );
    const [list] = buttons(message.blocks);
    // It posts where it is clicked: the value names no channel anyone could change.
    expect(list).toMatchObject({ action_id: LIST_SERVICES_ACTION });
    expect(list?.value).toBeUndefined();
    expect(JSON.stringify(message.blocks)).toContain('Whitelisted accounts: `abc123`');
    expect(checkMessage({ channel: 'U0ALICE', ...message })).toBeUndefined();
  });

  it("should give a failure's code and message with Edit and retry", () => {
    const model = attemptModelOf({
      state: 'failed',
      error: { code: 'EndPoint.3005', message: 'Failed to create the endpoint service.' },
    });
    const message = createResultMessage(model, false);
    expect(message.text).toContain(
      'could not be created. EndPoint.3005: Failed to create the endpoint service.',
    );
    expect(buttons(message.blocks)).toEqual([
      expect.objectContaining({ action_id: CREATE_ACTION.editRetry, value: model.attemptRef }),
    ]);
    expect(checkView(createAttemptView(model, false), 'modal')).toBeUndefined();
  });

  it('should show progress while the cloud creates, without buttons', () => {
    const view = createAttemptView(attemptModelOf({ state: 'creating', serviceName: undefined }), false);
    expect(JSON.stringify(view)).toContain('The cloud is creating');
    expect(JSON.stringify(view)).toContain('I will send you the result in a direct message');
    expect(buttons(view.blocks)).toEqual([]);
    expect(view.submit).toBeUndefined();
  });

  it('should announce the new service in the channel, saying sandbox in sandbox mode', () => {
    const announcement = createAnnouncement(attemptModelOf(), true);
    expect(announcement.text).toMatch(/^\[sandbox\] <@U0ALICE> created the endpoint service eu-de\.orders\./);
    expect(JSON.stringify(announcement.blocks)).toContain('Sandbox');
    expect(checkMessage({ channel: 'C0OPS', ...announcement })).toBeUndefined();
  });

  it("should clip and escape a stored label in the admins' notice of an unknown outcome", () => {
    // An attempt saved before labels came from the bot's own lists may hold whatever a request carried.
    const huge = `<!channel>${'v'.repeat(5000)}`;
    const notice = unknownOutcomeNotice(
      attemptModelOf({ state: 'unknown', labels: { vpc: huge, backend: huge } }),
      false,
      undefined,
    );
    expect(notice.text).not.toContain('<!channel>');
    expect(notice.text).toContain('&lt;!channel&gt;');
    expect(notice.text).not.toContain('v'.repeat(80));
    expect(checkMessage({ channel: 'U0ADMIN', ...notice })).toBeUndefined();
  });

  it('should offer List services without a channel when the command ran in a DM', () => {
    const [list] = buttons(createResultMessage(attemptModelOf({ channelId: 'D0DM' }), false).blocks);
    expect(list).toMatchObject({ action_id: LIST_SERVICES_ACTION });
    expect(list?.value).toBeUndefined();
  });
});
