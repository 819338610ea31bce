/**
 * The project's error base: a stable `code`, a message a person in Slack can act on (`userMessage`), and
 * whether trying again may help. Adapters (Redis, cloud, Slack) translate vendor errors into subclasses;
 * listeners turn them into replies; `app.error()` is the last resort.
 */
export interface AppErrorOptions {
  /** What the person in Slack reads: the cause and what to do. Never contains secrets. */
  userMessage: string;
  retryable?: boolean;
  cause?: unknown;
}

export class AppError extends Error {
  readonly userMessage: string;
  readonly retryable: boolean;

  constructor(
    readonly code: string,
    message: string,
    options: AppErrorOptions,
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.userMessage = options.userMessage;
    this.retryable = options.retryable ?? false;
  }
}

/** Redis could not be reached or answered too slowly. Nothing was changed. */
export class StateUnavailableError extends AppError {
  constructor(cause?: unknown) {
    super('STATE_UNAVAILABLE', 'Redis is unavailable', {
      userMessage:
        'The bot cannot reach its state store (Redis) right now, so nothing was changed. Please try again in a minute; if it persists, ask the bot operators to check Redis.',
      retryable: true,
      cause,
    });
  }
}

/** The caller lacks the right for an action. */
export class ForbiddenError extends AppError {
  constructor(message: string) {
    super('FORBIDDEN', message, { userMessage: message });
  }
}

/** A user-facing message for any thrown value. */
export function userMessageOf(error: unknown): string {
  if (error instanceof AppError) return error.userMessage;
  return 'Something went wrong on the bot side; nothing was lost. Please try again, and tell the bot operators if it keeps happening.';
}
