/** The shape of every `/vpcep <subcommand>`: declared once, by the feature that answers it. */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { ParsedCommand } from '../../domain/command-text.js';
import type { Logger } from '../../platform/logging/logger.js';

export type SubcommandArgs = SlackCommandMiddlewareArgs &
  AllMiddlewareArgs & {
    readonly parsed: ParsedCommand;
    readonly log: Logger;
  };

export type SubcommandHandler = (args: SubcommandArgs) => Promise<void>;

/** What help shows of a subcommand (DESIGN §2.3). */
export interface SubcommandSpec {
  readonly name: string;
  /** `/vpcep show <service>`: the form help shows and a wrong call is answered with. */
  readonly usage: string;
  readonly summary: string;
}

/** One `/vpcep` subcommand: its name, usage and summary (from which help is built), and its handler. */
export interface Subcommand extends SubcommandSpec {
  readonly handler: SubcommandHandler;
}

/** `<service>` is an endpoint service ID (UUID) or its name. */
export const SERVICE_REF_HINT = '`<service>` is a service ID or its name.';

/** The answer to a call without its arguments: `Usage: \`/vpcep show <service>\` (a service ID or name).` */
export function usageText(spec: Pick<SubcommandSpec, 'usage'>): string {
  return `Usage: \`${spec.usage}\`${spec.usage.includes('<service>') ? ' (a service ID or name).' : '.'}`;
}
