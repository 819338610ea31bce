/**
 * Trigger ids: valid for 3 s after issue, usable once. The payload builders ask the fake for them so the
 * fake also knows who clicked and in which view (for `views.push`).
 */
import { newTriggerId, TRIGGER_TTL_MS, triggerIssuedAt } from './ids.js';

/** What the fake knows about a trigger: the user and, for view interactions, the view. */
export interface TriggerContext {
  userId?: string;
  viewId?: string;
}

/** Issues and redeems trigger ids. */
export class TriggerRegistry {
  /** Trigger lifetime in ms (tests of the expiry may lower it). */
  ttlMs = TRIGGER_TTL_MS;
  private readonly contexts = new Map<string, TriggerContext>();
  private readonly used = new Set<string>();

  /** A new trigger id; `issuedAtMs` in the past makes an already-old trigger. */
  issue(context: TriggerContext = {}, issuedAtMs = Date.now()): string {
    const id = newTriggerId(issuedAtMs);
    this.contexts.set(id, context);
    return id;
  }

  /** Uses a trigger id: its context, or Slack's error (`invalid_trigger_id`, `expired_trigger_id`, `exchanged_trigger_id`). */
  redeem(triggerId: unknown): { context: TriggerContext } | { error: string } {
    if (typeof triggerId !== 'string' || triggerId === '') return { error: 'invalid_arguments' };
    const issuedAt = triggerIssuedAt(triggerId);
    if (issuedAt === undefined) return { error: 'invalid_trigger_id' };
    if (this.used.has(triggerId)) return { error: 'exchanged_trigger_id' };
    if (Date.now() - issuedAt > this.ttlMs) return { error: 'expired_trigger_id' };
    this.used.add(triggerId);
    return { context: this.contexts.get(triggerId) ?? {} };
  }

  /** Forgets every trigger. */
  clear(): void {
    this.contexts.clear();
    this.used.clear();
  }
}
