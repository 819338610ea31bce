/** The `/vpcep help` answer: every subcommand with its usage. */
import type { KnownBlock } from '@slack/types';
import { SERVICE_REF_HINT, type SubcommandSpec } from '../../domain/subcommand-spec.js';

export interface HelpMessage {
  text: string;
  blocks: KnownBlock[];
}

export function helpMessage(
  commands: readonly SubcommandSpec[],
  options: { sandbox: boolean; note?: string },
): HelpMessage {
  const lines = commands.map((c) => `\`${c.usage}\` — ${c.summary}`);
  const intro = options.sandbox
    ? '*vpcep-bot* manages OTC VPC endpoint services from Slack. :test_tube: Running against the *sandbox* cloud (no real resources).'
    : '*vpcep-bot* manages OTC VPC endpoint services from Slack.';
  const text = [options.note, intro, ...lines, SERVICE_REF_HINT].filter(Boolean).join('\n');
  const blocks: KnownBlock[] = [
    ...(options.note
      ? [{ type: 'section', text: { type: 'mrkdwn', text: options.note } } as KnownBlock]
      : []),
    { type: 'section', text: { type: 'mrkdwn', text: intro } },
    { type: 'section', text: { type: 'mrkdwn', text: lines.join('\n') } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: SERVICE_REF_HINT }] },
  ];
  return { text, blocks };
}
