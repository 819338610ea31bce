/**
 * What listeners receive from the composition root. Listeners are adapters: they read from here, call a
 * service, render with `ui/`, and answer. Later features add their services to this bag.
 */
import type { Config } from '../config/config-types.js';
import type { Logger } from '../logging/logger.js';
import type { Metrics } from '../observability/metrics.js';

export interface ListenerDeps {
  readonly config: Config;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** True when the cloud is the embedded sandbox: whatever the bot posts then says so. */
  readonly sandbox: boolean;
}
