/**
 * Buttons inside the create modal: Resume draft, Start over, Retry, Back to the form, and the choice
 * to replace a newer draft with a failed creation's values.
 */
import { z } from 'zod';
import { guarded } from '../../../slack/replying.js';
import type { Who } from '../flow/create-context.js';
import type { CreateFlow } from '../flow/create-flow.js';
import type { CreateScreen } from '../model/screen-models.js';
import { type ClickArgs, showScreen, viewOf, whoOf } from './create-view-payload.js';

const actionValueSchema = z.object({ actions: z.array(z.object({ value: z.string().optional() })).min(1) });

/** What a button does with the draft or attempt it names (`ref`: its value, else the view's key). */
type ButtonCase = (flow: CreateFlow, who: Who, ref: string) => Promise<CreateScreen>;

/** A button that shows the screen `use` returns in the modal it was clicked in. */
function screenButton(what: string, flow: CreateFlow, use: ButtonCase) {
  return guarded(what, async ({ ack, body, client, context }: ClickArgs) => {
    await ack();
    const view = viewOf(body);
    if (!view) return;
    const ref = actionValueSchema.parse(body).actions[0]?.value ?? view.private_metadata;
    const who = whoOf(body);
    const screen = await use(flow, who, ref);
    await showScreen(client, { viewId: view.id, hash: view.hash }, screen, { flow, who, log: context.log });
  });
}

export const resumeDraftButton = (flow: CreateFlow) =>
  screenButton('resume draft', flow, (f, who, ref) => f.resume(who, ref));

export const startOverButton = (flow: CreateFlow) =>
  screenButton('start over', flow, (f, who, ref) => f.startOver(who, ref));

/** A problem view with nothing to bring back carries `none` (a button's value may not be empty). */
export const retryButton = (flow: CreateFlow) =>
  screenButton('retry', flow, (f, who, ref) => f.retry(who, ref === 'none' ? '' : ref));

export const backToFormButton = (flow: CreateFlow) =>
  screenButton('back to the form', flow, (f, who, ref) => f.back(who, ref));

export const replaceDraftButton = (flow: CreateFlow) =>
  screenButton('replace the draft', flow, (f, who, ref) => f.editAndRetry(who, ref, { replace: true }));
