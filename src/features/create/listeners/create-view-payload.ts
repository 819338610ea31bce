/**
 * What every create listener shares: the arguments Bolt hands it, who acts (parsed from the request,
 * by immutable IDs), the view an interaction came from, and showing a screen in a modal with
 * `views.update` (see `slack/modal.ts`: the hash guards against overwriting a newer state, the newest
 * screen wins a conflict, a 429 is waited out, a refused update becomes a problem view with Retry).
 */
import type {
  AllMiddlewareArgs,
  BlockAction,
  SlackActionMiddlewareArgs,
  SlackOptionsMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewClosedAction,
  ViewSubmitAction,
} from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { Logger } from '../../../platform/logging/logger.js';
import type { AppContext } from '../../../slack/app-context.js';
import { type ModalTarget, updateModal } from '../../../slack/modal.js';
import type { Who } from '../flow/create-context.js';
import type { CreateFlow } from '../flow/create-flow.js';
import { type CreateScreen, refusedScreen } from '../model/screen-models.js';
import { renderCreateScreen } from '../views/create-screen.js';

/** A button or select in a create modal or message. */
export type ClickArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs<AppContext>;
/** A create modal submitted. */
export type SubmitArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs<AppContext>;
/** A create modal closed. */
export type ClosedArgs = SlackViewMiddlewareArgs<ViewClosedAction> & AllMiddlewareArgs<AppContext>;
/** An `external_select` of the create form asking for its options. */
export type SuggestionArgs = SlackOptionsMiddlewareArgs<'block_suggestion'> & AllMiddlewareArgs<AppContext>;

const bodyUserSchema = z.object({
  user: z.object({ id: z.string(), team_id: z.string().optional() }),
  team: z.object({ id: z.string() }).nullable().optional(),
});

/** The person acting, from an interaction payload. */
export function whoOf(body: unknown): Who {
  const parsed = bodyUserSchema.parse(body);
  return { teamId: parsed.team?.id ?? parsed.user.team_id ?? '', userId: parsed.user.id };
}

export const viewRefSchema = z
  .object({
    id: z.string(),
    hash: z.string().optional(),
    private_metadata: z.string().default(''),
    state: z.object({ values: z.unknown() }).optional(),
    blocks: z
      .array(z.object({ type: z.string(), block_id: z.string().optional() }).passthrough())
      .default([]),
  })
  .transform(({ blocks, ...view }) => ({
    ...view,
    /** The block_ids of the view's input blocks (where inline errors can show). */
    inputBlockIds: blocks.flatMap((b) => (b.type === 'input' && b.block_id ? [b.block_id] : [])),
  }));
export type ViewRef = z.infer<typeof viewRefSchema>;

/** The view an interaction came from, if it came from one. */
export function viewOf(body: unknown): ViewRef | undefined {
  const parsed = z.object({ view: viewRefSchema.optional() }).safeParse(body);
  return parsed.success ? parsed.data.view : undefined;
}

/** What showing a screen needs besides the client: the flow (is it still the newest?), who, a logger. */
export interface ShowContext {
  readonly flow: CreateFlow;
  readonly who: Who;
  readonly log: Logger;
}

/** Replaces the modal `target` with `screen`. Never throws. */
export async function showScreen(
  client: WebClient,
  target: ModalTarget,
  screen: CreateScreen,
  ctx: ShowContext,
): Promise<void> {
  const render = (shown: CreateScreen) => renderCreateScreen(shown, ctx.flow.sandbox);
  await updateModal(client, target, render(screen), {
    log: ctx.log,
    isLatest: () => ctx.flow.isLatest(ctx.who, screen),
    fallback: (code) => render(refusedScreen(screen, code)),
  });
}
