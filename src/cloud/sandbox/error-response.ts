/** Turns what a handler throws into the emulator's answer. */
import { ZodError } from 'zod';
import type { Logger } from '../../platform/logging/logger.js';
import { CloudError } from '../errors.js';
import type { ApiResponse } from './router.js';
import { defaultErrorFor, OtcHttpError } from './sandbox-wire.js';

/** The answer for anything a handler throws; unexpected errors are logged and answered 500. */
export function errorResponse(error: unknown, logger: Logger): ApiResponse {
  if (error instanceof OtcHttpError) return { status: error.status, body: error.body };
  // The admin routes call SandboxControl, which reports refusals as cloud errors.
  if (error instanceof CloudError) {
    return { status: error.status ?? 500, body: { error_code: error.otcCode, error_msg: error.otcMessage } };
  }
  if (error instanceof ZodError)
    return { status: 400, body: { error: 'invalid admin request', issues: error.issues } };
  logger.error({ err: error }, 'sandbox handler failed');
  const { code, message } = defaultErrorFor(500);
  return { status: 500, body: { error_code: code, error_msg: message } };
}
