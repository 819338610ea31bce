/** What `/vpcep digest` says: the channel notices when a digest is set or stopped, and its status. */

import { escapeMrkdwn, slackDate, userMention } from '../../../domain/mrkdwn.js';
import type { DigestSchedule, DigestStatus } from '../store/digest-schedules.js';
import {
  DEFAULT_DIGEST_TIME,
  DEFAULT_DIGEST_WEEKDAY,
  DEFAULT_DIGEST_ZONE,
  type DigestFrequency,
  type DigestTiming,
} from '../usecases/digest-periods.js';
import { type ManageMessage, noticeMessage } from './manage-format.js';

const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** `every day at 08:30 Europe/Berlin`, `every Monday at 09:00 UTC`: the zone's own wall clock. */
function when(timing: DigestTiming): string {
  const day =
    timing.frequency === 'daily'
      ? 'every day'
      : `every ${WEEKDAY_NAMES[(timing.weekday ?? DEFAULT_DIGEST_WEEKDAY) - 1] ?? 'Monday'}`;
  return `${day} at ${timing.time ?? DEFAULT_DIGEST_TIME} ${escapeMrkdwn(timing.timeZone ?? DEFAULT_DIGEST_ZONE)}`;
}

export function digestSetNotice(schedule: DigestSchedule, next: number, sandbox: boolean): ManageMessage {
  return noticeMessage(
    `:calendar: ${userMention(schedule.createdBy)} set up a *${schedule.frequency} digest* of the endpoint services in this channel: ${when(schedule)}, the first on ${slackDate(next)}. \`/vpcep digest off\` stops it.`,
    sandbox,
  );
}

export function digestOffNotice(userId: string, frequency: DigestFrequency, sandbox: boolean): ManageMessage {
  return noticeMessage(
    `:calendar: ${userMention(userId)} stopped the ${frequency} digest of the endpoint services in this channel.`,
    sandbox,
  );
}

export function digestStatusText(
  schedule: DigestSchedule | undefined,
  status: DigestStatus | undefined,
  next: number | undefined,
): string {
  if (!schedule)
    return 'This channel gets no digest. `/vpcep digest daily` or `/vpcep digest weekly` sets one up (at 09:00 UTC, or at your time: `/vpcep digest daily 08:30 Europe/Berlin`).';
  const last = status
    ? status.error
      ? `\n:warning: The last one (${status.period}) could not be posted: ${escapeMrkdwn(status.error)}`
      : `\nThe last one was posted for ${status.period}.`
    : '';
  const upcoming = next ? `, next on ${slackDate(next)}` : '';
  return `This channel gets a *${schedule.frequency} digest* (${when(schedule)}${upcoming}), set up by ${userMention(schedule.createdBy)}.${last}\n\`/vpcep digest off\` stops it.`;
}
