/**
 * The ephemeral connection list of one service: every connection with its status, consumer account,
 * endpoint and time, in pages with Next / Previous (the page state travels in the button value).
 */
import type { KnownBlock } from '@slack/types';
import { z } from 'zod';
import { cloudUuidSchema } from '../../../cloud/cloud-ids.js';
import type { Connection, ConnectionStatus } from '../../../cloud/types.js';
import { clip, code, escapeMrkdwn } from '../../../domain/mrkdwn.js';
import { type ConnectionsPage, connectionStatusText } from '../usecases/connections-listing.js';
import {
  displayName,
  lineSections,
  type ManageMessage,
  pagerBlocks,
  sandboxBlocks,
  sandboxPrefix,
  slackDate,
} from './manage-format.js';
import { CONNECTIONS_PAGE_ACTION } from './manage-ids.js';

export const connectionsPageStateSchema = z.object({
  p: z.string().min(1).max(64),
  s: cloudUuidSchema('endpoint service'),
  n: z.number().int().min(0),
});

const EMOJI: Record<ConnectionStatus, string> = {
  pendingAcceptance: ':inbox_tray:',
  creating: ':hourglass_flowing_sand:',
  accepted: ':white_check_mark:',
  rejected: ':no_entry:',
  failed: ':red_circle:',
  deleting: ':wastebasket:',
};

function line(c: Connection): string {
  const account = c.domainId ? code(c.domainId) : '_unknown_';
  const errors = c.errors.length ? ` · ${c.errors.map((e) => escapeMrkdwn(e.code)).join(', ')}` : '';
  return `${EMOJI[c.status]} *${connectionStatusText(c.status)}* · account ${account} · endpoint ${code(c.endpointId)} · ${slackDate(c.createdAt)}${errors}`;
}

function navigation(page: ConnectionsPage): KnownBlock[] {
  return pagerBlocks('manage_connections_page_block', CONNECTIONS_PAGE_ACTION, page, (to) =>
    JSON.stringify({ p: page.project.projectId, s: page.service.id, n: to }),
  );
}

export function connectionsMessage(page: ConnectionsPage): ManageMessage {
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
    { type: 'section', text: { type: 'mrkdwn', text: `${code(page.service.id)} · ${summary}` } },
    ...lineSections(page.connections.map(line)),
    ...navigation(page),
  ];
  const plainCounts = counts.replace(/\*/g, '');
  return {
    text: `${sandboxPrefix(page.sandbox)}Connections of ${escapeMrkdwn(name)}: ${page.total}${plainCounts ? ` (${plainCounts})` : ''}`,
    blocks,
  };
}
