/**
 * `/vpcep whitelist <service> [add|remove <account>…]`: anyone may read the whitelist; owners and
 * admins change it. Account IDs follow the domain rules (1–64 letters, digits or `*`). Entries already
 * there (or already absent) are not sent again. `*` opens the service to every account (and an entry
 * with `*` in it to many), so adding one waits for a confirmation. Every change is audited.
 */

import type { EndpointService, WhitelistEntry } from '../../../cloud/types.js';
import { code } from '../../../domain/mrkdwn.js';
import { usageText } from '../../../domain/subcommand-spec.js';
import { parseAccounts } from '../../../domain/whitelist.js';
import { userMessageOf } from '../../../platform/errors/app-error.js';
import type { ManageDeps } from '../manage-deps.js';
import { WHITELIST_SPEC } from '../manage-subcommands.js';
import { auditChange } from './manage-audit.js';
import { ManageRefusedError, type Refusal, refusedOr } from './manage-refusals.js';
import { findManaged, getManaged } from './manage-rights.js';

export type WhitelistAction = 'add' | 'remove';

export type WhitelistRequest =
  | { readonly kind: 'list'; readonly ref: string }
  | { readonly kind: WhitelistAction; readonly ref: string; readonly accounts: readonly string[] };

const WHITELIST_USAGE = usageText(WHITELIST_SPEC);

export class WhitelistInputError extends ManageRefusedError {
  constructor(message: string) {
    super('MANAGE_WHITELIST_INPUT', message);
  }
}

/** Words the command cannot be read from, and how to write them. */
export interface InvalidWhitelistArgs {
  readonly kind: 'invalid';
  readonly text: string;
}

/** Reads the command's words, or names the problem. */
export function parseWhitelistArgs(args: readonly string[]): WhitelistRequest | InvalidWhitelistArgs {
  const invalid = (text: string): InvalidWhitelistArgs => ({ kind: 'invalid', text });
  const [ref, verb, ...rest] = args;
  if (!ref) return invalid(WHITELIST_USAGE);
  if (verb === undefined) return { kind: 'list', ref };
  const action = verb.toLowerCase();
  if (action !== 'add' && action !== 'remove')
    return invalid(`I don't know ${code(verb.slice(0, 20))} here. ${WHITELIST_USAGE}`);
  const parsed = parseAccounts(rest.join(' '));
  if (!parsed.ok) return invalid(`Nothing was changed: ${parsed.problems.join('; ')}.`);
  if (parsed.value.length === 0) return invalid(`Name the account ID to ${action}. ${WHITELIST_USAGE}`);
  return { kind: action, ref, accounts: parsed.value };
}

export interface WhitelistState {
  readonly projectId: string;
  readonly service: EndpointService;
  readonly entries: readonly WhitelistEntry[];
  /** Why the entries could not be read back after a change (the change itself went through). */
  readonly entriesError?: string;
  readonly sandbox: boolean;
}

/** Whether an entry opens the service to more than one account (`*`, or a pattern with `*`). */
export const isWildcard = (account: string) => account.includes('*');

async function stateOf(
  deps: ManageDeps,
  projectId: string,
  service: EndpointService,
): Promise<WhitelistState> {
  const entries = await deps.cloud.project(projectId).listWhitelist(service.id);
  return { projectId, service, entries, sandbox: deps.sandbox };
}

/** The whitelist of the service `ref` names, or why it cannot be shown (no such service). */
export function loadWhitelist(deps: ManageDeps, ref: string): Promise<WhitelistState | Refusal> {
  return refusedOr(async () => {
    const { projectId, service } = await deps.lookup.find(ref);
    return stateOf(deps, projectId, service);
  });
}

const key = (account: string) => account.toLowerCase();

