/** The workspace directory behind owners' names: `users.info` and `usergroups.list` (the `NameDirectory` port). */
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { NameDirectory } from '../usecases/owner-names.js';

const userAnswer = z.object({
  user: z.object({
    name: z.string().optional(),
    real_name: z.string().optional(),
    profile: z.object({ display_name: z.string().optional(), real_name: z.string().optional() }).optional(),
  }),
});

const groupsAnswer = z.object({
  usergroups: z.array(z.object({ id: z.string(), handle: z.string() })).default([]),
});

/** The name Slack shows for a user: display name, else real name, else the user name. */
function userLabel(answer: z.infer<typeof userAnswer>['user']): string | undefined {
  const pick = [answer.profile?.display_name, answer.profile?.real_name, answer.real_name, answer.name];
  return pick.map((n) => n?.trim()).find((n) => n);
}

export function createSlackNameDirectory(slack: WebClient): NameDirectory {
  return {
    async userName(userId) {
      return userLabel(userAnswer.parse(await slack.users.info({ user: userId })).user);
    },
    async groupHandles() {
      const answer = groupsAnswer.parse(await slack.usergroups.list({ include_disabled: true }));
      return new Map(answer.usergroups.map((g) => [g.id, g.handle]));
    },
  };
}
