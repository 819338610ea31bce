/**
 * Builds the one frozen `Config` from the environment (and `.env` when present). Every problem is
 * collected and reported at once, each naming its variable, so an operator fixes them in one round.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import type { CloudConfig, Config, OtcAuth, OtcProject, RedisConfig } from './config-types.js';
import { ENDPOINT_OVERRIDE_SERVICES, type Env, envSchema } from './env-schema.js';
import { parseList } from './formats.js';

/** Thrown when the environment is unusable; `problems` has one line per variable. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Projects offered in sandbox mode: two regions, so the Region choice is visible. */
export const SANDBOX_PROJECTS: readonly OtcProject[] = [
  { region: 'eu-de', projectId: '5a4e1b5d0c6f4e0b9f0d8a1c2b3e4f50', label: 'eu-de (sandbox)' },
  { region: 'eu-nl', projectId: '6b5f2c6e1d7a4f1ca01e9b2d3c4f5a61', label: 'eu-nl (sandbox)' },
];

/** How long Slack's answer about a user group's members decides rights, by default. */
export const DEFAULT_GROUP_CACHE_SECONDS = 120;

/**
 * The poller's calls per second per project, by default. OTC documents no numeric limit for VPCEP
 * (only `EndPoint.0022`, and the API gateway's per-second `APIG.0308`); we assume the gateway throttles
 * one project near 20 calls/s and leave the poller half, so people's clicks and lists keep the rest.
 * At 2,000 approval-enabled services a pass takes 200 s.
 */
export const DEFAULT_APPROVAL_POLL_RATE = 10;

/** Reads `.env` from `dir` (if any); real environment variables win over the file. */
export function environmentWithDotenv(
  env: NodeJS.ProcessEnv,
  dir = process.cwd(),
): Record<string, string | undefined> {
  const file = resolve(dir, '.env');
  if (!existsSync(file)) return { ...env };
  return { ...parseEnv(readFileSync(file, 'utf8')), ...env };
}

function hostPorts(name: string, text: string, problems: string[]): { host: string; port: number }[] {
  return parseList(text).flatMap((item) => {
    const match = /^([^:\s]+):(\d{1,5})$/.exec(item);
    if (!match?.[1] || !match[2]) {
      problems.push(`${name}: "${item}" is not host:port`);
      return [];
    }
    return [{ host: match[1], port: Number(match[2]) }];
  });
}

function redisConfig(env: Env, problems: string[]): RedisConfig {
  const keyPrefix = env.REDIS_KEY_PREFIX ?? 'vpcep:';
  const tls = env.REDIS_TLS === 'true';
  const password = env.REDIS_PASSWORD;
  const kinds = [env.REDIS_URL, env.REDIS_SENTINELS, env.REDIS_CLUSTER_NODES].filter(Boolean).length;
  if (kinds > 1) problems.push('REDIS_URL, REDIS_SENTINELS, REDIS_CLUSTER_NODES: set only one of them');
  if (env.REDIS_SENTINELS) {
    const sentinels = hostPorts('REDIS_SENTINELS', env.REDIS_SENTINELS, problems);
    return {
      kind: 'sentinel',
      sentinels,
      name: env.REDIS_SENTINEL_NAME ?? 'mymaster',
      tls,
      keyPrefix,
      ...(password ? { password } : {}),
    };
  }
  if (env.REDIS_CLUSTER_NODES) {
    const nodes = hostPorts('REDIS_CLUSTER_NODES', env.REDIS_CLUSTER_NODES, problems);
    return { kind: 'cluster', nodes, tls, keyPrefix, ...(password ? { password } : {}) };
  }
  if (env.REDIS_URL) return { kind: 'url', url: env.REDIS_URL, keyPrefix };
  return { kind: 'local', dataDir: env.REDIS_DATA_DIR ?? '.data/redis', keyPrefix };
}

