/**
 * The emulator's state in Redis. One hash per project and collection, keyed by ID, values JSON checked
 * by zod on the way out. Keys of one project share a hash tag (`{projectId}`), so the quota script
 * works on Redis Cluster too. Several emulators on one Redis (one per bot replica) share this state.
 */
import type { z } from 'zod';
import { Collection, type RedisClient } from './collection.js';
import {
  type StoredService,
  type StoredToken,
  sandboxLoadBalancer,
  sandboxPort,
  sandboxSecurityGroup,
  sandboxServer,
  sandboxVpc,
  storedConnection,
  storedPermission,
  storedService,
  storedToken,
} from './models.js';

export type { RedisClient } from './collection.js';

/** Inserts a service unless the project already holds `quota` of them. Returns 1 when inserted. */
const INSERT_WITHIN_QUOTA = `
if redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
return 1`;

export class SandboxStore {
  constructor(
    readonly redis: RedisClient,
    private readonly keyPrefix: string,
  ) {}

  private projectKey(projectId: string, ...rest: string[]): string {
    return [`${this.keyPrefix}sandbox:{${projectId}}`, ...rest].join(':');
  }

  services(projectId: string) {
    return new Collection(this.redis, this.projectKey(projectId, 'services'), storedService);
  }

  connections(projectId: string, serviceId: string) {
    return new Collection(this.redis, this.projectKey(projectId, 'connections', serviceId), storedConnection);
  }

  permissions(projectId: string, serviceId: string) {
    return new Collection(this.redis, this.projectKey(projectId, 'permissions', serviceId), storedPermission);
  }

  private inventory<S extends z.ZodType>(projectId: string, kind: string, schema: S): Collection<S> {
    return new Collection(this.redis, this.projectKey(projectId, 'inventory', kind), schema);
  }

  vpcs(projectId: string) {
    return this.inventory(projectId, 'vpcs', sandboxVpc);
  }

  ports(projectId: string) {
    return this.inventory(projectId, 'ports', sandboxPort);
  }

  loadBalancers(projectId: string) {
    return this.inventory(projectId, 'loadbalancers', sandboxLoadBalancer);
  }

  servers(projectId: string) {
    return this.inventory(projectId, 'servers', sandboxServer);
  }

  securityGroups(projectId: string) {
    return this.inventory(projectId, 'securitygroups', sandboxSecurityGroup);
  }

  /** Inserts `service` atomically unless the project is at its quota. */
  async insertServiceWithinQuota(service: StoredService, quota: number): Promise<boolean> {
    const key = this.projectKey(service.projectId, 'services');
    const inserted = await this.redis.eval(
      INSERT_WITHIN_QUOTA,
      1,
      key,
      quota,
      service.id,
      JSON.stringify(service),
    );
    return inserted === 1;
  }

  /** Removes a service with its connections and whitelist. */
  async dropService(projectId: string, serviceId: string): Promise<void> {
    await this.services(projectId).remove(serviceId);
    await this.redis.del(
      this.projectKey(projectId, 'connections', serviceId),
      this.projectKey(projectId, 'permissions', serviceId),
    );
  }

  async quota(projectId: string): Promise<number | undefined> {
    const value = await this.redis.get(this.projectKey(projectId, 'quota'));
    return value === null ? undefined : Number(value);
  }

  async setQuota(projectId: string, quota: number): Promise<void> {
    await this.redis.set(this.projectKey(projectId, 'quota'), String(quota));
  }

  private tokenKey(token: string): string {
    return `${this.keyPrefix}sandbox:tokens:${token}`;
  }

  private tokenEpochKey(): string {
    return `${this.keyPrefix}sandbox:token-epoch`;
  }

  async putToken(token: string, value: Omit<StoredToken, 'epoch'>): Promise<void> {
    const epoch = (await this.redis.get(this.tokenEpochKey())) ?? '0';
    const ttlMs = Math.max(1, value.expiresAtMs - Date.now());
    await this.redis.set(this.tokenKey(token), JSON.stringify({ ...value, epoch }), 'PX', ttlMs);
  }

  async getToken(token: string): Promise<StoredToken | undefined> {
    const [value, epoch] = await Promise.all([
      this.redis.get(this.tokenKey(token)),
      this.redis.get(this.tokenEpochKey()),
    ]);
    if (value === null) return undefined;
    const parsed = storedToken.safeParse(JSON.parse(value));
    return parsed.success && parsed.data.epoch === (epoch ?? '0') ? parsed.data : undefined;
  }

  /** Invalidates every token issued so far (a password change, for the renew-on-401 path). */
  async revokeTokens(): Promise<void> {
    await this.redis.incr(this.tokenEpochKey());
  }
}
