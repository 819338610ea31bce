/**
 * What the management messages share: how a status, a backend, port mappings, owners, quota and times
 * read in Slack (mrkdwn strings), and the few blocks every one of them uses (a clipped section, the
 * sandbox notice, Previous / Next). Text clipping and escaping come from `text.ts`.
 */
import type { Button, KnownBlock } from '@slack/types';
import type { Owners } from '../../../access/service-records.js';
import type { EndpointService, Quota, ServiceStatus } from '../../../cloud/types.js';
import {
  clip,
  code,
  slackDate as dateToken,
  escapeMrkdwn,
  groupMention,
  userMention,
} from '../../../domain/mrkdwn.js';
import type { OwnerLabels } from '../usecases/owner-names.js';

/** Every management message: a text fallback and its blocks. */
export interface ManageMessage {
  readonly text: string;
  readonly blocks: KnownBlock[];
}

const SANDBOX_NOTE =
  ':test_tube: *Sandbox* cloud: these endpoint services are emulated, nothing here is a real resource.';

/** The notice every management message carries in sandbox mode, as a context block. */
export function sandboxBlocks(sandbox: boolean): KnownBlock[] {
  return sandbox ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: SANDBOX_NOTE }] }] : [];
}

/** Prefix of the text fallback in sandbox mode. */
export function sandboxPrefix(sandbox: boolean): string {
  return sandbox ? '[sandbox] ' : '';
}

/** Longest mrkdwn text of a section (Slack's limit is 3000). */
const SECTION_MAX = 2900;

/** A mrkdwn section, clipped to fit. */
export function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: clip(text, SECTION_MAX) } };
}

/** mrkdwn as a text fallback reads it: without bold and code marks. */
export function plainText(mrkdwn: string): string {
  return mrkdwn.replace(/[*`]/g, '');
}

/** A one-section message (plus `extra` blocks), with the sandbox notice and prefix. */
export function noticeMessage(text: string, sandbox: boolean, extra: KnownBlock[] = []): ManageMessage {
  return {
    text: `${sandboxPrefix(sandbox)}${plainText(text)}`.slice(0, 3000),
    blocks: [section(text), ...extra, ...sandboxBlocks(sandbox)],
  };
}

/**
 * Previous / Next buttons of a paged message (none for a single page); each button's action id is
 * `actionPrefix` + `_previous` or `_next`, its value what `value` gives for the page it shows.
 */
export function pagerBlocks(
  blockId: string,
  actionPrefix: string,
  at: { readonly page: number; readonly pageCount: number },
  value: (page: number) => string,
): KnownBlock[] {
  if (at.pageCount <= 1) return [];
  const button = (to: number, next: boolean): Button => ({
    type: 'button',
    action_id: `${actionPrefix}_${next ? 'next' : 'previous'}`,
    text: { type: 'plain_text', text: next ? 'Next ›' : '‹ Previous' },
    value: value(to),
  });
  const elements: Button[] = [];
  if (at.page > 0) elements.push(button(at.page - 1, false));
  if (at.page < at.pageCount - 1) elements.push(button(at.page + 1, true));
  return [{ type: 'actions', block_id: blockId, elements }];
}

/** Blocks of one of several messages shown together: block_ids stay unique (actions match on action_id). */
export function withBlockIdSuffix(blocks: readonly KnownBlock[], suffix: string | number): KnownBlock[] {
  return blocks.map((b) => (b.block_id ? { ...b, block_id: `${b.block_id}_${suffix}` } : b));
}

export function quotaText(quota: Quota | undefined): string {
  if (!quota) return 'quota unavailable';
  const over = quota.used > quota.quota ? ' (over quota)' : '';
  return `quota *${quota.used}/${quota.quota}* in use${over}`;
}

const STATUS_EMOJI: Record<ServiceStatus, string> = {
  available: ':large_green_circle:',
  creating: ':hourglass_flowing_sand:',
  failed: ':red_circle:',
  deleting: ':wastebasket:',
};

export function statusText(status: ServiceStatus): string {
  return `${STATUS_EMOJI[status]} ${status}`;
}

/** The console's name of the backend type. */
export function backendText(serverType: EndpointService['serverType']): string {
  switch (serverType) {
    case 'LB':
      return 'Elastic load balancer';
    case 'VM':
      return 'ECS';
    case 'BMS':
      return 'BMS (deprecated)';
    case 'VIP':
      return 'VIP (deprecated)';
  }
}

export function approvalText(approvalEnabled: boolean): string {
  return approvalEnabled ? 'required' : 'not required (connections are accepted at once)';
}

/** Mentions of the owners (users, then groups), or a note that none are recorded. */
export function ownersText(owners: Owners | undefined, max = 10): string {
  const mentions = [
    ...(owners?.users ?? []).map((u) => userMention(u)),
    ...(owners?.groups ?? []).map((g) => groupMention(g)),
  ];
  if (mentions.length === 0) return '_none recorded_';
  const more = mentions.length > max ? ` +${mentions.length - max} more` : '';
  return `${mentions.slice(0, max).join(', ')}${more}`;
}

/**
 * Owners as a channel post names them, without mention syntax (nobody is notified): `@name` where
 * the name is known, else the raw ID.
 */
export function ownerNamesText(owners: Owners | undefined, labels: OwnerLabels, max = 10): string {
  const named = (id: string, label: string | undefined) => (label ? `@${escapeMrkdwn(label)}` : code(id));
  const names = [
    ...(owners?.users ?? []).map((u) => named(u, labels.users.get(u))),
    ...(owners?.groups ?? []).map((g) => named(g, labels.groups.get(g))),
  ];
  if (names.length === 0) return '_none recorded_';
  const more = names.length > max ? ` +${names.length - max} more` : '';
  return `${names.slice(0, max).join(', ')}${more}`;
}

/** The name the user gave, else the cloud's full name. */
export function displayName(service: EndpointService): string {
  return service.name ?? service.serviceName;
}

/** A time every reader sees in their own time zone, with a UTC fallback for notifications. */
export function slackDate(iso: string | undefined): string {
  if (!iso) return 'unknown time';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return escapeMrkdwn(iso);
  return dateToken(ms);
}

/**
 * Lines grouped into sections of at most ~2900 characters, never cutting a line (one longer than
 * that alone is clipped).
 */
export function lineSections(lines: readonly string[]): KnownBlock[] {
  const sections: string[] = [];
  let current = '';
  for (const l of lines) {
    if (current && current.length + l.length + 1 > SECTION_MAX) {
      sections.push(current);
      current = '';
    }
    current = current ? `${current}\n${l}` : l;
  }
  if (current) sections.push(current);
  return sections.map(section);
}
