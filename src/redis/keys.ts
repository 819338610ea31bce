/**
 * Every Redis key the bot uses, in one place, under the configured prefix. Keys that a Lua script touches
 * together share a hash tag (`{…}`) so they live in one slot under Redis Cluster.
 */
export interface Keys {
  readonly prefix: string;
  /** A key under the prefix from parts joined with `:`. */
  key(...parts: string[]): string;
}

export function createKeys(prefix: string): Keys {
  return {
    prefix,
    key: (...parts) => `${prefix}${parts.join(':')}`,
  };
}