function otcProjects(env: Env, problems: string[]): OtcProject[] {
  const projects: OtcProject[] = [];
  if (env.OTC_REGION && env.OTC_PROJECT_ID) {
    projects.push({ region: env.OTC_REGION, projectId: env.OTC_PROJECT_ID, label: env.OTC_REGION });
  } else if (env.OTC_REGION || env.OTC_PROJECT_ID) {
    if (!env.OTC_PROJECTS) {
      problems.push(
        env.OTC_REGION
          ? 'OTC_PROJECT_ID: required with OTC_REGION (the IAM project ID of that region)'
          : 'OTC_REGION: required with OTC_PROJECT_ID (e.g. eu-de)',
      );
    }
  }
  for (const item of parseList(env.OTC_PROJECTS)) {
    const [region, projectId, ...label] = item.split(':');
    if (
      !region ||
      !/^[a-z]{2}-[a-z0-9-]+$/.test(region) ||
      !projectId ||
      !/^[0-9a-f]{32}$/i.test(projectId)
    ) {
      problems.push(`OTC_PROJECTS: "${item}" is not region:project_id[:label] (e.g. eu-de:0123…cdef:prod)`);
      continue;
    }
    if (projects.some((p) => p.projectId === projectId)) continue;
    projects.push({ region, projectId, label: label.join(':') || region });
  }
  if (projects.length === 0 && !problems.some((p) => p.startsWith('OTC_'))) {
    problems.push('OTC_REGION and OTC_PROJECT_ID (or OTC_PROJECTS): required when any OTC_* variable is set');
  }
  return projects;
}

function otcAuth(env: Env, problems: string[]): OtcAuth | undefined {
  const aksk = [env.OTC_ACCESS_KEY, env.OTC_SECRET_KEY];
  const password = [env.OTC_USERNAME, env.OTC_PASSWORD, env.OTC_DOMAIN_NAME];
  if (env.OTC_ACCESS_KEY && env.OTC_SECRET_KEY) {
    return {
      kind: 'aksk',
      accessKey: env.OTC_ACCESS_KEY,
      secretKey: env.OTC_SECRET_KEY,
      ...(env.OTC_SIGNING ? { signing: env.OTC_SIGNING } : {}),
    };
  }
  if (env.OTC_USERNAME && env.OTC_PASSWORD && env.OTC_DOMAIN_NAME) {
    return {
      kind: 'password',
      username: env.OTC_USERNAME,
      password: env.OTC_PASSWORD,
      domainName: env.OTC_DOMAIN_NAME,
    };
  }
  if (aksk.some(Boolean)) {
    problems.push(
      `${env.OTC_ACCESS_KEY ? 'OTC_SECRET_KEY' : 'OTC_ACCESS_KEY'}: required with ${env.OTC_ACCESS_KEY ? 'OTC_ACCESS_KEY' : 'OTC_SECRET_KEY'} (AK/SK credentials)`,
    );
  } else if (password.some(Boolean)) {
    const missing = (['OTC_USERNAME', 'OTC_PASSWORD', 'OTC_DOMAIN_NAME'] as const).filter((k) => !env[k]);
    problems.push(
      `${missing.join(', ')}: required for IAM password authentication (with the other OTC_USERNAME/OTC_PASSWORD/OTC_DOMAIN_NAME)`,
    );
  } else {
    problems.push(
      'OTC_ACCESS_KEY and OTC_SECRET_KEY (or OTC_USERNAME, OTC_PASSWORD and OTC_DOMAIN_NAME): cloud credentials are required when any OTC_* variable is set; unset every OTC_* variable for sandbox mode',
    );
  }
  return undefined;
}

function cloudConfig(raw: Record<string, string | undefined>, env: Env, problems: string[]): CloudConfig {
  const anyOtc = Object.entries(raw).some(
    ([key, value]) => key.startsWith('OTC_') && value !== undefined && value.trim() !== '',
  );
  if (!anyOtc) return { mode: 'sandbox', projects: SANDBOX_PROJECTS };
  const projects = otcProjects(env, problems);
  const auth = otcAuth(env, problems);
  if (!auth) return { mode: 'sandbox', projects };
  const overrides = Object.fromEntries(
    ENDPOINT_OVERRIDE_SERVICES.flatMap((service) => {
      const url = env[`OTC_ENDPOINT_${service.toUpperCase() as Uppercase<typeof service>}`];
      return url ? [[service, url]] : [];
    }),
  );
  return {
    mode: 'otc',
    projects,
    auth,
    ...(env.OTC_ENDPOINT_TEMPLATE ? { endpointTemplate: env.OTC_ENDPOINT_TEMPLATE } : {}),
    ...(Object.keys(overrides).length > 0 ? { endpointOverrides: overrides } : {}),
  };
}

