/**
 * The pino root logger. Every record passes the secret scrub (see redaction.ts) before it is written:
 * the record's fields, the child loggers' bindings, the message and its interpolation values.
 */
import { type DestinationStream, type Logger, pino } from 'pino';
import { CENSOR, createScrubber, REDACT_PATHS, scrubDeep } from './redaction.js';

export type { Logger } from 'pino';

export interface LoggerOptions {
  level: string;
  /** Literal secret values from the config, scrubbed wherever they appear. */
  secrets: readonly (string | undefined)[];
  /** Where to write; stdout by default. Tests pass a capturing stream. */
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions): Logger {
  const scrub = createScrubber(options.secrets);
  return pino(
    {
      name: 'vpcep-bot',
      level: options.level,
      redact: { paths: REDACT_PATHS, censor: CENSOR },
      serializers: { err: (err: unknown) => scrubDeep(err, scrub) },
      formatters: {
        bindings: (bindings) => scrubDeep(bindings, scrub) as Record<string, unknown>,
        log: (object) => scrubDeep(object, scrub) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          // The first argument, when an object, is the record (scrubbed by `formatters.log`); every
          // other argument is message text or an interpolation value, scrubbed here.
          const scrubbed = args.map((arg, index) =>
            typeof arg === 'string' ? scrub(arg) : index === 0 ? arg : scrubDeep(arg, scrub),
          );
          return method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    options.destination ?? pino.destination({ dest: 1, sync: false }),
  );
}
