/** Button values of the management messages are small JSON objects; this parses one with its schema. */
import { z } from 'zod';
import { SLACK_ID_PATTERN } from '../../domain/slack-ids.js';
import { AppError } from '../../errors/app-error.js';

export class BadActionValueError extends AppError {
  constructor(cause: unknown) {
    super('MANAGE_BAD_ACTION_VALUE', 'a button value could not be read', {
      userMessage:
        'I could not read that button (it may come from an older version of the bot). Run the command again.',
      cause,
    });
  }
}

export function parseJsonValue<T extends z.ZodType>(schema: T, value: string | undefined): z.infer<T> {
  try {
    return schema.parse(JSON.parse(value ?? ''));
  } catch (err) {
    throw new BadActionValueError(err);
  }
}

/** The List services button's value: `{"channel":"C…"}` or nothing. */
const listServicesValue = z
  .object({
    channel: z.string().regex(SLACK_ID_PATTERN).optional(),
  })
  .catch({});

/** Where the List services button posts: the channel its value names, the click's channel, or the DM. */
export function listServicesTarget(
  value: string | undefined,
  clickChannel: string | undefined,
  userId: string,
): string {
  let parsed: unknown = {};
  try {
    parsed = value ? JSON.parse(value) : {};
  } catch {
    parsed = {};
  }
  return listServicesValue.parse(parsed).channel ?? clickChannel ?? userId;
}
