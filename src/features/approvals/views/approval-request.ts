/**
 * The approval request message: the one renderer of every state (pending with Approve/Reject, being
 * decided, approved or rejected by someone at a time with a reason, resolved outside Slack, and a
 * failed decision shown with the buttons kept). Pure: data in, `{ text, blocks }` out.
 */
import type { KnownBlock } from '@slack/types';
import {
  clip,
  code,
  escapeMrkdwn as esc,
  groupMention,
  slackDate,
  userMention,
} from '../../../domain/mrkdwn.js';
import { portMappingLines } from '../../../domain/port-mapping-text.js';
import type { ApprovalRequest } from '../store/approval-request-types.js';
import { APPROVE_ACTION, DECISION_BLOCK, REJECT_ACTION } from './approval-ids.js';

/** Owner users and user groups to mention. */
export interface OwnersMention {
  readonly users: readonly string[];
  readonly groups: readonly string[];
}

export interface ApprovalRequestView {
  readonly request: ApprovalRequest;
  /** Whatever the bot posts in sandbox mode says so. */
  readonly sandbox: boolean;
  /** Owners to mention (the channel copy); absent in DMs, which go to them directly. */
  readonly mention?: OwnersMention;
  /** The project's label (region), shown when the bot manages several. */
  readonly projectLabel?: string;
}

export interface ApprovalMessage {
  readonly text: string;
  readonly blocks: KnownBlock[];
}

const MAX_PORT_LINES = 12;
const MAX_NOTE = 500;

function requestedAt(request: ApprovalRequest): string {
  const ms = request.requestedAt ? Date.parse(request.requestedAt) : Number.NaN;
  return Number.isFinite(ms) ? slackDate(ms) : slackDate(request.createdAt);
}

function portLines(request: ApprovalRequest): string {
  if (request.ports.length === 0) return '_none reported_';
  return portMappingLines(request.ports, MAX_PORT_LINES);
}

/** Most owners a message mentions by name; the rest are counted ("and 12 more"). */
export const MAX_MENTIONS = 30;

/**
 * Mentions of users and groups, at most `max` of them (users first), then "and N more": a service may
 * have hundreds of owners, and a text object holds 3000 characters.
 */
export function mentionList(
  owners: OwnersMention | undefined,
  options: { max?: number; separator?: string; group?: (mention: string) => string } = {},
): string {
  const max = options.max ?? MAX_MENTIONS;
  const group = options.group ?? ((mention: string) => mention);
  const all = [
    ...(owners?.users.map(userMention) ?? []),
    ...(owners?.groups.map((g) => group(groupMention(g))) ?? []),
  ];
  const shown = all.slice(0, max);
  const more = all.length - shown.length;
  return [...shown, ...(more > 0 ? [`and ${more} more`] : [])].join(options.separator ?? ' ');
}

function mentions(view: ApprovalRequestView): string {
  return mentionList(view.mention);
}

function resolvedText(status: string | undefined): string {
  switch (status) {
    case 'accepted':
      return 'the connection was *accepted* outside Slack (console or API)';
    case 'rejected':
      return 'the connection was *rejected* outside Slack (console or API)';
    case 'gone':
    case undefined:
      return 'the connection request no longer exists (the consumer deleted its endpoint, or the service is gone)';
    default:
      return `the connection is now ${code(status)} in the cloud`;
  }
}

/** The headline of each state, with its plain-text twin for the notification fallback. */
function headline(view: ApprovalRequestView): { mrkdwn: string; plain: string } {
  const r = view.request;
  const service = code(r.serviceName);
  // The plain twins go into the fallback text, which Slack reads as mrkdwn too: the person who decided
  // is a mention (Slack shows the name), an ID that is not well-formed escaped code.
  const name = esc(r.serviceName);
  switch (r.state) {
    case 'pending': {
      const who = mentions(view);
      return {
        mrkdwn: `:inbox_tray: *Connection request* for ${service}${who ? `\n${who}: please approve or reject.` : ''}`,
        plain: `Connection request for ${name} waits for approval`,
      };
    }
    case 'deciding': {
      const verb = r.lease?.action === 'reject' ? 'rejecting' : 'approving';
      return {
        mrkdwn: `:hourglass_flowing_sand: ${userMention(r.lease?.by)} is ${verb} this connection to ${service}…`,
        plain: `Connection request for ${name} is being decided`,
      };
    }
    case 'approved':
      return {
        mrkdwn: `:white_check_mark: *Approved* by ${userMention(r.decidedBy)} on ${slackDate(r.decidedAt ?? Date.now())}: connection to ${service}`,
        plain: `Connection request for ${name} approved by ${userMention(r.decidedBy)}`,
      };
    case 'rejected':
      return {
        mrkdwn: `:no_entry: *Rejected* by ${userMention(r.decidedBy)} on ${slackDate(r.decidedAt ?? Date.now())}: connection to ${service}`,
        plain: `Connection request for ${name} rejected by ${userMention(r.decidedBy)}`,
      };
    case 'resolved_elsewhere':
      return {
        mrkdwn: `:information_source: *Resolved outside Slack* on ${slackDate(r.decidedAt ?? Date.now())}: ${resolvedText(r.observedStatus)}. Connection to ${service}.`,
        plain: `Connection request for ${name} was resolved outside Slack (${esc(r.observedStatus ?? 'gone')})`,
      };
  }
}

