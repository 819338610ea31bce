/**
 * "Edit and retry" on a failed creation: reopens its draft in the form, in the modal it was clicked in
 * or, from the result message, in a new modal (loading first, inside the trigger's 3 s).
 */
import type { App } from '@slack/bolt';
import { z } from 'zod';
import type { Logger } from '../../../platform/logging/logger.js';
import { requestLog } from '../../../slack/request-context.js';
import type { CreateFlow } from '../flow/create-flow.js';
import { problemScreen } from '../flow/open-create.js';
import { CREATE_ACTION } from '../views/create-ids.js';
import { createLoadingView } from '../views/create-screen.js';
import { showScreen, viewOf, whoOf } from './create-view-payload.js';

const clickSchema = z.object({
  trigger_id: z.string(),
  actions: z.array(z.object({ value: z.string() })).min(1),
});

export function registerCreateEditRetry(app: App, flow: CreateFlow, logger: Logger): void {
  app.action(
    { action_id: CREATE_ACTION.editRetry, type: 'block_actions' },
    async ({ ack, body, client, context }) => {
      await ack();
      const log = requestLog(context, logger);
      const click = clickSchema.parse(body);
      const view = viewOf(body);
      let target = view ? { viewId: view.id, hash: view.hash } : undefined;
      if (!target) {
        try {
          const opened = await client.views.open({
            trigger_id: click.trigger_id,
            view: createLoadingView(flow.sandbox),
          });
          target = { viewId: opened.view?.id ?? '', hash: opened.view?.hash };
        } catch (err) {
          log.warn({ err }, 'could not open the modal for Edit and retry');
          return;
        }
      }
      const attemptRef = click.actions[0]?.value ?? '';
      const who = whoOf(body);
      const screen = await flow.editAndRetry(who, attemptRef).catch((err: unknown) => {
        log.warn({ err }, 'Edit and retry failed');
        return problemScreen(err);
      });
      await showScreen(client, target, screen, { flow, who, log });
    },
  );
}
