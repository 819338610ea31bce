/**
 * The workspace's user groups, as the create form offers them (the Owner groups select). A port:
 * `slack/slack-usergroup-catalog.ts` implements it over `usergroups.list`.
 */
import type { Choice } from './resource-catalog.js';

export interface UsergroupCatalog {
  /** Every active user group as a choice. */
  all(): Promise<Choice[]>;
  /** Choices for these IDs (known ones with their handle; unknown ones by ID). */
  labelled(ids: readonly string[]): Promise<Choice[]>;
}
