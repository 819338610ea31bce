/**
 * How the confirmation buttons (Delete, "Allow every account") report a failure: in place of the
 * confirmation, as their refusals do, so the message no longer offers a click that just failed.
 */
import type { ButtonArgs } from './manage-listener-args.js';

export async function replaceConfirmation({ respond }: ButtonArgs, text: string): Promise<void> {
  await respond({ replace_original: true, text });
}
