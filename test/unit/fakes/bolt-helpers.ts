import { type Logger, LogLevel } from '@slack/bolt';

/** A Bolt logger that drops everything except what a test chooses to collect. */
export function silentLogger(errors: unknown[] = []): Logger {
  const noop = () => undefined;
  return {
    debug: noop,
    info: noop,
    warn: noop,
    error: (...msg: unknown[]) => {
      errors.push(msg);
    },
    setLevel: noop,
    getLevel: () => LogLevel.ERROR,
    setName: noop,
  };
}

/** Polls `check` until it returns true or `timeoutMs` passes. */
export async function until(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
