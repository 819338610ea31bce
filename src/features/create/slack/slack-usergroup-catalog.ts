/**
 * The workspace's user groups for the Owner groups select (the `UsergroupCatalog` of the create flow).
 * Block Kit has no user-group picker, so the form uses an `external_select` over `usergroups.list` (a
 * Tier 2 method), cached in Redis for a few minutes for every replica.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { type Choice, fitLabel } from '../flow/resource-catalog.js';
import type { UsergroupCatalog } from '../flow/usergroup-catalog.js';
import type { CreateCache } from '../store/create-cache.js';

const CACHE_SECONDS = 300;
const LABEL_WAIT_MS = 800;

const groupsSchema = z.array(z.object({ id: z.string(), handle: z.string(), name: z.string() }));
type Group = z.infer<typeof groupsSchema>[number];

const listAnswer = z.object({
  usergroups: z
    .array(
      z.object({
        id: z.string(),
        handle: z.string().optional(),
        name: z.string().optional(),
        date_delete: z.number().optional(),
      }),
    )
    .default([]),
});

function groupChoice(group: Group): Choice {
  return { value: group.id, label: fitLabel(`@${group.handle}`, group.name ? ` (${group.name})` : '') };
}

export function createUsergroupCatalog(slack: WebClient, cache: CreateCache): UsergroupCatalog {
  const load = () =>
    cache.through('usergroups', groupsSchema, CACHE_SECONDS, async () => {
      const answer = listAnswer.parse(await slack.usergroups.list({ include_disabled: false }));
      return answer.usergroups
        .filter((g) => !g.date_delete)
        .map((g) => ({ id: g.id, handle: g.handle ?? g.id, name: g.name ?? '' }));
    });
  return {
    all: async () => (await load()).map(groupChoice),
    async labelled(ids) {
      if (ids.length === 0) return [];
      // Labels are a nicety: never wait long for them (a submission's ack may be waiting).
      const known = await Promise.race([
        load().catch(() => [] as Group[]),
        sleep(LABEL_WAIT_MS).then(() => [] as Group[]),
      ]);
      return ids.map((id) => {
        const group = known.find((g) => g.id === id);
        return group ? groupChoice(group) : { value: id, label: id };
      });
    },
  };
}
