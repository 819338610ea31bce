/**
 * A feature is one capability (create, approvals, management, …): its `/vpcep` subcommands, its other
 * listeners and its background jobs, built from the `Core`. The composition root lists the features;
 * adding a capability does not touch the root or another feature.
 */
import type { App } from '@slack/bolt';
import type { Job } from '../redis/job-runner.js';
import type { SubcommandHandler } from '../slack/commands/subcommand.js';

export interface Feature {
  readonly name: string;
  /** `/vpcep <name>` handlers this feature answers. */
  readonly subcommands?: ReadonlyMap<string, SubcommandHandler>;
  /** Registers actions, views, options, events and custom steps. */
  register?(app: App): void;
  readonly jobs?: readonly Job[];
  /** Called on shutdown after intake stopped. */
  stop?(): Promise<void>;
}
