/**
 * `/vpcep whitelist` answers: the list, the confirmation before `*` opens a service to every account,
 * the outcome of a change, and a cancelled confirmation. Shown only to the person who asked.
 */
import type { KnownBlock } from '@slack/types';
import { z } from 'zod';
import { cloudUuidSchema } from '../../../cloud/cloud-ids.js';
import { clip, code, escapeMrkdwn } from '../../../domain/mrkdwn.js';
import { type ChangeOutcome, isWildcard, type WhitelistState } from '../usecases/whitelist-changes.js';
import {
  displayName,
  lineSections,
  type ManageMessage,
  plainText,
  sandboxBlocks,
  sandboxPrefix,
  section,
  slackDate,
} from './manage-format.js';
import { WHITELIST_CANCEL_ACTION, WHITELIST_CONFIRM_ACTION } from './manage-ids.js';

/** What the confirmation buttons carry: project, service and the accounts to add. */
export const whitelistConfirmSchema = z.object({
  p: z.string().min(1),
  s: cloudUuidSchema('endpoint service'),
  a: z
    .array(z.string().regex(/^[A-Za-z0-9*]{1,64}$/))
    .min(1)
    .max(100),
  n: z.string().max(64).optional(),
});

/** Entries listed one a line; the rest are counted (the sections stay far below 50 blocks). */
const MAX_LINES = 150;
const codes = (accounts: readonly string[]) => accounts.map((a) => `\`${escapeMrkdwn(a)}\``).join(', ');

/** The entries, one a line, over as many sections as they need (never cut inside an entry). */
function listBlocks(state: WhitelistState): KnownBlock[] {
  if (state.entriesError)
    return [
      section(
        `_The list is unavailable right now: ${escapeMrkdwn(state.entriesError)}_ \`/vpcep whitelist\` shows it later.`,
      ),
    ];
  const { entries } = state;
  if (entries.length === 0)
    return [section('_empty_: no other account may connect (only the service’s own account).')];
  const accounts = entries.filter((e) => e.domainId !== '*');
  const open =
    accounts.length < entries.length ? [':warning: `*` is on the list: *every account* may connect.'] : [];
  const lines = accounts
    .slice(0, MAX_LINES)
    .map(
      (e) => `• \`${escapeMrkdwn(e.domainId)}\`${e.createdAt ? ` · added ${slackDate(e.createdAt)}` : ''}`,
    );
  const more = accounts.length > MAX_LINES ? [`…and ${accounts.length - MAX_LINES} more`] : [];
  return lineSections([...open, ...lines, ...more]);
}

export function whitelistMessage(state: WhitelistState, lead?: string): ManageMessage {
  const name = escapeMrkdwn(displayName(state.service));
  const count = state.entriesError
    ? 'list unavailable'
    : `${state.entries.length} entr${state.entries.length === 1 ? 'y' : 'ies'}`;
  const head = `*Whitelist of \`${name}\`* (${code(state.service.id)}): ${count}`;
  const text = [lead, head].filter(Boolean).join('\n');
  return {
    text: clip(`${sandboxPrefix(state.sandbox)}${plainText(text)}`, 3000),
    blocks: [
      section(text),
      ...listBlocks(state),
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: 'Anyone in the workspace can read the whitelist. Owners and admins can change it: `/vpcep whitelist <service> add|remove <account id>`.',
          },
        ],
      },
      ...sandboxBlocks(state.sandbox),
    ],
  };
}

export function whitelistOutcomeMessage(outcome: Extract<ChangeOutcome, { kind: 'done' }>): ManageMessage {
  const verb = outcome.action === 'add' ? 'Added' : 'Removed';
  const where = outcome.action === 'add' ? 'already on the whitelist' : 'not on the whitelist';
  const lines = [
    ...(outcome.sent.length ? [`:white_check_mark: ${verb} ${codes(outcome.sent)}.`] : []),
    ...(outcome.unchanged.length ? [`${codes(outcome.unchanged)}: ${where}, nothing sent.`] : []),
  ];
  return whitelistMessage(outcome.state, lines.join('\n'));
}

export function whitelistConfirmMessage(outcome: Extract<ChangeOutcome, { kind: 'confirm' }>): ManageMessage {
  const { state } = outcome;
  const name = escapeMrkdwn(displayName(state.service));
  const value = JSON.stringify({
    p: state.projectId,
    s: state.service.id,
    a: outcome.send,
    n: displayName(state.service).slice(0, 64),
  });
  const approval = state.service.approvalEnabled
    ? ' (each connection still needs approval)'
    : ', and connection approval is off, so they are accepted at once';
  const wildcards = outcome.send.filter((a) => a !== '*' && isWildcard(a));
  const others = outcome.send.filter((a) => !isWildcard(a));
  const question = outcome.send.includes('*')
    ? `:warning: *Open \`${name}\` to every account?* Adding \`*\` to the whitelist lets *any* OTC account connect a VPC endpoint to it${approval}.`
    : `:warning: *Add ${wildcards.length === 1 ? 'a wildcard entry' : 'wildcard entries'} to the whitelist of \`${name}\`?* \`*\` in an entry matches more than one account, so ${codes(wildcards)} may let accounts you did not name connect a VPC endpoint to it${approval}.`;
  const also = [
    ...(outcome.send.includes('*') && wildcards.length ? [`Also adds ${codes(wildcards)}.`] : []),
    ...(others.length ? [`Also adds ${codes(others)}.`] : []),
  ];
  const text = [question, ...also].join('\n');
  return {
    text: `${sandboxPrefix(state.sandbox)}${plainText(text)}`,
    blocks: [
      section(text),
      {
        type: 'actions',
        block_id: 'manage_whitelist_block',
        elements: [
          {
            type: 'button',
            action_id: WHITELIST_CONFIRM_ACTION,
            style: 'danger',
            text: {
              type: 'plain_text',
              text: outcome.send.includes('*') ? 'Allow every account' : 'Add wildcard entries',
            },
            value,
          },
          {
            type: 'button',
            action_id: WHITELIST_CANCEL_ACTION,
            text: { type: 'plain_text', text: 'Cancel' },
            value,
          },
        ],
      },
      ...sandboxBlocks(state.sandbox),
    ],
  };
}

export function whitelistCancelledMessage(sandbox: boolean): ManageMessage {
  return {
    text: `${sandboxPrefix(sandbox)}Cancelled: the whitelist is unchanged.`,
    blocks: [section('Cancelled: the whitelist is unchanged.'), ...sandboxBlocks(sandbox)],
  };
}
