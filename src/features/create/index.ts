/**
 * `/vpcep create` (issue 4): the modal, its drafts, the review and the creation. Wires the create
 * stores and use cases on the shared core, registers their listeners, and runs the job that resumes
 * creations a restart interrupted.
 */
import type { App } from '@slack/bolt';
import type { Core } from '../../core/core.js';
import type { Feature } from '../../core/feature.js';
import { createCreationNotifier } from './creation/creation-notifier.js';
import { creationResumerJob } from './creation/creation-resumer.js';
import { createCreationRunner, type RunnerTiming } from './creation/creation-runner.js';
import { createCreateFlow } from './flow/create-flow.js';
import { createSlackDirectory } from './flow/owner-checks.js';
import { createResourceCatalog } from './flow/resource-catalog.js';
import { createUsergroupCatalog } from './flow/usergroup-catalog.js';
import { registerCreateButtons } from './listeners/create-buttons.js';
import { registerCreateClosed } from './listeners/create-closed.js';
import { createSubcommand } from './listeners/create-command.js';
import { registerCreateEditRetry } from './listeners/create-edit-retry.js';
import { registerCreateFormChange } from './listeners/create-form-change.js';
import { registerCreateFormSubmit } from './listeners/create-form-submit.js';
import { registerCreateReviewSubmit } from './listeners/create-review-submit.js';
import { registerCreateOptions } from './listeners/create-suggestions.js';
import { createAttempts } from './store/create-attempts.js';
import { createCreateCache } from './store/create-cache.js';
import { createDrafts } from './store/drafts.js';

/** Knobs with production defaults (tests need none). */
export interface CreateServiceOptions {
  readonly timing?: Partial<RunnerTiming>;
  readonly resumeIntervalMs?: number;
  /** How long a form submission waits for the review's cloud checks before acking without them. */
  readonly reviewBudgetMs?: number;
}

export function createServiceFeature(core: Core, options: CreateServiceOptions = {}): Feature {
  const logger = core.logger.child({ feature: 'create' });
  const cache = createCreateCache(core.redis, core.keys, logger);
  const drafts = createDrafts(core.redis, core.keys);
  const attempts = createAttempts(core.redis, core.keys);
  const notifier = createCreationNotifier({
    slack: core.slack,
    drafts,
    poster: core.poster,
    sandbox: core.sandbox,
    logger,
    admins: core.config.access.admins,
  });
  const runner = createCreationRunner({
    cloud: core.cloud,
    attempts,
    drafts,
    records: core.records,
    permissions: core.permissions,
    audit: core.audit,
    notifier,
    logger,
    instanceId: core.instanceId,
    ...(options.timing ? { timing: options.timing } : {}),
  });
  const flow = createCreateFlow(
    {
      cloud: core.cloud,
      projects: core.cloud.projects,
      permissions: core.permissions,
      drafts,
      attempts,
      catalog: createResourceCatalog(core.cloud, cache),
      groups: createUsergroupCatalog(core.slack, cache),
      directory: createSlackDirectory(core.slack, cache, logger),
      runner,
      logger,
      reviewBudgetMs: options.reviewBudgetMs ?? 1200,
    },
    core.sandbox,
  );
  return {
    name: 'create-service',
    subcommands: new Map([['create', createSubcommand(flow)]]),
    register(app: App) {
      registerCreateFormChange(app, flow, logger);
      registerCreateButtons(app, flow, logger);
      registerCreateEditRetry(app, flow, logger);
      registerCreateOptions(app, flow, logger);
      registerCreateFormSubmit(app, flow, logger);
      registerCreateReviewSubmit(app, flow, logger);
      registerCreateClosed(app, flow, logger);
    },
    jobs: [
      creationResumerJob({
        attempts,
        runner,
        ...(options.resumeIntervalMs ? { intervalMs: options.resumeIntervalMs } : {}),
      }),
    ],
    stop: () => runner.stop(),
  };
}
