/**
 * Small pure formatters the management messages share: how a status, a backend, port mappings, owners
 * and times read in Slack, and the sandbox notice. Plain strings (mrkdwn), no blocks.
 */
import type { KnownBlock } from '@slack/types';
import type { ConnectionStatus, EndpointService, PortMapping, ServiceStatus } from '../cloud/types.js';
import type { OwnerLabels } from '../services/manage/owner-names.js';
import type { Owners } from '../stores/service-records.js';
import { clip as clipText, slackDate as dateToken, escapeMrkdwn } from './text.js';

export const SANDBOX_NOTE =
  ':test_tube: *Sandbox* cloud: these endpoint services are emulated, nothing here is a real resource.';

/** The notice every management message carries in sandbox mode, as a context block. */
export function sandboxBlocks(sandbox: boolean): KnownBlock[] {
  return sandbox ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: SANDBOX_NOTE }] }] : [];
}

/** Prefix of the text fallback in sandbox mode. */
export function sandboxPrefix(sandbox: boolean): string {
  return sandbox ? '[sandbox] ' : '';
}

const STATUS_EMOJI: Record<ServiceStatus, string> = {
  available: ':large_green_circle:',
  creating: ':hourglass_flowing_sand:',
  failed: ':red_circle:',
  deleting: ':wastebasket:',
};

export function statusText(status: ServiceStatus): string {
  return `${STATUS_EMOJI[status]} ${status}`;
}

const CONNECTION_LABEL: Record<ConnectionStatus, string> = {
  pendingAcceptance: 'pending approval',
  creating: 'being created',
  accepted: 'accepted',
  rejected: 'rejected',
  failed: 'failed',
  deleting: 'being deleted',
};

export function connectionStatusText(status: ConnectionStatus): string {
  return CONNECTION_LABEL[status];
}

/** The console's name of the backend type. */
export function backendText(serverType: EndpointService['serverType']): string {
  switch (serverType) {
    case 'LB':
      return 'Elastic load balancer';
    case 'VM':
      return 'ECS';
    case 'BMS':
      return 'BMS (deprecated)';
    case 'VIP':
      return 'VIP (deprecated)';
  }
}

export function approvalText(approvalEnabled: boolean): string {
  return approvalEnabled ? 'required' : 'not required (connections are accepted at once)';
}

/** `service:terminal` pairs as in the create form; the first `max`, then "+N more". */
export function portsText(ports: readonly PortMapping[], max = 8): string {
  if (ports.length === 0) return '_none_';
  const shown = ports.slice(0, max).map((p) => `\`${p.serverPort}:${p.clientPort}\``);
  const more = ports.length > max ? ` +${ports.length - max} more` : '';
  return `${shown.join(' ')}${more}`;
}

/** Mentions of the owners (users, then groups), or a note that none are recorded. */
export function ownersText(owners: Owners | undefined, max = 10): string {
  const mentions = [
    ...(owners?.users ?? []).map((u) => `<@${u}>`),
    ...(owners?.groups ?? []).map((g) => `<!subteam^${g}>`),
  ];
  if (mentions.length === 0) return '_none recorded_';
  const more = mentions.length > max ? ` +${mentions.length - max} more` : '';
  return `${mentions.slice(0, max).join(', ')}${more}`;
}

/**
 * Owners as a channel post names them, without mention syntax (nobody is notified): `@name` where
 * the name is known, else the raw ID.
 */
export function ownerNamesText(owners: Owners | undefined, labels: OwnerLabels, max = 10): string {
  const named = (id: string, label: string | undefined) => (label ? `@${escapeMrkdwn(label)}` : `\`${id}\``);
  const names = [
    ...(owners?.users ?? []).map((u) => named(u, labels.users.get(u))),
    ...(owners?.groups ?? []).map((g) => named(g, labels.groups.get(g))),
  ];
  if (names.length === 0) return '_none recorded_';
  const more = names.length > max ? ` +${names.length - max} more` : '';
  return `${names.slice(0, max).join(', ')}${more}`;
}

/** The name the user gave, else the cloud's full name. */
export function displayName(service: EndpointService): string {
  return service.name ?? service.serviceName;
}

/** A time every reader sees in their own time zone, with a UTC fallback for notifications. */
export function slackDate(iso: string | undefined): string {
  if (!iso) return 'unknown time';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return dateToken(ms);
}

/**
 * Lines grouped into sections of at most ~2900 characters, never cutting a line (one longer than
 * that alone is clipped).
 */
export function lineSections(lines: readonly string[]): KnownBlock[] {
  const sections: string[] = [];
  let current = '';
  for (const l of lines) {
    if (current && current.length + l.length + 1 > 2900) {
      sections.push(current);
      current = '';
    }
    current = current ? `${current}\n${l}` : l;
  }
  if (current) sections.push(current);
  return sections.map((text) => ({ type: 'section', text: { type: 'mrkdwn', text: clip(text) } }));
}

/** Cuts mrkdwn text to `max` characters (Slack's section text limit is 3000). */
export function clip(text: string, max = 2900): string {
  return clipText(text, max);
}

export { escapeMrkdwn as escapeText } from './text.js';
