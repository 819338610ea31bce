import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '#src/platform/config/load-config.js';

const minimal = { SLACK_BOT_TOKEN: 'xoxb-1-abc', SLACK_SIGNING_SECRET: 'signing-secret-1' };

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return [...err.problems];
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('should apply the documented defaults to a minimal HTTP-mode environment', () => {
    const config = loadConfig(minimal);
    expect(config.port).toBe(3000);
    expect(config.slack.socketMode).toBe(false);
    expect(config.slack.apiUrl).toBe('https://slack.com/api/');
    expect(config.redis).toEqual({ kind: 'local', dataDir: '.data/redis', keyPrefix: 'vpcep:' });
    expect(config.cloud.mode).toBe('sandbox');
    expect(config.approvals).toEqual({
      pollSeconds: 30,
      pollRate: 10,
      remindAfterSeconds: 14_400,
      escalateAfterSeconds: 86_400,
      decisionLeaseSeconds: 30,
    });
    expect(config.access).toEqual({ admins: [], creators: [] });
    expect(config.logLevel).toBe('info');
  });

  it('should freeze the config deeply', () => {
    const config = loadConfig(minimal);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.slack)).toBe(true);
    expect(Object.isFrozen(config.cloud.projects)).toBe(true);
  });

  it('should parse durations, lists and ports in the documented formats', () => {
    const config = loadConfig({
      ...minimal,
      PORT: '8080',
      VPCEP_ADMINS: ' U0ADMIN1 , U0ADMIN2,',
      VPCEP_CREATORS: 'U0CREATE,S0GROUP',
      APPROVAL_POLL_SECONDS: '45s',
      APPROVAL_POLL_RATE: '2.5',
      APPROVAL_REMIND_AFTER: '90m',
      APPROVAL_ESCALATE_AFTER: '2d',
      APPROVAL_DECISION_LEASE: '45s',
      APPROVAL_CHANNEL: 'C0APPROVE',
      SLACK_API_URL: 'http://127.0.0.1:9999/api',
    });
    expect(config.port).toBe(8080);
    expect(config.access.admins).toEqual(['U0ADMIN1', 'U0ADMIN2']);
    expect(config.access.creators).toEqual(['U0CREATE', 'S0GROUP']);
    expect(config.approvals).toEqual({
      channel: 'C0APPROVE',
      pollSeconds: 45,
      pollRate: 2.5,
      remindAfterSeconds: 5400,
      escalateAfterSeconds: 172_800,
      decisionLeaseSeconds: 45,
    });
    expect(config.slack.apiUrl).toBe('http://127.0.0.1:9999/api/');
  });

  it('should name every bad variable in one error', () => {
    const problems = problemsOf({
      SLACK_BOT_TOKEN: 'not-a-token',
      PORT: '70000',
      APPROVAL_POLL_SECONDS: 'soon',
      APPROVAL_POLL_RATE: 'fast',
      VPCEP_ADMINS: 'alice',
      REDIS_URL: 'http://localhost',
      LOG_LEVEL: 'loud',
    });
    const names = problems.map((p) => p.split(':')[0]);
    expect(names).toEqual(
      expect.arrayContaining([
        'SLACK_BOT_TOKEN',
        'PORT',
        'APPROVAL_POLL_SECONDS',
        'APPROVAL_POLL_RATE',
        'VPCEP_ADMINS',
        'REDIS_URL',
        'LOG_LEVEL',
      ]),
    );
    expect(problems.find((p) => p.startsWith('APPROVAL_POLL_SECONDS'))).toContain('30s');
    expect(problems.find((p) => p.startsWith('APPROVAL_POLL_RATE'))).toContain('calls per second');
  });

  it('should report malformed values and the checks spanning several variables in one round', () => {
    const problems = problemsOf({
      SLACK_BOT_TOKEN: 'oops',
      PORT: 'eighty',
      OTC_REGION: 'eu-de',
      OTC_PROJECT_ID: 'short',
    });
    expect(problems.map((p) => /^[A-Z_]+/.exec(p)?.[0])).toEqual([
      'SLACK_BOT_TOKEN',
      'PORT',
      'OTC_PROJECT_ID',
      'SLACK_SIGNING_SECRET',
      'OTC_ACCESS_KEY',
    ]);
  });

  it('should let Slack’s answer about group members decide for 120 s by default, and as long as SLACK_GROUP_CACHE_SECONDS says', () => {
    expect(loadConfig(minimal).slack.groupCacheSeconds).toBe(120);
    expect(loadConfig({ ...minimal, SLACK_GROUP_CACHE_SECONDS: '45s' }).slack.groupCacheSeconds).toBe(45);
    expect(problemsOf({ ...minimal, SLACK_GROUP_CACHE_SECONDS: '2h' })).toEqual([
      expect.stringMatching(/^SLACK_GROUP_CACHE_SECONDS: expected at most 1h/),
    ]);
  });

  it('should refuse a decision lease shorter than 5 seconds', () => {
    expect(problemsOf({ ...minimal, APPROVAL_DECISION_LEASE: '2s' })).toEqual([
      expect.stringMatching(/^APPROVAL_DECISION_LEASE: expected at least 5s/),
    ]);
  });

  it('should let a person make 5 lists at once by default, and refuse a burst that is not a whole number from 1', () => {
    expect(loadConfig(minimal).limits).toEqual({ listBurst: 5 });
    expect(loadConfig({ ...minimal, LIST_RATE_BURST: '12' }).limits).toEqual({ listBurst: 12 });
    for (const bad of ['0', '-1', '2.5', 'many'])
      expect(problemsOf({ ...minimal, LIST_RATE_BURST: bad })).toEqual([
        expect.stringMatching(/^LIST_RATE_BURST: expected a whole number 1–9999/),
      ]);
  });

  it('should refuse a Web API URL that is not http(s)', () => {
    expect(problemsOf({ ...minimal, SLACK_API_URL: 'javascript:alert(1)' })).toEqual([
      expect.stringMatching(/^SLACK_API_URL: expected an http\(s\) URL/),
    ]);
  });

  it('should require the bot token and, in HTTP mode, the signing secret', () => {
    expect(problemsOf({})).toEqual([
      expect.stringMatching(/^SLACK_BOT_TOKEN: required/),
      expect.stringMatching(/^SLACK_SIGNING_SECRET: required in HTTP mode/),
    ]);
    expect(problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1' })).toEqual([
      expect.stringMatching(/^SLACK_SIGNING_SECRET: required in HTTP mode/),
    ]);
  });

  it('should select Socket Mode when SLACK_APP_TOKEN is set, without a signing secret', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1-abc' });
    expect(config.slack.socketMode).toBe(true);
  });

  it('should run the sandbox only when no OTC_* variable is set at all', () => {
    expect(loadConfig(minimal).cloud.mode).toBe('sandbox');
    const problems = problemsOf({ ...minimal, OTC_REGOIN: 'eu-de' });
    expect(problems.join('\n')).toMatch(/OTC_REGION and OTC_PROJECT_ID/);
    expect(problems.join('\n')).toMatch(/OTC_ACCESS_KEY and OTC_SECRET_KEY/);
  });

  it('should name the missing half of incomplete credentials', () => {
    const base = { ...minimal, OTC_REGION: 'eu-de', OTC_PROJECT_ID: '0123456789abcdef0123456789abcdef' };
    expect(problemsOf({ ...base, OTC_ACCESS_KEY: 'AK' })).toEqual([
      expect.stringMatching(/^OTC_SECRET_KEY: required/),
    ]);
    expect(problemsOf({ ...base, OTC_USERNAME: 'bot' })).toEqual([
      expect.stringMatching(/^OTC_PASSWORD, OTC_DOMAIN_NAME: required/),
    ]);
  });

  it('should take the AK/SK signature form from OTC_SIGNING and refuse an unknown one', () => {
    const otc = {
      ...minimal,
      OTC_REGION: 'eu-de',
      OTC_PROJECT_ID: '0123456789abcdef0123456789abcdef',
      OTC_ACCESS_KEY: 'AKAKAK',
      OTC_SECRET_KEY: 'SKSKSKSK',
    };
    const apig = loadConfig({ ...otc, OTC_SIGNING: 'apig' });
    expect(apig.cloud.mode === 'otc' && apig.cloud.auth).toMatchObject({ kind: 'aksk', signing: 'apig' });
    expect(problemsOf({ ...otc, OTC_SIGNING: 'v4' })).toEqual([
      'OTC_SIGNING: expected sdk (the Go SDK form, default) or apig (the API Gateway form)',
    ]);
  });

  it('should take one host per service from OTC_ENDPOINT_<SERVICE> and refuse plain http to a remote host', () => {
    const otc = {
      ...minimal,
      OTC_REGION: 'eu-ch2',
      OTC_PROJECT_ID: '0123456789abcdef0123456789abcdef',
      OTC_ACCESS_KEY: 'AKAKAK',
      OTC_SECRET_KEY: 'SKSKSKSK',
    };
    const config = loadConfig({
      ...otc,
      OTC_ENDPOINT_VPCEP: 'https://vpcep.eu-ch2.sc.otc.t-systems.com',
      OTC_ENDPOINT_BMS: 'https://bms.{region}.example',
    });
    expect(config.cloud.mode === 'otc' && config.cloud.endpointOverrides).toEqual({
      vpcep: 'https://vpcep.eu-ch2.sc.otc.t-systems.com',
      bms: 'https://bms.{region}.example',
    });
    expect(config.cloud.mode === 'otc' && config.cloud.endpointTemplate).toBeUndefined();
    expect(problemsOf({ ...otc, OTC_ENDPOINT_ELB: 'http://elb.example' })).toEqual([
      expect.stringMatching(/^OTC_ENDPOINT_ELB: expected an https:\/\/ URL such as https:\/\/elb\.eu-ch2/),
    ]);
  });

  it('should build AK/SK and password cloud configs with every configured project', () => {
    const config = loadConfig({
      ...minimal,
      OTC_REGION: 'eu-de',
      OTC_PROJECT_ID: '0123456789abcdef0123456789abcdef',
      OTC_PROJECTS: 'eu-nl:fedcba9876543210fedcba9876543210:nl prod',
      OTC_ACCESS_KEY: 'AKAKAK',
      OTC_SECRET_KEY: 'SKSKSKSK',
    });
    expect(config.cloud).toEqual({
      mode: 'otc',
      auth: { kind: 'aksk', accessKey: 'AKAKAK', secretKey: 'SKSKSKSK' },
      // No OTC_ENDPOINT_TEMPLATE: the hosts come from the table of known regions (and the IAM catalog).
      projects: [
        { region: 'eu-de', projectId: '0123456789abcdef0123456789abcdef', label: 'eu-de' },
        { region: 'eu-nl', projectId: 'fedcba9876543210fedcba9876543210', label: 'nl prod' },
      ],
    });
    const token = loadConfig({
      ...minimal,
      OTC_PROJECTS: 'eu-de:0123456789abcdef0123456789abcdef',
      OTC_USERNAME: 'bot',
      OTC_PASSWORD: 'pw-123456',
      OTC_DOMAIN_NAME: 'OTC-EU-DE-000',
    });
    expect(token.cloud.mode === 'otc' && token.cloud.auth).toEqual({
      kind: 'password',
      username: 'bot',
      password: 'pw-123456',
      domainName: 'OTC-EU-DE-000',
    });
  });

  it('should reject malformed project lists and Redis node lists', () => {
    const problems = problemsOf({
      ...minimal,
      OTC_PROJECTS: 'eu-de:nothex',
      OTC_ACCESS_KEY: 'a',
      OTC_SECRET_KEY: 'b',
      REDIS_SENTINELS: 'host-without-port',
    });
    expect(problems.join('\n')).toMatch(/OTC_PROJECTS: "eu-de:nothex" is not region:project_id/);
    expect(problems.join('\n')).toMatch(/REDIS_SENTINELS: "host-without-port" is not host:port/);
  });

  it('should configure Sentinel and Cluster', () => {
    const sentinel = loadConfig({
      ...minimal,
      REDIS_SENTINELS: 'a:26379, b:26379',
      REDIS_SENTINEL_NAME: 'vpcep',
      REDIS_PASSWORD: 'redis-pass',
    });
    expect(sentinel.redis).toMatchObject({
      kind: 'sentinel',
      name: 'vpcep',
      sentinels: [
        { host: 'a', port: 26379 },
        { host: 'b', port: 26379 },
      ],
    });
    const cluster = loadConfig({ ...minimal, REDIS_CLUSTER_NODES: 'r1:7000,r2:7001', REDIS_TLS: 'true' });
    expect(cluster.redis).toMatchObject({
      kind: 'cluster',
      tls: true,
      nodes: [
        { host: 'r1', port: 7000 },
        { host: 'r2', port: 7001 },
      ],
    });
  });
});
