/**
 * The ephemeral connection list of one service: every connection with its status, consumer account,
 * endpoint and time, in pages with Next / Previous (the page state travels in the button value).
 */
import type { Button, KnownBlock } from '@slack/types';
import { z } from 'zod';
import type { Connection, ConnectionStatus } from '../cloud/types.js';
import type { ConnectionsPage } from '../services/manage/connections-listing.js';
import {
  clip,
  connectionStatusText,
  displayName,
  lineSections,
  sandboxBlocks,
  sandboxPrefix,
  slackDate,
} from './manage-format.js';
import { CONNECTIONS_PAGE_ACTION } from './manage-ids.js';

export const connectionsPageStateSchema = z.object({
  p: z.string().min(1).max(64),
  s: z.string().min(1).max(64),
  n: z.number().int().min(0),
});
export type ConnectionsPageState = z.infer<typeof connectionsPageStateSchema>;

const EMOJI: Record<ConnectionStatus, string> = {
  pendingAcceptance: ':inbox_tray:',
  creating: ':hourglass_flowing_sand:',
  accepted: ':white_check_mark:',
  rejected: ':no_entry:',
  failed: ':red_circle:',
  deleting: ':wastebasket:',
};

function line(c: Connection): string {
  const account = c.domainId ? `\`${c.domainId}\`` : '_unknown_';
  const errors = c.errors.length ? ` · ${c.errors.map((e) => e.code).join(', ')}` : '';
  return `${EMOJI[c.status]} *${connectionStatusText(c.status)}* · account ${account} · endpoint \`${c.endpointId}\` · ${slackDate(c.createdAt)}${errors}`;
}

function navigation(page: ConnectionsPage): KnownBlock[] {
  if (page.pageCount <= 1) return [];
  const button = (to: number, next: boolean): Button => ({
    type: 'button',
    action_id: `${CONNECTIONS_PAGE_ACTION}_${next ? 'next' : 'previous'}`,
    text: { type: 'plain_text', text: next ? 'Next ›' : '‹ Previous' },
    value: JSON.stringify({ p: page.project.projectId, s: page.service.id, n: to }),
  });
  const elements: Button[] = [];
  if (page.page > 0) elements.push(button(page.page - 1, false));
  if (page.page < page.pageCount - 1) elements.push(button(page.page + 1, true));
  return [{ type: 'actions', block_id: 'manage_connections_page_block', elements }];
}

export function connectionsMessage(page: ConnectionsPage): { text: string; blocks: KnownBlock[] } {
  const name = displayName(page.service);
  const counts = [...page.counts.entries()]
    .map(([status, n]) => `*${n}* ${connectionStatusText(status)}`)
    .join(' · ');
  const paging = page.pageCount > 1 ? ` · page ${page.page + 1} of ${page.pageCount}` : '';
  const summary =
    page.total === 0
      ? 'No connections: no consumer endpoint has asked to connect yet.'
      : `*${page.total}* connection${page.total === 1 ? '' : 's'}: ${counts}${paging}`;
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(`Connections of ${name}`, 150) } },
    ...sandboxBlocks(page.sandbox),
    { type: 'section', text: { type: 'mrkdwn', text: `\`${page.service.id}\` · ${summary}` } },
    ...lineSections(page.connections.map(line)),
    ...navigation(page),
  ];
  const plainCounts = counts.replace(/\*/g, '');
  return {
    text: `${sandboxPrefix(page.sandbox)}Connections of ${name}: ${page.total}${plainCounts ? ` (${plainCounts})` : ''}`,
    blocks,
  };
}
