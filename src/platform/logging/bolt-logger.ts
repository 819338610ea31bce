/** Adapts a pino logger to Bolt's `Logger` interface, so Bolt's own messages share our redaction. */
import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from 'pino';

const TO_PINO: Record<LogLevel, string> = {
  [LogLevel.DEBUG]: 'debug',
  [LogLevel.INFO]: 'info',
  [LogLevel.WARN]: 'warn',
  [LogLevel.ERROR]: 'error',
};

function join(messages: unknown[]): [Record<string, unknown>, string] {
  const errors = messages.filter((m): m is Error => m instanceof Error);
  const text = messages
    .filter((m) => !(m instanceof Error))
    .map((m) => (typeof m === 'string' ? m : JSON.stringify(m)))
    .join(' ');
  return [errors[0] ? { err: errors[0] } : {}, text || errors[0]?.message || ''];
}

export function boltLogger(root: Logger): BoltLogger {
  let log = root.child({ component: 'bolt' });
  return {
    // Bolt and the Web API client call debug several times per request: join nothing nobody reads.
    debug: (...m) => {
      if (log.isLevelEnabled('debug')) log.debug(...join(m));
    },
    info: (...m) => {
      if (log.isLevelEnabled('info')) log.info(...join(m));
    },
    warn: (...m) => log.warn(...join(m)),
    error: (...m) => log.error(...join(m)),
    // LOG_LEVEL governs every logger, Bolt's included; Bolt's own default (info) is ignored.
    setLevel: () => undefined,
    getLevel: () =>
      (Object.entries(TO_PINO).find(([, v]) => v === log.level)?.[0] as LogLevel) ?? LogLevel.INFO,
    setName: (name) => {
      log = root.child({ component: name });
    },
  };
}
