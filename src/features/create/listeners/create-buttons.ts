/**
 * Buttons inside the create modal: Resume draft, Start over, Retry, Back to the form, and the choice
 * to replace a newer draft with a failed creation's values.
 */
import type { App } from '@slack/bolt';
import { z } from 'zod';
import type { Logger } from '../../../platform/logging/logger.js';
import { requestLog } from '../../../slack/request-context.js';
import type { Who } from '../flow/create-context.js';
import type { CreateFlow } from '../flow/create-flow.js';
import { problemScreen } from '../flow/open-create.js';
import type { CreateScreen } from '../flow/screens.js';
import { CREATE_ACTION } from '../views/create-ids.js';
import { showScreen, viewOf, whoOf } from './create-view-payload.js';

const actionValueSchema = z.object({ actions: z.array(z.object({ value: z.string().optional() })).min(1) });

type ButtonCase = (flow: CreateFlow, who: Who, ref: string) => Promise<CreateScreen>;

const BUTTONS: [string, ButtonCase][] = [
  [CREATE_ACTION.resume, (flow, who, ref) => flow.resume(who, ref)],
  [CREATE_ACTION.startOver, (flow, who, ref) => flow.startOver(who, ref)],
  [CREATE_ACTION.retry, (flow, who, ref) => flow.retry(who, ref === 'none' ? '' : ref)],
  [CREATE_ACTION.back, (flow, who, ref) => flow.back(who, ref)],
  [CREATE_ACTION.editRetryReplace, (flow, who, ref) => flow.editAndRetry(who, ref, { replace: true })],
];

export function registerCreateButtons(app: App, flow: CreateFlow, logger: Logger): void {
  for (const [actionId, use] of BUTTONS) {
    app.action({ action_id: actionId, type: 'block_actions' }, async ({ ack, body, client, context }) => {
      await ack();
      const log = requestLog(context, logger);
      const view = viewOf(body);
      if (!view) return;
      const ref = actionValueSchema.parse(body).actions[0]?.value ?? view.private_metadata;
      const who = whoOf(body);
      const screen = await use(flow, who, ref).catch((err: unknown) => {
        log.warn({ err, actionId }, 'create button failed');
        return problemScreen(err, ref);
      });
      await showScreen(client, { viewId: view.id, hash: view.hash }, screen, { flow, who, log });
    });
  }
}
