/**
 * Button values of the management messages are small JSON objects, encoded by the views beside their
 * schemas; this reads one back with its schema.
 */
import type { z } from 'zod';
import { cloudIdErrorOf } from '../../../cloud/cloud-ids.js';
import { AppError } from '../../../platform/errors/app-error.js';

export class BadActionValueError extends AppError {
  constructor(cause: unknown) {
    super('MANAGE_BAD_ACTION_VALUE', 'a button value could not be read', {
      userMessage:
        'I could not read that button (it may come from an older version of the bot). Run the command again.',
      cause,
    });
  }
}

/** Parses a button value; a cloud ID that is not one is refused as such, before any cloud call. */
export function parseJsonValue<T extends z.ZodType>(schema: T, value: string | undefined): z.infer<T> {
  try {
    return schema.parse(JSON.parse(value ?? ''));
  } catch (err) {
    throw cloudIdErrorOf(err) ?? new BadActionValueError(err);
  }
}
