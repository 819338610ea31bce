/**
 * A feature is one capability (create, approvals, management, …): its `/vpcep` subcommands, its other
 * listeners and its background jobs, built from the `Core`. The composition root lists the features;
 * adding a capability does not touch the root or another feature.
 */

import type { Job } from '../redis/job-runner.js';
import type { Subcommand } from '../slack/commands/subcommand.js';
import type { Routes } from '../slack/dispatcher.js';

export interface Feature {
  readonly name: string;
  /** The `/vpcep` subcommands this feature answers, each declared once (help is built from them). */
  readonly subcommands?: readonly Subcommand[];
  /** Registers actions, views, options, events and custom steps: the feature's one table. */
  register?(routes: Routes): void;
  readonly jobs?: readonly Job[];
  /** Called on shutdown after intake stopped. */
  stop?(): Promise<void>;
}
