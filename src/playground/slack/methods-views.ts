/**
 * views.open, views.push, views.update, views.publish: limit checks first, then trigger ids (3 s, single
 * use), stacks (max 3), `hash` conflicts and `external_id` uniqueness.
 */
import { checkView, limitResponse } from './block-kit-limits.js';
import type { SlackResponse } from './emulator-types.js';
import { argObject, argString, fail, type MethodHandler, ok } from './method-kit.js';
import type { FakeSlackState } from './state.js';

function duplicateExternalId(state: FakeSlackState, view: Record<string, unknown>, selfId?: string): boolean {
  const externalId =
    typeof view.external_id === 'string' && view.external_id !== '' ? view.external_id : undefined;
  const holder = externalId ? state.views.byExternalId(externalId) : undefined;
  return holder !== undefined && holder.id !== selfId;
}

function answer(result: Record<string, unknown> | string): SlackResponse {
  return typeof result === 'string' ? fail(result) : ok({ view: result });
}

/** views.open and views.push share their checks: valid modal, unique external_id, a live trigger. */
function withTrigger(
  place: (
    state: Parameters<MethodHandler>[0]['state'],
    view: Record<string, unknown>,
    context: { userId?: string; viewId?: string },
  ) => Record<string, unknown> | string,
): MethodHandler {
  return ({ args, state }) => {
    const failure = checkView(args.view, 'modal');
    if (failure) return limitResponse(failure);
    const view = argObject(args, 'view') ?? {};
    if (duplicateExternalId(state, view)) return fail('duplicate_external_id');
    const trigger = state.triggers.redeem(args.trigger_id ?? args.interactivity_pointer);
    if ('error' in trigger) return fail(trigger.error);
    return answer(place(state, view, trigger.context));
  };
}

const open = withTrigger((state, view, context) => state.views.open(view, context.userId));
const push = withTrigger((state, view, context) => state.views.push(view, context.userId, context.viewId));

const update: MethodHandler = ({ args, state }) => {
  const viewId = argString(args, 'view_id');
  const externalId = argString(args, 'external_id');
  if (!viewId && !externalId) return fail('invalid_arguments', 'view_id or external_id is required');
  const current = viewId ? state.views.get(viewId) : state.views.byExternalId(externalId ?? '');
  if (!current) return fail('not_found');
  const failure = checkView(args.view, current.type === 'home' ? 'home' : 'modal');
  if (failure) return limitResponse(failure);
  const view = argObject(args, 'view') ?? {};
  if (duplicateExternalId(state, view, current.id)) return fail('duplicate_external_id');
  return answer(state.views.update(current.id, view, argString(args, 'hash')));
};

const publish: MethodHandler = ({ args, state }) => {
  const userId = argString(args, 'user_id');
  if (!userId) return fail('invalid_arguments', 'user_id is required');
  if (!state.directory.user(userId)) return fail('user_not_found');
  const failure = checkView(args.view, 'home');
  if (failure) return limitResponse(failure);
  return answer(state.views.publish(userId, argObject(args, 'view') ?? {}, argString(args, 'hash')));
};

/** Handlers of the `views.*` methods. */
export const VIEW_METHODS: Readonly<Record<string, MethodHandler>> = {
  'views.open': open,
  'views.push': push,
  'views.update': update,
  'views.publish': publish,
};
