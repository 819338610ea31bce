/**
 * The create form: the console's Create VPC Endpoint Service page as a modal, labelled with the
 * console's parameter names. Pure: the same model always gives the same view. Inputs keep their
 * block_id and action_id across re-renders (Slack then keeps what was typed); the current draft values
 * are the initial values, so a resumed draft shows everything again.
 */
import type {
  ConversationsSelect,
  InputBlock,
  KnownBlock,
  ModalView,
  MultiExternalSelect,
  MultiUsersSelect,
  PlainTextInput,
  RadioButtons,
  StaticSelect,
} from '@slack/types';
import { portsPreview } from '../../../domain/create-draft.js';
import type { BackendType } from '../../../domain/endpoint-service-spec.js';
import { DESCRIPTION_MAX, NAME_MAX } from '../../../domain/endpoint-service-spec.js';
import { clipChars, escapeMrkdwn as esc } from '../../../domain/mrkdwn.js';
import { MAX_OWNER_GROUPS, MAX_OWNER_USERS } from '../../../domain/owner-limits.js';
import { MAX_PORT_MAPPINGS } from '../../../domain/port-mappings.js';
import { isChannelId, isSlackIdOf } from '../../../domain/slack-ids.js';
import {
  ATTEMPT_TAG_KEY,
  MAX_TAG_KEY,
  MAX_TAG_VALUE,
  MAX_TAGS,
  MAX_USER_TAGS,
} from '../../../domain/tags.js';
import type { ChoiceList, FormModel } from '../model/screen-models.js';
import { choiceSelect, context, modal, option, plain, sandboxBlocks, section } from './create-blocks.js';
import {
  backendBlockId,
  CREATE_ACTION,
  CREATE_BLOCK,
  CREATE_VIEW,
  SERVICE_TYPE_INTERFACE,
  vpcBlockId,
} from './create-ids.js';

export const FORM_TITLE = 'Create endpoint service';

/** The console's names for the backend types, with its descriptions (Table 1). */
export const BACKEND_TYPE_TEXT: Record<BackendType, { name: string; resource: string; description: string }> =
  {
    elb: {
      name: 'Elastic load balancer',
      resource: 'Load Balancer',
      description:
        'Backend resources of this type suit services that receive high access traffic and demand high reliability and disaster recovery (DR) performance.',
    },
    ecs: { name: 'ECS', resource: 'ECS', description: 'Backend resources of this type serve as servers.' },
    bms: { name: 'BMS', resource: 'BMS', description: 'Backend resources of this type serve as servers.' },
  };

/** Option descriptions fit 75 characters; the full text is in the hint. */
const BACKEND_TYPE_SHORT: Record<BackendType, string> = {
  elb: 'For high traffic, high reliability and disaster recovery (recommended)',
  ecs: 'An ECS serves as the server',
  bms: 'A BMS serves as the server (the API deprecates this type)',
};

export const SECURITY_GROUP_NOTE =
  'For the security group of the backend resource, add an inbound rule with the source IP address 198.19.128.0/17.';
export const ELB_ADDRESS_NOTE =
  "With a load balancer backend, the service sees the load balancer's address, not the client's.";

interface InputOptions {
  readonly optional?: boolean;
  readonly hint?: string;
  readonly dispatch?: boolean;
}

function input(
  blockId: string,
  label: string,
  element: InputBlock['element'],
  opts: InputOptions = {},
): InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label, 2000),
    element,
    ...(opts.optional ? { optional: true } : {}),
    ...(opts.hint ? { hint: plain(opts.hint, 2000) } : {}),
    ...(opts.dispatch ? { dispatch_action: true } : {}),
  };
}

function text(
  actionId: string,
  value: string | undefined,
  placeholder: string,
  multiline = false,
): PlainTextInput {
  return {
    type: 'plain_text_input',
    action_id: actionId,
    placeholder: plain(placeholder),
    ...(multiline ? { multiline: true } : {}),
    ...(value ? { initial_value: clipChars(value, 3000) } : {}),
  };
}

function choicesOf(list: ChoiceList) {
  return list.kind === 'list' ? list.choices : undefined;
}

/**
 * Region (and project) is always an input labelled as on the console page. With one configured
 * project it holds that single option, chosen.
 */
function regionBlocks(model: FormModel): KnownBlock[] {
  const current = model.projects.find((p) => p.projectId === model.values.projectId) ?? model.projects[0];
  const choices = model.projects.map((p) => ({ value: p.projectId, label: p.label }));
  const element = choiceSelect({
    actionId: CREATE_ACTION.region,
    choices,
    selected: current?.projectId,
    selectedLabel: current?.label,
    placeholder: 'Choose the region and project',
  });
  const only =
    model.projects.length === 1 && current
      ? ` The bot is configured for ${current.label} (project ${current.projectId}) only.`
      : '';
  return [
    input(CREATE_BLOCK.region, 'Region', element, {
      dispatch: model.projects.length > 1,
      hint: `Endpoint services are region-level resources. Resources in different regions cannot communicate over internal networks: choose the region of the backend.${only}`,
    }),
  ];
}

