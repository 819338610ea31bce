/**
 * `/vpcep show <service>`: the details of one service, shown to the person who asked. Pending
 * connections appear as the approval requests the approvals feature posts (same renderer, same
 * buttons); a pending connection the poller has not picked up yet gets a plain line.
 */
import type { KnownBlock } from '@slack/types';
import { CONNECTION_STATUSES, type Connection } from '../../../cloud/types.js';
import { channelMention, clip, code, escapeMrkdwn, userMention } from '../../../domain/mrkdwn.js';
import { portMappingLines } from '../../../domain/port-mapping-text.js';
import { MAX_PORT_MAPPINGS } from '../../../domain/port-mappings.js';
import { approvalRequestMessage } from '../../approvals/public-views.js';
import { connectionStatusText } from '../usecases/connections-listing.js';
import type { ServiceDetails } from '../usecases/service-details.js';
import {
  approvalText,
  backendText,
  displayName,
  type ManageMessage,
  ownersText,
  sandboxBlocks,
  sandboxPrefix,
  section,
  slackDate,
  statusText,
  withBlockIdSuffix,
} from './manage-format.js';

/** Approval requests rendered in full; the rest are counted. */
const MAX_REQUESTS = 3;
const MAX_ACCEPTED = 10;
const MAX_WHITELIST = 25;

function facts(d: ServiceDetails): KnownBlock {
  const s = d.service;
  const fields = [
    `*Service ID*\n${code(s.id)}`,
    `*Full name*\n${code(s.serviceName)}`,
    `*Status*\n${statusText(s.status)}`,
    `*Region*\n${escapeMrkdwn(d.project.label)} (${escapeMrkdwn(d.project.region)})`,
    `*Backend Resource Type*\n${backendText(s.serverType)}\nport ${code(s.portId)}`,
    `*VPC*\n${code(s.vpcId)}`,
    `*Connection Approval*\n${approvalText(s.approvalEnabled)}`,
    `*Port Mapping*\n${portMappingLines(s.ports, MAX_PORT_MAPPINGS)}`,
    `*Created*\n${slackDate(s.createdAt)}`,
    `*Service Type*\n${escapeMrkdwn(s.serviceType)}`,
  ];
  return { type: 'section', fields: fields.map((text) => ({ type: 'mrkdwn', text: clip(text, 1900) })) };
}

function failureBlocks(d: ServiceDetails): KnownBlock[] {
  if (d.service.status !== 'failed' || d.service.errors.length === 0) return [];
  const lines = d.service.errors.map((e) => `${escapeMrkdwn(e.message)} (${code(e.code)})`);
  return [section(`:red_circle: *The cloud reports this service as failed:* ${lines.join('; ')}`)];
}

function describeBlocks(d: ServiceDetails): KnownBlock[] {
  const s = d.service;
  const tags = s.tags.length ? s.tags.map((t) => code(`${t.key}=${t.value}`)).join(' ') : '_none_';
  const description = s.description ? escapeMrkdwn(s.description) : '_none_';
  return [section(`*Description*\n${description}\n*Tag*\n${tags}`)];
}

function whitelistText(d: ServiceDetails): string {
  if (!d.whitelist.ok) return `_unavailable: ${escapeMrkdwn(d.whitelist.error)}_`;
  const entries = d.whitelist.value;
  if (entries.length === 0) return '_empty: only the service’s own account may connect_';
  if (entries.some((e) => e.domainId === '*')) return '`*`: *every account* may connect';
  const shown = entries.slice(0, MAX_WHITELIST).map((e) => code(e.domainId));
  const more = entries.length > MAX_WHITELIST ? ` +${entries.length - MAX_WHITELIST} more` : '';
  return `${shown.join(' ')}${more}`;
}

function peopleText(d: ServiceDetails): string {
  if (!d.record.ok) return `*Owners*: _unavailable: ${escapeMrkdwn(d.record.error)}_`;
  const r = d.record.value;
  return [
    `*Owners*: ${ownersText(r?.owners, 20)}`,
    `*Creator*: ${r?.createdBy ? userMention(r.createdBy) : '_unknown (not created through the bot)_'}`,
    `*Approval channel*: ${r?.approvalChannel ? channelMention(r.approvalChannel) : '_none_'}`,
  ].join('\n');
}

