/**
 * What every create listener shares: who acts (parsed from the request, by immutable IDs), the view
 * an interaction came from, and showing a screen in a modal with `views.update` (the view's `hash`
 * guards against overwriting a newer state; a conflict or a closed modal is not an error).
 */
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { Logger } from '../../logging/logger.js';
import type { Who } from '../../services/create/create-context.js';
import type { CreateScreen } from '../../services/create/screens.js';
import { slackErrorCode } from '../../slack/slack-errors.js';
import { renderCreateScreen } from '../../ui/create-screen.js';

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

/** Replaces the modal `viewId` with `screen`; quiet when Slack says it changed meanwhile or closed. */
export async function showScreen(
  client: WebClient,
  target: { viewId: string; hash?: string | undefined },
  screen: CreateScreen,
  sandbox: boolean,
  log: Logger,
): Promise<void> {
  try {
    await client.views.update({
      view_id: target.viewId,
      ...(target.hash ? { hash: target.hash } : {}),
      view: renderCreateScreen(screen, sandbox),
    });
  } catch (err) {
    const code = slackErrorCode(err);
    if (code === 'hash_conflict' || code === 'not_found') {
      log.debug({ code }, 'the create modal changed or closed before the update; skipped');
      return;
    }
    log.warn({ err, screen: screen.kind }, 'could not update the create modal');
  }
}
