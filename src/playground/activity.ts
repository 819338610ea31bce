/**
 * One signal for "what the page shows has changed": the bot's Web API calls (through the emulator) and the
 * playground's own writes (a person's message, a command's answer). The page's live updates and the saving
 * to Redis both listen to it.
 */
export class Activity {
  private readonly listeners = new Set<() => void>();

  /** Calls `listener` on every change; returns the unsubscribe. */
  on(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit(): void {
    for (const listener of this.listeners) listener();
  }
}
