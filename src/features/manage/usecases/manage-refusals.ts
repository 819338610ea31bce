/**
 * A request the bot turns down with its reason (no right, connections in the way, already deleting, no
 * such service, bad input) is an answer, not a failure: the use case returns it as a `Refusal`, which
 * the listener shows as it is, in place of what the request would have shown. Anything else (the cloud
 * or Redis failing) is thrown on to the listener's one error path.
 */
import { NotFoundError } from '../../../cloud/errors.js';
import { AmbiguousServiceError, ServiceNotFoundError } from '../../../cloud/service-lookup.js';
import { AppError, ForbiddenError, userMessageOf } from '../../../platform/errors/app-error.js';

export interface Refusal {
  readonly kind: 'refused';
  /** What the person reads: the reason and what to do. */
  readonly text: string;
  /** The error it came from, for the log. */
  readonly cause: unknown;
}

/** A refusal raised by a management use case; its message is what the person reads. */
export class ManageRefusedError extends AppError {
  constructor(code: string, message: string) {
    super(code, message, { userMessage: message });
  }
}

/** Whether `err` turns the request down (rather than failing it). */
function isRefusal(err: unknown): boolean {
  return (
    err instanceof ManageRefusedError ||
    err instanceof ForbiddenError ||
    err instanceof ServiceNotFoundError ||
    err instanceof AmbiguousServiceError ||
    err instanceof NotFoundError
  );
}

/**
 * Runs `work`; an error `which` accepts (refusals by default) becomes a `Refusal` with its user message,
 * any other is thrown on.
 */
export async function refusedOr<T>(
  work: () => Promise<T>,
  which: (err: unknown) => boolean = isRefusal,
): Promise<T | Refusal> {
  try {
    return await work();
  } catch (err) {
    if (!which(err)) throw err;
    return { kind: 'refused', text: userMessageOf(err), cause: err };
  }
}

/** Every error, as a refusal: for screens that show any problem in place (a modal, the Home tab). */
export const anyError = (): boolean => true;

export function isRefused<T>(outcome: T | Refusal): outcome is Refusal {
  return (outcome as { kind?: unknown }).kind === 'refused';
}
