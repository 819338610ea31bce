/**
 * `/vpcep create` (issue 4): the modal, its drafts, the review and the creation. Wires the create
 * stores and use cases on the shared core, registers their listeners, and runs the job that resumes
 * creations a restart interrupted.
 */

import type { Core } from '../../core/core.js';
import type { Feature } from '../../core/feature.js';
import type { Routes } from '../../slack/dispatcher.js';
import { createCreationNotifier } from './creation/creation-notifier.js';
import { creationResumerJob } from './creation/creation-resumer.js';
import { createCreationRunner, type RunnerTiming } from './creation/creation-runner.js';
import { createCreateFlow } from './flow/create-flow.js';
import { resumablePolicy } from './flow/draft-policy.js';
import { createResourceCatalog } from './flow/resource-catalog.js';
import {
  backToFormButton,
  replaceDraftButton,
  resumeDraftButton,
  retryButton,
  startOverButton,
} from './listeners/create-buttons.js';
import { formClosedHandler } from './listeners/create-closed.js';
import { createSubcommand } from './listeners/create-command.js';
import { editRetryHandler } from './listeners/create-edit-retry.js';
import { formChangeHandler } from './listeners/create-form-change.js';
import { formSubmitHandler } from './listeners/create-form-submit.js';
import { reviewSubmitHandler } from './listeners/create-review-submit.js';
import { backendOptions, ownerGroupOptions, vpcOptions } from './listeners/create-suggestions.js';
import { createSlackCreationNotices } from './slack/slack-creation-notices.js';
import { createSlackDirectory } from './slack/slack-directory.js';
import { createUsergroupCatalog } from './slack/slack-usergroup-catalog.js';
import { createAttempts } from './store/create-attempts.js';
import { createCreateCache } from './store/create-cache.js';
import { createDrafts } from './store/drafts.js';
import { CREATE_ACTION, CREATE_VIEW } from './views/create-ids.js';

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
  const drafts = createDrafts(core.redis, core.keys, resumablePolicy(core.cloud.projects));
  const attempts = createAttempts(core.redis, core.keys);
  const notifier = createCreationNotifier({
    notices: createSlackCreationNotices({
      slack: core.slack,
      poster: core.poster,
      sandbox: core.sandbox,
      logger,
    }),
    drafts,
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
    subcommands: [
      {
        name: 'create',
        usage: '/vpcep create',
        summary: 'Create a VPC endpoint service (opens a form; resumes your draft)',
        handler: createSubcommand(flow),
      },
    ],
    /** Every listener of the create flow, by the id of what Slack sends. */
    register(routes: Routes) {
      // A change of what other inputs depend on re-renders the form.
      routes.action(CREATE_ACTION.region, formChangeHandler(flow));
      routes.action(CREATE_ACTION.vpc, formChangeHandler(flow));
      routes.action(CREATE_ACTION.backendType, formChangeHandler(flow));
      routes.action(CREATE_ACTION.resume, resumeDraftButton(flow));
      routes.action(CREATE_ACTION.startOver, startOverButton(flow));
      routes.action(CREATE_ACTION.retry, retryButton(flow));
      routes.action(CREATE_ACTION.back, backToFormButton(flow));
      routes.action(CREATE_ACTION.editRetryReplace, replaceDraftButton(flow));
      routes.action(CREATE_ACTION.editRetry, editRetryHandler(flow));
      routes.options(CREATE_ACTION.vpc, vpcOptions(flow));
      routes.options(CREATE_ACTION.backend, backendOptions(flow));
      routes.options(CREATE_ACTION.ownerGroups, ownerGroupOptions(flow));
      routes.view(CREATE_VIEW.form, formSubmitHandler(flow));
      routes.view(CREATE_VIEW.review, reviewSubmitHandler(flow));
      routes.viewClosed(CREATE_VIEW.form, formClosedHandler(flow));
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