/** The schema's own problems (one per malformed variable) and the variables they concern. */
function schemaProblems(raw: Record<string, string | undefined>): { problems: string[]; bad: Set<string> } {
  const parsed = envSchema.safeParse(raw);
  const problems: string[] = [];
  const bad = new Set<string>();
  if (parsed.success) return { problems, bad };
  for (const issue of parsed.error.issues) {
    const name = String(issue.path[0] ?? 'environment');
    const message =
      issue.code === 'invalid_type' && raw[name] === undefined
        ? issue.message.replace(/^Invalid input.*$/, 'required')
        : issue.message;
    bad.add(name);
    problems.push(`${name}: ${message}`);
  }
  return { problems, bad };
}

/**
 * `OTC_*` variables that are present but empty. An empty line is most often a half-done edit (a key
 * pasted into the wrong line, a secret store that returned nothing); silently ignoring it could switch
 * the bot to sandbox mode or to the other credential kind, so it is refused.
 */
function emptyOtcProblems(raw: Record<string, string | undefined>): { problems: string[]; bad: Set<string> } {
  const empty = Object.keys(raw)
    .filter((key) => key.startsWith('OTC_') && raw[key] !== undefined && raw[key]?.trim() === '')
    .sort();
  return {
    problems: empty.map(
      (key) =>
        `${key}: set but empty; give it a value or remove the line (unset every OTC_* variable for sandbox mode)`,
    ),
    bad: new Set(empty),
  };
}

/** Parses the environment into a frozen `Config`, or throws `ConfigError` listing every problem. */
export function loadConfig(raw: Record<string, string | undefined>): Config {
  const schema = schemaProblems(raw);
  const emptyOtc = emptyOtcProblems(raw);
  const problems = [...schema.problems, ...emptyOtc.problems];
  const bad = new Set([...schema.bad, ...emptyOtc.bad]);
  // Malformed variables count as unset for the checks that span several variables, so every problem
  // is reported in one round; a variable already named is not named again.
  const usable = Object.fromEntries(Object.entries(raw).filter(([key]) => !bad.has(key)));
  const env = { SLACK_BOT_TOKEN: '', ...envSchema.partial({ SLACK_BOT_TOKEN: true }).parse(usable) } as Env;
  const crossProblems: string[] = [];
  const socketMode = env.SLACK_APP_TOKEN !== undefined;
  if (!socketMode && !env.SLACK_SIGNING_SECRET) {
    crossProblems.push(
      'SLACK_SIGNING_SECRET: required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)',
    );
  }
  const redis = redisConfig(env, crossProblems);
  const cloud = cloudConfig(raw, env, crossProblems);
  for (const problem of crossProblems) {
    const variable = /^[A-Z_]+/.exec(problem)?.[0] ?? '';
    if (!bad.has(variable)) problems.push(problem);
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const apiUrl = env.SLACK_API_URL ?? 'https://slack.com/api/';
  const config: Config = {
    slack: {
      botToken: env.SLACK_BOT_TOKEN,
      ...(env.SLACK_SIGNING_SECRET ? { signingSecret: env.SLACK_SIGNING_SECRET } : {}),
      ...(env.SLACK_APP_TOKEN ? { appToken: env.SLACK_APP_TOKEN } : {}),
      socketMode,
      apiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`,
      apiRetries: env.SLACK_API_RETRIES ?? 3,
      groupCacheSeconds: env.SLACK_GROUP_CACHE_SECONDS ?? DEFAULT_GROUP_CACHE_SECONDS,
    },
    port: env.PORT ?? 3000,
    redis,
    cloud,
    access: { admins: env.VPCEP_ADMINS ?? [], creators: env.VPCEP_CREATORS ?? [] },
    approvals: {
      ...(env.APPROVAL_CHANNEL ? { channel: env.APPROVAL_CHANNEL } : {}),
      pollSeconds: env.APPROVAL_POLL_SECONDS ?? 30,
      pollRate: env.APPROVAL_POLL_RATE ?? DEFAULT_APPROVAL_POLL_RATE,
      remindAfterSeconds: env.APPROVAL_REMIND_AFTER ?? 4 * 3600,
      escalateAfterSeconds: env.APPROVAL_ESCALATE_AFTER ?? 24 * 3600,
      decisionLeaseSeconds: env.APPROVAL_DECISION_LEASE ?? 30,
    },
    limits: { listBurst: env.LIST_RATE_BURST ?? 5 },
    logLevel: env.LOG_LEVEL ?? 'info',
  };
  return deepFreeze(config);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
