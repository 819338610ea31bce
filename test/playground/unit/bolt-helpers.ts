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

export { until } from '../../helpers/eventually.js';
