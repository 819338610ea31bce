/**
 * A creation as people see it: the modal while it runs and when it ends, the result sent to the
 * creator, and the announcement in the channel the command ran in. One model, every state
 * (sending, creating, finishing, available, failed, unknown). An unknown outcome names no service:
 * the one in question may be someone else's.
 */
import type { ActionsBlock, Button, KnownBlock, ModalView } from '@slack/types';
import { clip, code, escapeMrkdwn as esc, userMention } from '../../../domain/mrkdwn.js';
import { portMappingLines, portMappingsInline } from '../../../domain/port-mapping-text.js';
import { LIST_SERVICES_ACTION } from '../../../slack/app-ids.js';
import type { AttemptModel } from '../model/screen-models.js';
import { context, modal, plain, SANDBOX_NOTE, sandboxBlocks, section } from './create-blocks.js';
import { BACKEND_TYPE_TEXT } from './create-form.js';
import { CREATE_ACTION, CREATE_VIEW } from './create-ids.js';

/**
 * The chosen VPC or backend as the select showed it: at most 75 characters, escaped. An attempt saved
 * before labels were taken from the bot's own lists may hold a label a request carried.
 */
const label = (text: string) => esc(clip(text, 75));

export const PROGRESS_TITLE = 'Create endpoint service';

export interface SlackMessage {
  readonly text: string;
  readonly blocks: KnownBlock[];
}

function displayName(model: AttemptModel): string {
  if (model.state === 'unknown') return model.spec.name ?? 'the endpoint service';
  return model.serviceName ?? model.spec.name ?? 'the endpoint service';
}

/** Failed or unknown: no service to show, the reason and the way back to the form instead. */
function ended(model: AttemptModel): boolean {
  return model.state === 'failed' || model.state === 'unknown';
}

function approvalText(model: AttemptModel): string {
  return model.spec.approvalEnabled ? 'required' : 'not required';
}

function statusLine(model: AttemptModel): string {
  const name = `*${esc(displayName(model))}*`;
  switch (model.state) {
    case 'pending':
      return `:hourglass_flowing_sand: Sending the request to create ${name} to the cloud…`;
    case 'creating':
      return `:hourglass_flowing_sand: The cloud is creating ${name}${model.serviceId ? ` (${code(model.serviceId)})` : ''}. This takes 1–2 minutes. You can close this window: I will send you the result in a direct message.`;
    case 'configuring':
      return `:hourglass_flowing_sand: ${name} is available; applying the whitelist and saving its owners…`;
    case 'done':
      return `:white_check_mark: The endpoint service ${name} is available.`;
    case 'failed':
      return `:x: The endpoint service ${model.serviceName ? `${name} ` : ''}could not be created.`;
    case 'unknown':
      return `:grey_question: Whether ${name} was created is unknown.`;
  }
}

function failureText(model: AttemptModel): string {
  const error = model.error;
  if (!error) return 'The cloud gave no reason.';
  return error.code ? `The cloud answered \`${esc(error.code)}\`: ${esc(error.message)}` : esc(error.message);
}

function detailBlocks(model: AttemptModel): KnownBlock[] {
  const type = BACKEND_TYPE_TEXT[model.spec.backendType];
  const pairs: [string, string][] = [
    ['ID', model.serviceId ? code(model.serviceId) : '_not yet known_'],
    ['Full name', model.serviceName ? code(model.serviceName) : '_not yet known_'],
    ['Region', esc(model.region)],
    ['Connection Approval', model.spec.approvalEnabled ? 'Required' : 'Not required'],
    [type.resource, label(model.labels.backend ?? model.spec.portId)],
    ['VPC', label(model.labels.vpc ?? model.spec.vpcId)],
  ];
  return [
    {
      type: 'section',
      fields: pairs.map(([label, value]) => ({ type: 'mrkdwn', text: `*${label}*\n${value}` })),
    },
    section(`*Port Mapping*\n${portMappingLines(model.spec.ports)}`),
  ];
}

function whitelistLine(model: AttemptModel): string | undefined {
  if (model.whitelistProblem)
    return `:warning: The whitelist could not be applied: ${esc(model.whitelistProblem)} Add the accounts with ${code(`/vpcep whitelist ${model.serviceId ?? '<service>'} add <account id>`)}.`;
  if (model.spec.whitelist.length)
    return `Whitelisted accounts: ${model.spec.whitelist.map((a) => code(a)).join(', ')}`;
  return undefined;
}

/** Posts the summary where it is clicked (the button carries no channel: a value could be forged). */
function listButton(): Button {
  return { type: 'button', action_id: LIST_SERVICES_ACTION, text: plain('List services', 75) };
}

function editButton(model: AttemptModel): Button {
  return {
    type: 'button',
    action_id: CREATE_ACTION.editRetry,
    text: plain('Edit and retry', 75),
    style: 'primary',
    value: model.attemptRef,
  };
}

