/** The literal secret values of a configuration, which the logger censors wherever they appear. */
import type { Config } from '../config/config-types.js';

/** The password in a `redis://user:password@host` URL, as written and decoded; none when absent. */
export function urlPasswords(url: string): string[] {
  try {
    const password = new URL(url).password;
    if (!password) return [];
    let decoded = password;
    try {
      decoded = decodeURIComponent(password);
    } catch {
      // A malformed escape: the raw form is all there is.
    }
    return [...new Set([password, decoded])];
  } catch {
    return [];
  }
}

export function configSecrets(config: Config): (string | undefined)[] {
  const auth = config.cloud.mode === 'otc' ? config.cloud.auth : undefined;
  const redis = config.redis;
  return [
    config.slack.botToken,
    config.slack.signingSecret,
    config.slack.appToken,
    auth?.kind === 'aksk' ? auth.secretKey : undefined,
    auth?.kind === 'password' ? auth.password : undefined,
    redis.kind === 'sentinel' || redis.kind === 'cluster' ? redis.password : undefined,
    ...(redis.kind === 'url' ? urlPasswords(redis.url) : []),
  ];
}
