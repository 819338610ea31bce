/**
 * The service summary posted into channels (`/vpcep list`, the List services button, digests): one
 * function renders every page. A page holds at most `SUMMARY_PAGE_SIZE` services, so it stays far
 * below Slack's 50 blocks a message; Next / Previous carry the page state in their value.
 */
import type { KnownBlock } from '@slack/types';
import { z } from 'zod';
import { clip, code, escapeMrkdwn, slackDate } from '../../../domain/mrkdwn.js';
import { portMappingsInline } from '../../../domain/port-mapping-text.js';
import type { OwnerLabels } from '../usecases/owner-names.js';
import type {
  ProjectSummary,
  ServiceSummary,
  SummaryKind,
  SummaryPage,
  SummaryRequest,
} from '../usecases/service-summaries.js';
import {
  approvalText,
  backendText,
  displayName,
  type ManageMessage,
  ownerNamesText,
  pagerBlocks,
  quotaText,
  sandboxBlocks,
  sandboxPrefix,
  section,
  statusText,
} from './manage-format.js';
import { LIST_PAGE_ACTION } from './manage-ids.js';

/** What Next / Previous carry: kind, filter and the page to show. */
export const listPageStateSchema = z.object({
  k: z.enum(['list', 'daily', 'weekly']),
  f: z.string().max(200).optional(),
  p: z.number().int().min(0),
});
export type ListPageState = z.infer<typeof listPageStateSchema>;

export function encodeListPage(state: ListPageState): string {
  return JSON.stringify(state);
}

/** The page a Next / Previous button asks for. */
export function summaryRequestOf(state: ListPageState): SummaryRequest {
  return { kind: state.k, filter: state.f, page: state.p };
}

/** Mappings a service's summary lists before "…and N more": `/vpcep show` lists them all. */
const MAX_LISTED_PORTS = 8;

const TITLES: Record<SummaryKind, string> = {
  list: 'Endpoint services',
  daily: 'Daily digest: endpoint services',
  weekly: 'Weekly digest: endpoint services',
};

function projectLine(p: ProjectSummary): string {
  return `*${escapeMrkdwn(p.project.label)}* (${escapeMrkdwn(p.project.region)}, project ${code(p.project.projectId)}): ${quotaText(p.quota)}`;
}

function projectHeading(p: ProjectSummary): string {
  return `:file_folder: *${escapeMrkdwn(p.project.label)}* · ${p.matching} service${p.matching === 1 ? '' : 's'}`;
}

function overview(page: SummaryPage): string {
  const count = `*${page.total}* service${page.total === 1 ? '' : 's'}`;
  const filter = page.filter ? ` matching \`${escapeMrkdwn(page.filter)}\`` : '';
  const paging = page.pageCount > 1 ? ` · page ${page.page + 1} of ${page.pageCount}` : '';
  const single = page.projects.length === 1 ? page.projects[0] : undefined;
  const where = single ? `${projectLine(single)} · ` : '';
  return `${where}${count}${filter}${paging}`;
}

function connectionsLine(s: ServiceSummary): string {
  const c = s.connections;
  if (!c) return 'Connections: _unavailable right now_';
  const creating = c.creating > 0 ? ` · ${c.creating} being created` : '';
  return `Connections: *${c.pending}* pending · *${c.accepted}* accepted${creating}`;
}

function serviceBlock(s: ServiceSummary, ownersUnavailable: boolean, labels: OwnerLabels): KnownBlock {
  const { service } = s;
  const lines = [
    `*${escapeMrkdwn(displayName(service))}* · ${code(service.id)}`,
    `${statusText(service.status)} · Backend: ${backendText(service.serverType)} · Approval: ${approvalText(service.approvalEnabled)}`,
    `Port Mapping: ${portMappingsInline(service.ports, MAX_LISTED_PORTS)}`,
    connectionsLine(s),
    `Owners: ${ownersUnavailable ? '_unavailable right now_' : ownerNamesText(s.owners, labels)}`,
  ];
  return section(lines.join('\n'));
}

