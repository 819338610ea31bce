/**
 * The review step: every value as the cloud will get it, the name it will give, the quota, the
 * security-group reminder (and check), and the notes the console page makes. One function renders
 * every state: checks running, done, quota full, backend gone.
 */
import type { KnownBlock, ModalView, SectionBlock } from '@slack/types';
import { fullNamePattern } from '../../../domain/endpoint-service-spec.js';
import {
  channelMention,
  clip,
  code,
  escapeMrkdwn as esc,
  groupMention,
  userMention,
} from '../../../domain/mrkdwn.js';
import { portMappingLines } from '../../../domain/port-mapping-text.js';
import type { ReviewModel } from '../model/screen-models.js';
import { reviewAllowsCreate } from '../model/screen-models.js';
import { context, listSections, modal, plain, sandboxBlocks, section } from './create-blocks.js';
import { BACKEND_TYPE_TEXT, ELB_ADDRESS_NOTE } from './create-form.js';
import { CREATE_ACTION, CREATE_VIEW } from './create-ids.js';
import { tagItems } from './create-text.js';

/** A label as the select showed it (at most 75 characters), escaped. */
const label = (text: string) => esc(clip(text, 75));

export const REVIEW_TITLE = 'Review endpoint service';
export const VPCEP_RANGE = '198.19.128.0/17';

/** Short values side by side (each field within Slack's 2000 characters, counted in code points). */
function fields(pairs: [string, string][]): SectionBlock {
  return {
    type: 'section',
    fields: pairs.slice(0, 10).map(([label, value]) => ({
      type: 'mrkdwn',
      text: clip(`*${label}*\n${value}`, 2000),
    })),
  };
}

/** A list that may be long (tags, owners, whitelist): its own sections, so every value shows. */
function listBlocks(title: string, items: readonly string[], none: string, separator = '\n'): SectionBlock[] {
  return items.length ? listSections(`*${title}*`, items, separator) : [section(`*${title}*\n${none}`)];
}

function countedNote(counted: string | undefined): string {
  return counted
    ? ` _Counted: the quotas API did not answer (${esc(counted)}), so the project's services are counted against the default quota of 20._`
    : '';
}

function quotaLine(model: ReviewModel): string {
  const { quota } = model;
  switch (quota.state) {
    case 'checking':
      return ':hourglass_flowing_sand: *Quota*: checking how many endpoint services the project has…';
    case 'ok':
      return `:white_check_mark: *Quota*: ${quota.used}/${quota.quota} endpoint services in use in ${esc(model.region)}.${countedNote(quota.counted)}`;
    case 'full':
      return `:no_entry: *Quota full*: ${quota.used}/${quota.quota} endpoint services in use in ${esc(model.region)}, so this one cannot be created. Delete a service you no longer need, or ask the cloud administrators for a higher quota.${countedNote(quota.counted)}`;
    case 'unknown':
      return `:warning: *Quota*: could not be read (${esc(quota.message)}). The cloud checks it again when creating.`;
  }
}

function ingressLine(model: ReviewModel): string {
  const reminder = `:shield: *Security group*: the backend's security group must allow inbound traffic from ${VPCEP_RANGE}, or endpoints cannot reach the service.`;
  switch (model.ingress) {
    case 'checking':
      return `${reminder}\n:hourglass_flowing_sand: Checking the backend's security groups…`;
    case 'allowed':
      return `${reminder}\n:white_check_mark: Its security group allows it.`;
    case 'missing':
      return `${reminder}\n:warning: Its security groups do not seem to allow it. Add an inbound rule with source ${VPCEP_RANGE} (this does not block the creation).`;
    case 'unknown':
      return `${reminder}\nThe cloud does not say for this backend; please check the rule yourself.`;
  }
}

function noteLines(model: ReviewModel): string[] {
  const notes = [':lock: Port mappings cannot be changed after creation.'];
  if (model.spec.backendType === 'elb') notes.push(`:information_source: ${ELB_ADDRESS_NOTE}`);
  if (model.spec.backendType === 'bms')
    notes.push(
      ':warning: The BMS backend type is deprecated by the cloud API (server type `BMS`). It still works where the region supports it; an elastic load balancer in front of the servers is the recommended setup.',
    );
  return notes;
}

/** The review view for a model. */
export function createReviewView(model: ReviewModel, sandbox: boolean): ModalView {
  const { spec, labels } = model;
  const type = BACKEND_TYPE_TEXT[spec.backendType];
  const blocks: KnownBlock[] = [
    ...sandboxBlocks(sandbox),
    section('Check the endpoint service before it is created.'),
    fields([
      ['Region', esc(model.projectLabel)],
      ['Name', spec.name ? code(spec.name) : '_none_'],
      // The bot's own pattern of a checked name and a configured region, shown as the console shows it.
      ['Full name (given by the cloud)', `\`${fullNamePattern(model.region, spec.name)}\``],
      ['VPC', `${label(labels.vpc ?? spec.vpcId)}\n${code(spec.vpcId)}`],
      ['Service Type', 'Interface'],
      ['Connection Approval', spec.approvalEnabled ? 'Required' : 'Not required'],
      ['Backend Resource Type', type.name],
      [type.resource, `${label(labels.backend ?? spec.portId)}\n${code(spec.portId)}`],
    ]),
    section(`*Port Mapping*\n${portMappingLines(spec.ports)}`),
    fields([
      ['Description', spec.description ? esc(spec.description) : '_none_'],
      ['Approval channel', spec.approvalChannel ? channelMention(spec.approvalChannel) : '_default_'],
    ]),
    ...listBlocks('Tag', tagItems(spec.tags), '_none_'),
    ...listBlocks(
      'Owners',
      spec.owners.users.map((u) => userMention(u)),
      '_none_',
      ', ',
    ),
    ...listBlocks(
      'Owner groups',
      model.groups.map((g) => groupMention(g.value)),
      '_none_',
      ', ',
    ),
    ...listBlocks(
      'Whitelist',
      spec.whitelist.map((a) => code(a)),
      '_none: only your own account can connect_',
      ', ',
    ),
    ...(spec.whitelist.length ? [context('The whitelist is applied once the service is available.')] : []),
    { type: 'divider' },
    section(quotaLine(model)),
    ...(model.backend.state === 'gone' ? [section(`:no_entry: ${esc(model.backend.message)}`)] : []),
    section(ingressLine(model)),
    context(noteLines(model).join('\n')),
    {
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: CREATE_ACTION.back,
          text: plain('Back to the form', 75),
          value: model.draftRef.slice(0, 2000),
        },
      ],
    },
  ];
  return modal({
    callbackId: CREATE_VIEW.review,
    title: REVIEW_TITLE,
    submit: reviewAllowsCreate(model) ? 'Create' : undefined,
    close: 'Close',
    privateMetadata: model.draftRef,
    blocks,
  });
}