/** What a change would do against the current entries: what to send, and what is already so. */
export function planChange(
  entries: readonly WhitelistEntry[],
  action: WhitelistAction,
  accounts: readonly string[],
): { send: string[]; unchanged: string[] } {
  const present = new Set(entries.map((e) => key(e.domainId)));
  const send = accounts.filter((a) => (action === 'add' ? !present.has(key(a)) : present.has(key(a))));
  return { send, unchanged: accounts.filter((a) => !send.includes(a)) };
}

export type ChangeOutcome =
  | {
      readonly kind: 'confirm';
      readonly state: WhitelistState;
      readonly send: string[];
      readonly unchanged: string[];
    }
  | {
      readonly kind: 'done';
      readonly state: WhitelistState;
      readonly action: WhitelistAction;
      readonly sent: string[];
      readonly unchanged: string[];
    };

/**
 * Sends what is not so yet (the right was checked by the caller), audits it and reads the list back;
 * `done` either way.
 */
async function applyChange(
  deps: ManageDeps,
  userId: string,
  state: WhitelistState,
  action: WhitelistAction,
  { send, unchanged }: { send: string[]; unchanged: string[] },
): Promise<ChangeOutcome> {
  const done = (after: WhitelistState): ChangeOutcome => ({
    kind: 'done',
    state: after,
    action,
    sent: send,
    unchanged,
  });
  if (send.length === 0) return done(state);
  const cloud = deps.cloud.project(state.projectId);
  await cloud.updateWhitelist(state.service.id, action, send);
  await auditChange(deps, {
    action: action === 'add' ? 'whitelist.added' : 'whitelist.removed',
    actor: userId,
    projectId: state.projectId,
    serviceId: state.service.id,
    detail: send.join(','),
  });
  deps.logger.info({ serviceId: state.service.id, action, count: send.length }, 'whitelist changed');
  try {
    return done({ ...state, entries: await cloud.listWhitelist(state.service.id) });
  } catch (err) {
    // The change went through; only the list after it is unknown.
    deps.logger.warn({ err, serviceId: state.service.id }, 'could not read the whitelist back');
    return done({ ...state, entries: [], entriesError: userMessageOf(err) });
  }
}

/**
 * `add` / `remove` from the command: checks the right first, then changes, or asks to confirm `*`; or
 * says why not.
 */
export function changeWhitelist(
  deps: ManageDeps,
  userId: string,
  request: Extract<WhitelistRequest, { kind: WhitelistAction }>,
): Promise<ChangeOutcome | Refusal> {
  return refusedOr(() => planAndChange(deps, userId, request));
}

async function planAndChange(
  deps: ManageDeps,
  userId: string,
  request: Extract<WhitelistRequest, { kind: WhitelistAction }>,
): Promise<ChangeOutcome> {
  const { projectId, service } = await findManaged(deps, userId, request.ref, 'change the whitelist of');
  const state = await stateOf(deps, projectId, service);
  const plan = planChange(state.entries, request.kind, request.accounts);
  if (request.kind === 'add' && plan.send.some(isWildcard)) {
    // The confirmation button carries the accounts; its value holds at most 2000 characters.
    if (JSON.stringify(plan.send).length > 1500)
      throw new WhitelistInputError(
        'To open the service to every account, run `/vpcep whitelist <service> add *` on its own.',
      );
    return { kind: 'confirm', state, ...plan };
  }
  return applyChange(deps, userId, state, request.kind, plan);
}

/** The confirmed `*`: checks the right again and adds what is still missing; or says why not. */
export function confirmWhitelistAdd(
  deps: ManageDeps,
  userId: string,
  projectId: string,
  serviceId: string,
  accounts: readonly string[],
  label = serviceId,
): Promise<ChangeOutcome | Refusal> {
  return refusedOr(async () => {
    const { service } = await getManaged(
      deps,
      userId,
      projectId,
      serviceId,
      'change the whitelist of',
      label,
    );
    const state = await stateOf(deps, projectId, service);
    return applyChange(deps, userId, state, 'add', planChange(state.entries, 'add', accounts));
  });
}
