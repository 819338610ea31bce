/** Options of the create form's `external_select`s: VPCs and backends over 100 entries, user groups. */
import type { App } from '@slack/bolt';
import { z } from 'zod';
import type { Logger } from '../../../platform/logging/logger.js';
import { requestLog } from '../../../slack/request-context.js';
import type { CreateFlow } from '../flow/create-flow.js';
import { option } from '../views/create-blocks.js';
import { CREATE_ACTION } from '../views/create-ids.js';
import { whoOf } from './create-view-payload.js';

const suggestionSchema = z.object({
  action_id: z.string(),
  block_id: z.string(),
  value: z.string().default(''),
  view: z.object({ private_metadata: z.string().default('') }).optional(),
});

const SEARCHED = [CREATE_ACTION.vpc, CREATE_ACTION.backend, CREATE_ACTION.ownerGroups];

export function registerCreateOptions(app: App, flow: CreateFlow, logger: Logger): void {
  for (const actionId of SEARCHED) {
    app.options<'block_suggestion'>(
      { action_id: actionId, type: 'block_suggestion' },
      async ({ ack, body, context }) => {
        const request = suggestionSchema.parse(body);
        const choices = await flow
          .options(whoOf(body), {
            actionId: request.action_id,
            blockId: request.block_id,
            query: request.value,
            draftRef: request.view?.private_metadata ?? '',
          })
          .catch((err: unknown) => {
            requestLog(context, logger).warn({ err }, 'create options failed');
            return [];
          });
        await ack({ options: choices.map(option) });
      },
    );
  }
}
