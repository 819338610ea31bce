/**
 * The one modal helper: `views.open` within the trigger's 3 s, and showing a screen in an open modal with
 * `views.update`, the way Slack allows it. The view's
 * `hash` guards against replacing a newer state: on `hash_conflict` a stale screen gives up, while the
 * newest one (the draft has not changed since it was rendered) is sent again without the hash, so two
 * quick changes never leave the modal showing the older one. The interactive client rejects
 * rate-limited calls instead of queueing them: a 429 waits its Retry-After and tries again. An update
 * Slack still refuses becomes a problem view with Retry, so a modal never stays on "Loading…".
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { View } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../platform/logging/logger.js';
import { retryAfterSeconds, slackErrorCode } from './slack-errors.js';
import { wireJson } from './wire-json.js';

/** A 429 is waited out up to this long, this many times. */
export const MAX_RETRY_AFTER_S = 10;
const MAX_RATE_RETRIES = 2;

export interface ModalTarget {
  readonly viewId: string;
  readonly hash?: string | undefined;
}

export interface ModalUpdateOptions {
  readonly log: Logger;
  /** Asked on `hash_conflict`: true when the view sent is still the newest state (send it again). */
  readonly isLatest?: (() => Promise<boolean>) | undefined;
  /** The view to show instead when Slack refuses this one (`code`: Slack's error). */
  readonly fallback?: ((code: string) => View) | undefined;
}

/** `shown`: on screen; `stale`: a newer state is there; `closed`: the modal is gone; `failed`: refused. */
export type ModalUpdateOutcome = 'shown' | 'stale' | 'closed' | 'failed';

export async function updateModal(
  client: WebClient,
  target: ModalTarget,
  view: View,
  options: ModalUpdateOptions,
): Promise<ModalUpdateOutcome> {
  const { log } = options;
  let hash = target.hash;
  let current = view;
  let rateRetries = 0;
  let resent = false;
  let fellBack = false;
  for (;;) {
    try {
      await client.views.update({
        view_id: target.viewId,
        ...(hash ? { hash } : {}),
        view: wireJson(current),
      });
      return fellBack ? 'failed' : 'shown';
    } catch (err) {
      const code = slackErrorCode(err) ?? 'unknown_error';
      if (code === 'not_found') {
        log.debug({ viewId: target.viewId }, 'the modal was closed before the update');
        return 'closed';
      }
      if (code === 'hash_conflict') {
        if (!resent && hash && options.isLatest && (await options.isLatest().catch(() => false))) {
          // Our screen is the newest state: an older one got there first. Replace it.
          log.debug(
            { viewId: target.viewId },
            'hash conflict with an older screen; sending the newest again',
          );
          resent = true;
          hash = undefined;
          continue;
        }
        log.debug({ viewId: target.viewId }, 'the modal shows a newer state; this update is dropped');
        return 'stale';
      }
      const retryAfter = retryAfterSeconds(err);
      if (
        code === 'ratelimited' &&
        retryAfter !== undefined &&
        retryAfter <= MAX_RETRY_AFTER_S &&
        rateRetries < MAX_RATE_RETRIES
      ) {
        rateRetries++;
        log.info({ retryAfter, viewId: target.viewId }, 'views.update rate limited; trying again');
        await sleep(Math.max(0, retryAfter) * 1000);
        continue;
      }
      if (!fellBack && options.fallback) {
        log.warn({ err, viewId: target.viewId }, 'Slack refused the modal update; showing a problem view');
        fellBack = true;
        current = options.fallback(code);
        continue;
      }
      log.warn({ err, viewId: target.viewId }, 'could not update the modal');
      return 'failed';
    }
  }
}

/** What `openModal` found: the open view's id and hash, or Slack's reason it is not open. */
export type ModalOpenOutcome =
  | { readonly opened: true; readonly viewId: string; readonly hash: string | undefined }
  | { readonly opened: false; readonly code: string };

/**
 * `views.open` for a trigger (valid 3 s, once). A refusal is an outcome, not an exception: the caller
 * tells the person (an `expired_trigger` means "run the command again"); nothing is retried, since a trigger
 * cannot be used twice.
 */
export async function openModal(
  client: WebClient,
  triggerId: string,
  view: View,
  log: Logger,
): Promise<ModalOpenOutcome> {
  try {
    const opened = await client.views.open({ trigger_id: triggerId, view: wireJson(view) });
    return { opened: true, viewId: opened.view?.id ?? '', hash: opened.view?.hash };
  } catch (err) {
    const code = slackErrorCode(err) ?? 'unknown_error';
    log.warn({ err, code }, 'views.open failed');
    return { opened: false, code };
  }
}