function resultBlocks(model: AttemptModel): KnownBlock[] {
  const blocks: KnownBlock[] = [section(statusLine(model))];
  if (ended(model)) {
    blocks.push(section(failureText(model)));
    const buttons = model.state === 'unknown' ? [listButton(), editButton(model)] : [editButton(model)];
    blocks.push({ type: 'actions', elements: buttons } satisfies ActionsBlock);
    return blocks;
  }
  blocks.push(...detailBlocks(model));
  const whitelist = whitelistLine(model);
  if (whitelist) blocks.push(context(whitelist));
  // Written by the bot (with channel mentions), not by a user: no escaping.
  if (model.announceProblem) blocks.push(context(`:warning: ${model.announceProblem}`));
  if (model.state === 'done') blocks.push({ type: 'actions', elements: [listButton()] });
  return blocks;
}

/** The modal of an attempt, in any state. */
export function createAttemptView(model: AttemptModel, sandbox: boolean): ModalView {
  return modal({
    callbackId: CREATE_VIEW.progress,
    title: PROGRESS_TITLE,
    close: 'Close',
    privateMetadata: model.attemptRef,
    blocks: [...sandboxBlocks(sandbox), ...resultBlocks(model)],
  });
}

/** The plain-text summary of a finished attempt (message fallbacks, notifications). */
export function attemptSummary(model: AttemptModel, sandbox: boolean): string {
  const prefix = sandbox ? '[sandbox] ' : '';
  // The fallback text is mrkdwn too: every value in it is escaped.
  const name = esc(displayName(model));
  if (model.state === 'unknown')
    return `${prefix}Whether the endpoint service ${name} was created is unknown. ${esc(model.error?.message ?? '')}`.trim();
  if (model.state === 'failed')
    return `${prefix}The endpoint service ${name} could not be created. ${model.error?.code ? `${esc(model.error.code)}: ` : ''}${esc(model.error?.message ?? '')}`.trim();
  return `${prefix}The endpoint service ${name} is available. ID ${esc(model.serviceId ?? '?')}; port mappings ${portMappingsInline(model.spec.ports)}; connection approval ${approvalText(model)}.`;
}

/** The result sent to the creator by direct message. */
export function createResultMessage(model: AttemptModel, sandbox: boolean): SlackMessage {
  return {
    text: attemptSummary(model, sandbox),
    blocks: [...sandboxBlocks(sandbox), ...resultBlocks(model)],
  };
}

/** The announcement in the channel the command ran in. */
export function createAnnouncement(model: AttemptModel, sandbox: boolean): SlackMessage {
  const type = BACKEND_TYPE_TEXT[model.spec.backendType];
  const creator = userMention(model.userId);
  const text = `${sandbox ? '[sandbox] ' : ''}${creator} created the endpoint service ${esc(displayName(model))} (ID ${esc(model.serviceId ?? '?')}; port mappings ${portMappingsInline(model.spec.ports)}; connection approval ${approvalText(model)}).`;
  return {
    text,
    blocks: [
      section(
        `:tada: ${creator} created the endpoint service ${code(displayName(model))} in ${esc(model.region)}.\n*ID* ${code(model.serviceId ?? '?')} · *${type.name}* ${label(model.labels.backend ?? model.spec.portId)} · *Connection Approval* ${approvalText(model)}\n*Port Mapping* ${portMappingsInline(model.spec.ports)}`,
      ),
      ...(sandbox ? [context(SANDBOX_NOTE)] : []),
    ],
  };
}

/**
 * What the bot admins get when a creation's outcome is unknown: who asked for what, where, and what
 * to check. It names the request only, never a service (the one in question may be someone else's).
 */
export function unknownOutcomeNotice(
  model: AttemptModel,
  sandbox: boolean,
  attemptTag: { readonly key: string; readonly value: string } | undefined,
): SlackMessage {
  const type = BACKEND_TYPE_TEXT[model.spec.backendType];
  const what = `${model.spec.name ? `\`${esc(model.spec.name)}\`` : 'an endpoint service without a name'} in ${esc(model.region)} (VPC ${label(model.labels.vpc ?? model.spec.vpcId)}, ${type.name} ${label(model.labels.backend ?? model.spec.portId)}, port mapping ${portMappingsInline(model.spec.ports)})`;
  const text = `${sandbox ? '[sandbox] ' : ''}The outcome of <@${model.userId}>'s request to create ${what} is unknown: the cloud never confirmed it and no service that request provably made was found, or the service the cloud reported is recorded for someone else. Nothing was adopted or changed. Check the project's services for one the bot has no owners recorded for, and assign its owners with \`/vpcep owners\`; the bot's log has the details under the attempt's ID.`;
  return {
    text,
    blocks: [
      section(`:grey_question: ${text.replace(/^\[sandbox\] /, '')}`),
      context(
        `Creation attempt \`${esc(model.attemptRef)}\`${attemptTag ? `; a service it made carries the tag \`${attemptTag.key}=${attemptTag.value}\`` : ''}.`,
      ),
      ...(sandbox ? [context(SANDBOX_NOTE)] : []),
    ],
  };
}
