/** Button values of the management messages are small JSON objects; this parses one with its schema. */
import type { z } from 'zod';
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
