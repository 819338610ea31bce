/** What `/vpcep digest` says: the channel notices when a digest is set or stopped, and its status. */
import type { KnownBlock } from '@slack/types';
import type { DigestFrequency } from '../services/manage/digest-periods.js';
import { DIGEST_HOUR_UTC } from '../services/manage/digest-periods.js';
import type { DigestSchedule, DigestStatus } from '../stores/digest-schedules.js';
import { sandboxBlocks, sandboxPrefix, slackDate } from './manage-format.js';

export interface DigestMessage {
  readonly text: string;
  readonly blocks: KnownBlock[];
}

const when = (frequency: DigestFrequency) =>
  frequency === 'daily'
    ? `every day at ${String(DIGEST_HOUR_UTC).padStart(2, '0')}:00 UTC`
    : `every Monday at ${String(DIGEST_HOUR_UTC).padStart(2, '0')}:00 UTC`;

function message(text: string, sandbox: boolean): DigestMessage {
  return {
    text: `${sandboxPrefix(sandbox)}${text.replace(/[*`]/g, '')}`,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }, ...sandboxBlocks(sandbox)],
  };
}

export function digestSetNotice(schedule: DigestSchedule, next: number, sandbox: boolean): DigestMessage {
  return message(
    `:calendar: <@${schedule.createdBy}> set up a *${schedule.frequency} digest* of the endpoint services in this channel: ${when(schedule.frequency)}, the first on ${slackDate(new Date(next).toISOString())}. \`/vpcep digest off\` stops it.`,
    sandbox,
  );
}

export function digestOffNotice(userId: string, frequency: DigestFrequency, sandbox: boolean): DigestMessage {
  return message(
    `:calendar: <@${userId}> stopped the ${frequency} digest of the endpoint services in this channel.`,
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
      ? `\n:warning: The last one (${status.period}) could not be posted: ${status.error}`
      : `\nThe last one was posted for ${status.period}.`
    : '';
  const upcoming = next ? `, next on ${slackDate(new Date(next).toISOString())}` : '';
  return `This channel gets a *${schedule.frequency} digest* (${when(schedule.frequency)}${upcoming}), set up by <@${schedule.createdBy}>.${last}\n\`/vpcep digest off\` stops it.`;
}
