/**
 * "Edit and retry" on a failed creation: reopens its draft in the form, in the modal it was clicked in
 * or, from the result message, in a new modal (loading first, inside the trigger's 3 s).
 */
import { z } from 'zod';
import { type ModalTarget, openModal } from '../../../slack/modal.js';
import { guarded } from '../../../slack/replying.js';
import type { CreateFlow } from '../flow/create-flow.js';
import { createLoadingView } from '../views/create-screen.js';
import { type ClickArgs, showScreen, viewOf, whoOf } from './create-view-payload.js';

const clickSchema = z.object({
  trigger_id: z.string(),
  actions: z.array(z.object({ value: z.string() })).min(1),
});

export function editRetryHandler(flow: CreateFlow) {
  return guarded('edit and retry', async ({ ack, body, client, context }: ClickArgs) => {
    await ack();
    const log = context.log;
    const click = clickSchema.parse(body);
    const view = viewOf(body);
    let target: ModalTarget | undefined = view ? { viewId: view.id, hash: view.hash } : undefined;
    if (!target) {
      // Refused (logged by openModal): the result message and its button stay for another click.
      const opened = await openModal(client, click.trigger_id, createLoadingView(flow.sandbox), log);
      if (!opened.opened) return;
      target = { viewId: opened.viewId, hash: opened.hash };
    }
    const who = whoOf(body);
    const screen = await flow.editAndRetry(who, click.actions[0]?.value ?? '');
    await showScreen(client, target, screen, { flow, who, log });
  });
}
