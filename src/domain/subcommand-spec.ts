/** What help and a wrong call show of a `/vpcep` subcommand: pure text, declared once by its feature. */

/** What help shows of a subcommand (DESIGN §2.3). */
export interface SubcommandSpec {
  readonly name: string;
  /** `/vpcep show <service>`: the form help shows and a wrong call is answered with. */
  readonly usage: string;
  readonly summary: string;
  /** A fuller answer to a wrong call than `usage` alone (what each form does), after "Usage: ". */
  readonly details?: string;
}

/** `<service>` is an endpoint service ID (UUID) or its name. */
export const SERVICE_REF_HINT = '`<service>` is a service ID or its name.';

/** The answer to a call without its arguments: `Usage: \`/vpcep show <service>\` (a service ID or name).` */
export function usageText(spec: Pick<SubcommandSpec, 'usage' | 'details'>): string {
  if (spec.details) return `Usage: ${spec.details}`;
  return `Usage: \`${spec.usage}\`${spec.usage.includes('<service>') ? ' (a service ID or name).' : '.'}`;
}
