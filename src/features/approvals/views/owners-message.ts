/** The answers of `/vpcep owners`: the owners of a service, a change made, or why nothing changed. */

import type { KnownBlock } from '@slack/types';
import { channelMention, code, escapeMrkdwn } from '../../../domain/mrkdwn.js';
import { usageText } from '../../../domain/subcommand-spec.js';
import { OWNERS_SPEC } from '../approvals-subcommands.js';
import type { OwnersOutcome, OwnersView } from '../decide/approval-owners.js';
import { mentionList } from './approval-request.js';

const OWNERS_USAGE = usageText(OWNERS_SPEC);

function describe(view: OwnersView): string {
  // Capped: records written elsewhere may hold more owners than a message can show.
  const users =
    mentionList({ users: view.owners.users, groups: [] }, { max: 50, separator: ', ' }) || '_none_';
  const groups =
    mentionList({ users: [], groups: view.owners.groups }, { max: 20, separator: ', ' }) || '_none_';
  const channel = view.approvalChannel
    ? channelMention(view.approvalChannel)
    : view.defaultChannel
      ? `${channelMention(view.defaultChannel)} (the default)`
      : '_none: requests go to the owners by direct message_';
  return [
    `*Owners of ${code(view.serviceName)}* (${escapeMrkdwn(view.serviceId)})`,
    `• Users: ${users}`,
    `• User groups: ${groups}`,
    `• Approval channel: ${channel}`,
  ].join('\n');
}

export interface OwnersMessage {
  readonly text: string;
  readonly blocks?: KnownBlock[];
}

/** Every answer of the command, from its outcome. */
export function ownersMessage(outcome: OwnersOutcome, sandbox: boolean): OwnersMessage {
  const note = sandbox ? '\n:test_tube: Sandbox: no real cloud resources are involved.' : '';
  const section = (text: string): OwnersMessage => ({
    text,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
  });
  switch (outcome.kind) {
    case 'usage':
      return { text: OWNERS_USAGE };
    case 'invalid':
      return { text: `:warning: ${outcome.problem} Nothing was changed.\n${OWNERS_USAGE}` };
    case 'error':
      return { text: `:warning: ${outcome.message}` };
    case 'shown': {
      const hint = outcome.canChange
        ? `\nYou can change them: ${code(`/vpcep owners ${outcome.view.serviceName} @user @group #channel`)}.`
        : '\nOnly the owners and the bot admins can change them.';
      return section(`${describe(outcome.view)}${hint}${note}`);
    }
    case 'changed':
      return section(`:white_check_mark: Updated.\n${describe(outcome.view)}${note}`);
    case 'forbidden':
      return section(
        `:lock: Only the owners of ${code(outcome.view.serviceName)} and the bot admins can change its owners; nothing was changed.\n${describe(outcome.view)}`,
      );
  }
}