function detailFields(view: ApprovalRequestView): KnownBlock {
  const r = view.request;
  const fields = [
    `*Service*\n${code(r.serviceName)}\n${esc(r.serviceId)}`,
    `*Consumer account*\n${r.domainId ? code(r.domainId) : '_unknown_'}`,
    `*VPC endpoint*\n${code(r.endpointId)}`,
    `*Requested*\n${requestedAt(r)}`,
    `*Port Mapping*\n${portLines(r)}`,
    ...(view.projectLabel ? [`*Project*\n${esc(view.projectLabel)}`] : []),
  ];
  return { type: 'section', fields: fields.map((text) => ({ type: 'mrkdwn', text })) };
}

function workflowNotes(request: ApprovalRequest): KnownBlock[] {
  return request.workflow.map((note) => {
    const who = note.requester ? userMention(note.requester) : 'a workflow';
    const why = note.reason ? `: “${esc(clip(note.reason, MAX_NOTE))}”` : '';
    return {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `:gear: Requested through a workflow by ${who}${why}` }],
    };
  });
}

function outcomeBlocks(request: ApprovalRequest): KnownBlock[] {
  if (request.state === 'rejected' && request.reason) {
    return [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: `*Reason*\n${esc(clip(request.reason, MAX_NOTE))}` },
      },
    ];
  }
  if (request.state === 'pending' && request.lastError) {
    return [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `:warning: *The last decision did not go through:* ${esc(clip(request.lastError, 1500))}\nThe connection is still waiting; try again.`,
        },
      },
    ];
  }
  return [];
}

function buttons(request: ApprovalRequest): KnownBlock[] {
  if (request.state !== 'pending') return [];
  return [
    {
      type: 'actions',
      block_id: DECISION_BLOCK,
      elements: [
        {
          type: 'button',
          action_id: APPROVE_ACTION,
          text: { type: 'plain_text', text: 'Approve' },
          style: 'primary',
          value: request.id,
        },
        {
          type: 'button',
          action_id: REJECT_ACTION,
          text: { type: 'plain_text', text: 'Reject' },
          style: 'danger',
          value: request.id,
        },
      ],
    },
  ];
}

/** Renders an approval request in its current state. */
export function approvalRequestMessage(view: ApprovalRequestView): ApprovalMessage {
  const r = view.request;
  const head = headline(view);
  const footer = [
    ...(view.sandbox ? [':test_tube: *Sandbox*: no real cloud resources are involved.'] : []),
    `Request ${code(r.endpointId)}`,
  ].join('  ·  ');
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: head.mrkdwn } },
    detailFields(view),
    ...workflowNotes(r),
    ...outcomeBlocks(r),
    ...buttons(r),
    { type: 'context', elements: [{ type: 'mrkdwn', text: footer }] },
  ];
  const who = r.state === 'pending' ? mentions(view) : '';
  const fallback = [
    view.sandbox ? '[sandbox]' : undefined,
    who || undefined,
    `${head.plain}: consumer account ${esc(r.domainId ?? 'unknown')} asks to connect VPC endpoint ${esc(r.endpointId)} to ${esc(r.serviceName)} (${esc(r.serviceId)}).`,
    r.state === 'rejected' && r.reason ? `Reason: ${esc(clip(r.reason, MAX_NOTE))}` : undefined,
    r.state === 'pending' && r.lastError ? `Last attempt failed: ${esc(clip(r.lastError, 500))}` : undefined,
  ]
    .filter(Boolean)
    .join(' ');
  return { text: fallback, blocks };
}
