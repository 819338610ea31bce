/** What `/vpcep digest` says: the channel notices when a digest is set or stopped, and its status. */

import { escapeMrkdwn, slackDate, userMention } from '../../../domain/mrkdwn.js';
import type { DigestSchedule, DigestStatus } from '../store/digest-schedules.js';
import type { DigestFrequency } from '../usecases/digest-periods.js';
import { DIGEST_HOUR_UTC } from '../usecases/digest-periods.js';
import { type ManageMessage, noticeMessage } from './manage-format.js';

const when = (frequency: DigestFrequency) =>
  frequency === 'daily'
    ? `every day at ${String(DIGEST_HOUR_UTC).padStart(2, '0')}:00 UTC`
    : `every Monday at ${String(DIGEST_HOUR_UTC).padStart(2, '0')}:00 UTC`;

export function digestSetNotice(schedule: DigestSchedule, next: number, sandbox: boolean): ManageMessage {
  return noticeMessage(
    `:calendar: ${userMention(schedule.createdBy)} set up a *${schedule.frequency} digest* of the endpoint services in this channel: ${when(schedule.frequency)}, the first on ${slackDate(next)}. \`/vpcep digest off\` stops it.`,
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
    return 'This channel gets no digest. `/vpcep digest daily` or `/vpcep digest weekly` sets one up.';
  const last = status
    ? status.error
      ? `\n:warning: The last one (${status.period}) could not be posted: ${escapeMrkdwn(status.error)}`
      : `\nThe last one was posted for ${status.period}.`
    : '';
  const upcoming = next ? `, next on ${slackDate(next)}` : '';
  return `This channel gets a *${schedule.frequency} digest* (${when(schedule.frequency)}${upcoming}), set up by ${userMention(schedule.createdBy)}.${last}\n\`/vpcep digest off\` stops it.`;
}