/** Service Type: Interface, the only type a tenant can create (gateway services are the operator's). */
function serviceTypeBlock(): InputBlock {
  const interfaceOption = option({ value: SERVICE_TYPE_INTERFACE, label: 'Interface' });
  const element: StaticSelect = {
    type: 'static_select',
    action_id: CREATE_ACTION.serviceType,
    placeholder: plain('Interface'),
    options: [interfaceOption],
    initial_option: interfaceOption,
  };
  return input(CREATE_BLOCK.serviceType, 'Service Type', element, {
    hint: 'Interface is the only type you can create; gateway services are created by the cloud operator.',
  });
}

function vpcBlocks(model: FormModel): KnownBlock[] {
  const { values, vpcs } = model;
  const element = choiceSelect({
    actionId: CREATE_ACTION.vpc,
    choices: choicesOf(vpcs),
    selected: values.vpcId,
    selectedLabel: model.labels.vpc,
    placeholder: 'Choose the VPC of the backend resource',
  });
  const blocks: KnownBlock[] = [
    input(vpcBlockId(values.projectId), 'VPC', element, {
      dispatch: true,
      hint: 'The VPC where the endpoint service is deployed; the backend resource must be in it.',
    }),
  ];
  if (vpcs.kind === 'list' && vpcs.choices.length === 0)
    blocks.push(
      context(
        ':warning: This project has no VPC. Create one in the console first, or choose another region.',
      ),
    );
  return blocks;
}

function approvalElement(enabled: boolean): RadioButtons {
  const on = {
    text: plain('Required'),
    value: 'on',
    description: plain('Every VPC endpoint must be approved before it connects', 75),
  };
  const off = {
    text: plain('Not required'),
    value: 'off',
    description: plain('Endpoints of whitelisted accounts connect at once', 75),
  };
  return {
    type: 'radio_buttons',
    action_id: CREATE_ACTION.approval,
    options: [on, off],
    initial_option: enabled ? on : off,
  };
}

function backendTypeElement(current: BackendType): RadioButtons {
  const options = (['elb', 'ecs', 'bms'] as const).map((type) => ({
    text: plain(BACKEND_TYPE_TEXT[type].name),
    value: type,
    description: plain(BACKEND_TYPE_SHORT[type], 75),
  }));
  const initial = options.find((o) => o.value === current) ?? options[0];
  return {
    type: 'radio_buttons',
    action_id: CREATE_ACTION.backendType,
    options,
    ...(initial ? { initial_option: initial } : {}),
  };
}

function backendBlocks(model: FormModel, type: BackendType): KnownBlock[] {
  const { values, backends } = model;
  const what = BACKEND_TYPE_TEXT[type].resource;
  const kind = type === 'elb' ? 'load balancer' : type.toUpperCase();
  const element = choiceSelect({
    actionId: CREATE_ACTION.backend,
    choices: choicesOf(backends),
    selected: values.portId,
    selectedLabel: model.labels.backend,
    placeholder: values.vpcId ? `Choose the ${kind} that provides the service` : 'Choose a VPC first',
  });
  const hint =
    type === 'elb'
      ? `Load balancers of both ELB families in the chosen VPC. ${ELB_ADDRESS_NOTE}`
      : `The ${type.toUpperCase()}s of the chosen VPC, one entry per network interface, shown with its IP address.`;
  const blocks: KnownBlock[] = [input(backendBlockId(type, values.vpcId), what, element, { hint })];
  if (backends.kind === 'waiting') blocks.push(context(backends.reason));
  if (backends.kind === 'list' && backends.choices.length === 0)
    blocks.push(
      context(`:warning: There is no ${kind} in this VPC. Choose another VPC or backend resource type.`),
    );
  return blocks;
}

function problemBlocks(model: FormModel): KnownBlock[] {
  const failed = [model.vpcs, model.backends].find((l) => l.kind === 'error');
  if (failed?.kind !== 'error') return [];
  return [
    {
      // The cloud's message can be long: the section clips it to what Slack accepts.
      ...section(`:warning: ${esc(failed.message)}`),
      accessory: {
        type: 'button',
        action_id: CREATE_ACTION.retry,
        text: plain('Retry', 75),
        value: model.draftRef.slice(0, 2000),
      },
    },
  ];
}

