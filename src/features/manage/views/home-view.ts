/**
 * The App Home tab: approvals waiting for the person (rendered as the approval requests themselves,
 * with their buttons), their services, and the quota of each project. At most 100 blocks: each part
 * has its own budget, an approval request is shown whole or not at all, and long lists end with a
 * pointer to the commands that show everything.
 */
import type { HomeView, KnownBlock } from '@slack/types';
import { clip, code, escapeMrkdwn } from '../../../domain/mrkdwn.js';
import { approvalRequestMessage } from '../../approvals/public-views.js';
import type { HomeData, HomeService } from '../usecases/home-contents.js';
import {
  approvalText,
  backendText,
  displayName,
  quotaText,
  sandboxBlocks,
  section,
  statusText,
  withBlockIdSuffix,
} from './manage-format.js';
import { HOME_REFRESH_ACTION } from './manage-ids.js';

const MAX_REQUESTS = 5;
const MAX_SERVICES = 30;
/** Blocks the approvals part may use (header and "more" line included). */
const APPROVALS_BUDGET = 58;
/** Blocks the services part may use: header, a note, MAX_SERVICES, "more", the admin line. */
const SERVICES_BUDGET = MAX_SERVICES + 4;

const header = (text: string): KnownBlock => ({
  type: 'header',
  text: { type: 'plain_text', text: clip(text, 150) },
});

function quotaBlocks(data: HomeData): KnownBlock[] {
  const lines = data.projects.map((p) => {
    const where = `*${escapeMrkdwn(p.project.label)}*`;
    if (p.error && p.quota === undefined) return `${where}: _unavailable: ${escapeMrkdwn(p.error)}_`;
    const count = p.count === undefined ? '' : ` · ${p.count} service${p.count === 1 ? '' : 's'} in all`;
    return `${where}: ${quotaText(p.quota)}${count}`;
  });
  return [section(lines.join('\n'))];
}

function approvalBlocks(data: HomeData): KnownBlock[] {
  const blocks: KnownBlock[] = [header(`Approvals waiting for you (${data.approvals.length})`)];
  if (data.approvalsError) return [...blocks, section(`_Unavailable: ${escapeMrkdwn(data.approvalsError)}_`)];
  if (data.approvals.length === 0) return [...blocks, section('Nothing waits for your decision.')];
  let shown = 0;
  for (const [i, request] of data.approvals.slice(0, MAX_REQUESTS).entries()) {
    const label = data.multiProject
      ? data.projects.find((p) => p.project.projectId === request.projectId)?.project.label
      : undefined;
    const rendered = approvalRequestMessage({
      request,
      sandbox: false,
      ...(label ? { projectLabel: label } : {}),
    });
    // Whole requests only, with room left for the "more" line.
    if (blocks.length + rendered.blocks.length + 1 + 1 > APPROVALS_BUDGET) break;
    blocks.push(...withBlockIdSuffix(rendered.blocks, i), { type: 'divider' });
    shown++;
  }
  const more = data.approvals.length - shown;
  if (more > 0)
    blocks.push(section(`…and ${more} more. \`/vpcep show <service>\` shows the requests of a service.`));
  return blocks;
}

function serviceLine(s: HomeService, multiProject: boolean): string {
  const where = multiProject ? ` · ${escapeMrkdwn(s.project.label)}` : '';
  const connections =
    s.service.connectionCount === undefined ? '' : ` · ${s.service.connectionCount} connected`;
  return [
    `*${escapeMrkdwn(displayName(s.service))}* · ${code(s.service.id)}${where}`,
    `${statusText(s.service.status)} · ${backendText(s.service.serverType)} · approval ${approvalText(s.service.approvalEnabled)}${connections}`,
    `_You are ${s.roles.join(' and ')}_`,
  ].join('\n');
}

function serviceBlocks(data: HomeData): KnownBlock[] {
  const unsure = data.servicesProblems.length > 0;
  const blocks: KnownBlock[] = [
    header(unsure ? 'Your endpoint services' : `Your endpoint services (${data.services.length})`),
  ];
  if (unsure)
    blocks.push(
      section(
        `:warning: Your services are unavailable right now or incomplete. ${data.servicesProblems.map(escapeMrkdwn).join(' ')}`,
      ),
    );
  else if (data.services.length === 0)
    blocks.push(
      section('You own no endpoint services yet. `/vpcep create` makes one; `/vpcep list` shows them all.'),
    );
  // Room left in the budget after the "more" line and the admin line.
  const room = Math.min(MAX_SERVICES, SERVICES_BUDGET - blocks.length - 2);
  for (const s of data.services.slice(0, room)) blocks.push(section(serviceLine(s, data.multiProject)));
  const more = data.services.length - room;
  if (more > 0) blocks.push(section(`…and ${more} more. \`/vpcep list\` posts them all in a channel.`));
  if (data.isAdmin)
    blocks.push({
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: 'As a bot admin you may manage every service: `/vpcep list` shows them all.',
        },
      ],
    });
  return blocks;
}

/** The Home tab for one person. */
export function homeView(data: HomeData): HomeView {
  return {
    type: 'home',
    // 5 blocks around the parts, APPROVALS_BUDGET and SERVICES_BUDGET: within the 100 of a Home tab.
    blocks: [
      header('VPC endpoint services'),
      ...sandboxBlocks(data.sandbox),
      ...quotaBlocks(data),
      {
        type: 'actions',
        block_id: 'manage_home_actions',
        elements: [
          { type: 'button', action_id: HOME_REFRESH_ACTION, text: { type: 'plain_text', text: 'Refresh' } },
        ],
      },
      ...approvalBlocks(data),
      ...serviceBlocks(data),
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: '`/vpcep help` lists every command.' }],
      },
    ],
  };
}

/** The Home tab when it cannot be built (e.g. Redis is away). */
export function homeProblemView(message: string, sandbox: boolean): HomeView {
  return {
    type: 'home',
    blocks: [
      header('VPC endpoint services'),
      section(`:warning: ${message}`),
      ...sandboxBlocks(sandbox),
      {
        type: 'actions',
        block_id: 'manage_home_actions',
        elements: [
          { type: 'button', action_id: HOME_REFRESH_ACTION, text: { type: 'plain_text', text: 'Try again' } },
        ],
      },
    ],
  };
}