function navigation(page: SummaryPage): KnownBlock[] {
  return pagerBlocks('manage_list_page_block', LIST_PAGE_ACTION, page, (to) =>
    encodeListPage({ k: page.kind, ...(page.filter ? { f: page.filter } : {}), p: to }),
  );
}

function emptyText(page: SummaryPage): string {
  if (page.filter) return `No endpoint service matches \`${escapeMrkdwn(page.filter)}\`.`;
  return 'No endpoint services yet. Create one with `/vpcep create`.';
}

/** Services of the page, with a project heading before each project's group when there are several. */
function serviceBlocks(page: SummaryPage): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  const several = page.projects.length > 1;
  let lastProject: string | undefined;
  page.services.forEach((s, i) => {
    if (several && s.projectId !== lastProject) {
      const project = page.projects.find((p) => p.project.projectId === s.projectId);
      if (project) blocks.push(section(projectHeading(project)));
      lastProject = s.projectId;
    } else if (i > 0) blocks.push({ type: 'divider' });
    blocks.push(serviceBlock(s, page.ownersUnavailable, page.ownerLabels));
  });
  return blocks;
}

function fallbackText(page: SummaryPage): string {
  const quotas = page.projects
    .filter((p) => p.quota)
    .map(
      (p) =>
        `${page.projects.length > 1 ? `${escapeMrkdwn(p.project.label)} ` : ''}${p.quota?.used}/${p.quota?.quota}`,
    );
  const quota = quotas.length ? ` (quota ${quotas.join(', ')})` : '';
  const names = page.services
    .map((s) => `${escapeMrkdwn(displayName(s.service))} (${escapeMrkdwn(s.service.status)})`)
    .join(', ');
  const paging = page.pageCount > 1 ? `, page ${page.page + 1} of ${page.pageCount}` : '';
  const list = names ? `: ${names}` : '';
  return clip(
    `${sandboxPrefix(page.sandbox)}${TITLES[page.kind]}: ${page.total} service${page.total === 1 ? '' : 's'}${quota}${paging}${list}`,
    3000,
  );
}

/** Renders one page of the summary; `generatedAt` is shown as "as of". */
export function serviceSummaryMessage(page: SummaryPage, generatedAt: Date): ManageMessage {
  const single = page.projects.length === 1 ? page.projects[0] : undefined;
  const title = single ? `${TITLES[page.kind]} · ${single.project.label}` : TITLES[page.kind];
  const several = page.projects.length > 1;
  const projectLines = several ? page.projects.map(projectLine) : [];
  const errors = page.projects
    .filter((p) => p.error)
    .map(
      (p) =>
        `:warning: Could not list the services of *${escapeMrkdwn(p.project.label)}*: ${escapeMrkdwn(p.error ?? '')}`,
    );
  const errorBlocks = errors.length ? [section(errors.join('\n'))] : [];
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(title, 150) } },
    ...sandboxBlocks(page.sandbox),
    section([overview(page), ...projectLines].join('\n')),
    ...errorBlocks,
    ...(page.services.length === 0 ? [section(emptyText(page))] : serviceBlocks(page)),
    ...navigation(page),
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `As of ${slackDate(generatedAt.getTime())} · \`/vpcep show <service>\` for details`,
        },
      ],
    },
  ];
  return { text: fallbackText(page), blocks };
}

/** The summary the bot could not post, shown only to the person who asked, with why. */
export function unpostedSummary(message: ManageMessage, refused: string): ManageMessage {
  return summaryWithNote(message, `:warning: ${refused}\nHere is the summary, visible only to you:`);
}

/** The same message with a note on top (e.g. why it is shown only to you). */
export function summaryWithNote(message: ManageMessage, note: string): ManageMessage {
  return {
    text: clip(`${note}\n${message.text}`, 3000),
    blocks: [section(note), ...message.blocks],
  };
}
