/**
 * Sandbox mode: no OTC credentials are configured, so the bot runs the emulator on loopback and points
 * its real client at it. The emulator's AK/SK come from Redis (created once), so every replica that
 * shares the Redis signs and verifies with the same pair.
 */
import type { OtcAuth, OtcProject } from '../../platform/config/config-types.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { CredentialHint } from '../otc/classify.js';
import type { EndpointSettings } from '../otc/endpoints.js';
import { sandboxCredentials } from './credentials.js';
import { type SandboxHandle, type SandboxOptions, startSandbox } from './start-sandbox.js';
import type { RedisClient } from './store.js';

export interface SandboxMode {
  readonly sandbox: SandboxHandle;
  /** What the client uses: the stored AK/SK and the emulator's URL as a template without `{service}`. */
  readonly auth: OtcAuth;
  readonly endpoints: EndpointSettings;
  /** A 401 here means the stored credentials changed under a running emulator. */
  readonly hint: CredentialHint;
}

export async function startSandboxMode(
  projects: readonly OtcProject[],
  deps: { readonly redis: RedisClient; readonly keyPrefix: string; readonly logger: Logger },
  options: Partial<Pick<SandboxOptions, 'createDelayMs' | 'deleteDelayMs' | 'port'>> = {},
): Promise<SandboxMode> {
  const credentials = await sandboxCredentials(deps.redis, deps.keyPrefix);
  const sandbox = await startSandbox({ ...deps, projects, credentials, ...options });
  deps.logger.warn(
    { url: sandbox.url, projects: projects.map((p) => p.label) },
    'SANDBOX MODE: no OTC_* variables are set, so the bot uses its embedded OTC emulator; nothing reaches a real cloud',
  );
  return {
    sandbox,
    auth: { kind: 'aksk', ...credentials },
    endpoints: { template: sandbox.url },
    hint: { variables: `the sandbox credentials in Redis (${deps.keyPrefix}sandbox:credentials)` },
  };
}
