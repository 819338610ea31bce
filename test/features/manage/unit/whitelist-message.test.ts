/**
 * The whitelist reply: every entry shown whole (split over sections, never cut inside an entry), the
 * count of the rest without `*`, who may read and change it, and the confirmations for `*` and for
 * entries with `*` in them.
 */
import { describe, expect, it } from 'vitest';
import type { EndpointService, WhitelistEntry } from '#src/cloud/types.js';
import type { WhitelistState } from '#src/features/manage/usecases/whitelist-changes.js';
import {
  whitelistConfirmMessage,
  whitelistMessage,
} from '#src/features/manage/views/manage-whitelist-message.js';
import { checkMessage } from '#src/playground/slack/index.js';

const service = {
  id: '0b8f8c1e-6a8e-4a44-9b45-6f2f3b1f7d10',
  name: 'inventory',
  serviceName: 'eu-de.inventory.0b8f8c1e-6a8e-4a44-9b45-6f2f3b1f7d10',
  approvalEnabled: true,
} as EndpointService;

const entry = (domainId: string): WhitelistEntry => ({
  id: undefined,
  permission: domainId === '*' ? '*' : `iam:domain::${domainId}`,
  domainId,
  createdAt: '2026-11-27T10:00:00.000Z',
});

const state = (entries: WhitelistEntry[]): WhitelistState => ({
  projectId: 'p',
  service,
  entries,
  sandbox: true,
});

const sectionTexts = (blocks: unknown[]) =>
  (blocks as { type: string; text?: { text: string } }[])
    .filter((b) => b.type === 'section')
    .map((b) => b.text?.text ?? '');

describe('the whitelist reply', () => {
  it('should show every entry whole over several sections, and count the rest without *', () => {
    const accounts = Array.from({ length: 400 }, (_, i) => `${String(i).padStart(4, '0')}${'a'.repeat(60)}`);
    const message = whitelistMessage(state([entry('*'), ...accounts.map(entry)]));
    expect(checkMessage(message as never)).toBeUndefined();
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    const texts = sectionTexts(message.blocks);
    expect(texts.length).toBeGreaterThan(3);
    const lines = texts.join('\n').split('\n');
    for (const line of lines.filter((l) => l.startsWith('• ')))
      expect(line).toMatch(/^• `[0-9a]{64}` · added <!date\^\d+\^[^|]+\|[^>]+>$/);
    const shown = accounts.filter((a) => lines.some((l) => l.startsWith(`• \`${a}\``)));
    expect(shown).toEqual(accounts.slice(0, shown.length));
    expect(texts.join('\n')).toContain(`…and ${accounts.length - shown.length} more`);
    expect(texts.join('\n')).toContain('`*` is on the list: *every account* may connect');
  });

  it('should say that anyone can read it and owners and admins can change it', () => {
    const text = JSON.stringify(whitelistMessage(state([])).blocks);
    expect(text).toContain('Anyone in the workspace can read the whitelist. Owners and admins can change it');
  });

  it('should ask before adding an entry with * in it, naming it a wildcard', () => {
    const message = whitelistConfirmMessage({
      kind: 'confirm',
      state: state([]),
      send: ['a1*', 'abc'],
      unchanged: [],
    });
    expect(checkMessage(message as never)).toBeUndefined();
    expect(message.text).toContain('Add a wildcard entry to the whitelist of inventory?');
    expect(message.text).toContain('Also adds abc.');
    expect(JSON.stringify(message.blocks)).toContain('Add wildcard entries');
  });
});