function countsText(connections: readonly Connection[]): string {
  if (connections.length === 0) return 'none';
  return CONNECTION_STATUSES.map(
    (status) => [status, connections.filter((c) => c.status === status).length] as const,
  )
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `*${n}* ${connectionStatusText(status)}`)
    .join(' · ');
}

function connectionLine(c: Connection): string {
  const account = c.domainId ? `account ${code(c.domainId)}` : 'account unknown';
  return `• ${code(c.endpointId)} · ${account} · since ${slackDate(c.createdAt)}`;
}

/**
 * Pending connections: as approval requests while they fit in `budget` blocks (requests with many
 * workflow notes are long), the rest as plain lines in one section (always kept room for).
 */
function pendingBlocks(d: ServiceDetails, pending: readonly Connection[], budget: number): KnownBlock[] {
  const byEndpoint = new Map(d.requests.map((r) => [r.endpointId, r]));
  const blocks: KnownBlock[] = [];
  const plain: string[] = [];
  let rendered = 0;
  for (const c of pending) {
    const request = byEndpoint.get(c.endpointId);
    const view = request && {
      request,
      sandbox: false,
      ...(d.multiProject ? { projectLabel: d.project.label } : {}),
    };
    const requestBlocks = view && rendered < MAX_REQUESTS ? approvalRequestMessage(view).blocks : [];
    // One block stays free for the section of plain lines.
    if (requestBlocks.length > 0 && blocks.length + 1 + requestBlocks.length + 1 <= budget) {
      rendered++;
      blocks.push({ type: 'divider' }, ...withBlockIdSuffix(requestBlocks, rendered));
    } else plain.push(connectionLine(c));
  }
  const shownPlain = plain.slice(0, MAX_REQUESTS);
  const rest = plain.length - shownPlain.length;
  if (shownPlain.length)
    blocks.push(
      section(`*Waiting for approval*\n${shownPlain.join('\n')}${rest > 0 ? `\n…and ${rest} more` : ''}`),
    );
  return blocks;
}

function connectionBlocks(d: ServiceDetails, budget: number): KnownBlock[] {
  if (!d.connections.ok)
    return [section(`*Connections*: _unavailable: ${escapeMrkdwn(d.connections.error)}_`)];
  const all = d.connections.value;
  const accepted = all.filter((c) => c.status === 'accepted' || c.status === 'creating');
  const pending = all.filter((c) => c.status === 'pendingAcceptance');
  const acceptedText = accepted.length
    ? `\n*Connected*\n${accepted.slice(0, MAX_ACCEPTED).map(connectionLine).join('\n')}${accepted.length > MAX_ACCEPTED ? `\n…and ${accepted.length - MAX_ACCEPTED} more` : ''}`
    : '';
  return [
    section(`*Connections*: ${countsText(all)}${acceptedText}`),
    ...pendingBlocks(d, pending, budget - 1),
  ];
}

/** Slack's limit for a message. */
const MAX_BLOCKS = 50;

/** Renders the details of one service, within 50 blocks whatever the requests hold. */
export function serviceDetailMessage(d: ServiceDetails): ManageMessage {
  const name = displayName(d.service);
  const head: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(name, 150) } },
    ...sandboxBlocks(d.sandbox),
    facts(d),
    ...failureBlocks(d),
    ...describeBlocks(d),
    section(`*Whitelist*\n${whitelistText(d)}`),
    section(peopleText(d)),
  ];
  const closing: KnownBlock[] = [
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `${code(`/vpcep connections ${d.service.id}`)} lists every connection · \`/vpcep edit\`, \`/vpcep whitelist\` and \`/vpcep delete\` change it`,
        },
      ],
    },
  ];
  const blocks = [...head, ...connectionBlocks(d, MAX_BLOCKS - head.length - closing.length), ...closing];
  const counts = d.connections.ok
    ? countsText(d.connections.value).replace(/\*/g, '')
    : 'connections unavailable';
  return {
    text: clip(
      `${sandboxPrefix(d.sandbox)}${escapeMrkdwn(name)} (${escapeMrkdwn(d.service.id)}): ${escapeMrkdwn(d.service.status)}, approval ${d.service.approvalEnabled ? 'required' : 'not required'}, connections: ${counts}`,
      3000,
    ),
    blocks,
  };
}