function ownerBlocks(model: FormModel): KnownBlock[] {
  const { values } = model;
  // A draft may hold a forged value from a submission (refused inline): never hand it back to Slack.
  const users = (values.ownerUsers ?? []).filter((u) => isSlackIdOf(u, 'UW')).slice(0, MAX_OWNER_USERS);
  const channelId = isChannelId(values.approvalChannel) ? values.approvalChannel : undefined;
  const owners: MultiUsersSelect = {
    type: 'multi_users_select',
    action_id: CREATE_ACTION.owners,
    placeholder: plain('People who approve connections'),
    max_selected_items: MAX_OWNER_USERS,
    ...(users.length ? { initial_users: users } : {}),
  };
  const chosenGroups = model.groups.slice(0, MAX_OWNER_GROUPS);
  const groups: MultiExternalSelect = {
    type: 'multi_external_select',
    action_id: CREATE_ACTION.ownerGroups,
    placeholder: plain('Search user groups'),
    min_query_length: 0,
    max_selected_items: MAX_OWNER_GROUPS,
    ...(chosenGroups.length ? { initial_options: chosenGroups.map(option) } : {}),
  };
  const channel: ConversationsSelect = {
    type: 'conversations_select',
    action_id: CREATE_ACTION.approvalChannel,
    placeholder: plain('Where approval requests are posted'),
    filter: { include: ['public', 'private'], exclude_bot_users: true },
    ...(channelId ? { initial_conversation: channelId } : {}),
  };
  return [
    input(CREATE_BLOCK.owners, 'Owners', owners, {
      optional: true,
      hint: `They approve connection requests and manage the service. Name at least one owner or owner group (at most ${MAX_OWNER_USERS} people).`,
    }),
    input(CREATE_BLOCK.ownerGroups, 'Owner groups', groups, {
      optional: true,
      hint: `Slack user groups whose members are owners too (at most ${MAX_OWNER_GROUPS}).`,
    }),
    input(CREATE_BLOCK.approvalChannel, 'Approval channel', channel, {
      optional: true,
      hint: 'Approval requests are posted here, mentioning the owners. Without one they go to the default approval channel, or to the owners directly.',
    }),
  ];
}

/** The form view for a model. */
export function createFormView(model: FormModel, sandbox: boolean): ModalView {
  const { values } = model;
  const type = values.backendType ?? 'elb';
  const preview = portsPreview(values.portsText);
  const blocks: KnownBlock[] = [
    ...sandboxBlocks(sandbox),
    ...(model.notice ? [context(model.notice)] : []),
    ...problemBlocks(model),
    ...regionBlocks(model),
    input(CREATE_BLOCK.name, 'Name', text(CREATE_ACTION.name, values.name, 'e.g. orders-api'), {
      optional: true,
      hint: `Up to ${NAME_MAX} letters, digits, _ or -. The cloud names the service region.name.service_id, or region.service_id without a name.`,
    }),
    ...vpcBlocks(model),
    serviceTypeBlock(),
    input(CREATE_BLOCK.approval, 'Connection Approval', approvalElement(values.approvalEnabled ?? true), {
      hint: 'Whether a VPC endpoint needs the owners’ approval to connect to the service.',
    }),
    input(CREATE_BLOCK.backendType, 'Backend Resource Type', backendTypeElement(type), {
      dispatch: true,
      hint: `${(['elb', 'ecs', 'bms'] as const)
        .map((t) => `${BACKEND_TYPE_TEXT[t].name}: ${BACKEND_TYPE_TEXT[t].description}`)
        .join(' ')} ${SECURITY_GROUP_NOTE}`,
    }),
    ...backendBlocks(model, type),
    input(CREATE_BLOCK.ports, 'Port Mapping', text(CREATE_ACTION.ports, values.portsText, '8080:80', true), {
      hint: `One service_port:terminal_port a line: the service port is the backend's, the terminal port the endpoint's. TCP; ports 1–65535; 1 to ${MAX_PORT_MAPPINGS} lines; each terminal port once. Port mappings cannot be changed after creation.`,
    }),
    ...(preview ? [context(preview)] : []),
    input(CREATE_BLOCK.tags, 'Tag', text(CREATE_ACTION.tags, values.tagsText, 'env=prod', true), {
      optional: true,
      hint: `One key=value a line, at most ${MAX_USER_TAGS}: the cloud takes ${MAX_TAGS}, and the bot adds its own tag ${ATTEMPT_TAG_KEY} to recognise the service it created. Keys are unique; keys up to ${MAX_TAG_KEY} and values up to ${MAX_TAG_VALUE} letters, digits, - or _; neither may be blank.`,
    }),
    input(
      CREATE_BLOCK.description,
      'Description',
      text(CREATE_ACTION.description, values.description, 'What the service offers', true),
      { optional: true, hint: `Up to ${DESCRIPTION_MAX} characters, without < or >.` },
    ),
    ...ownerBlocks(model),
    input(
      CREATE_BLOCK.whitelist,
      'Whitelist',
      text(
        CREATE_ACTION.whitelist,
        values.whitelistText,
        'Consumer account IDs, or * for every account',
        true,
      ),
      {
        optional: true,
        hint: 'Consumer account (domain) IDs allowed to connect, separated by commas, spaces or lines; * allows every account. Applied once the service is available.',
      },
    ),
  ];
  return modal({
    callbackId: CREATE_VIEW.form,
    title: FORM_TITLE,
    submit: 'Review',
    close: 'Close',
    notifyOnClose: true,
    privateMetadata: model.draftRef,
    blocks,
  });
}
