/**
 * The attacker here is a careless configuration: a Slack or cloud URL over plain http (tokens and
 * signatures in clear text on the network), or an OTC_* line left empty. The bot must refuse to start
 * and name the variable and the fix; loopback stays allowed for tests and the playground.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '#src/platform/config/load-config.js';

const minimal = { SLACK_BOT_TOKEN: 'xoxb-1-abc', SLACK_SIGNING_SECRET: 'signing-secret-1' };
const otc = {
  OTC_REGION: 'eu-de',
  OTC_PROJECT_ID: '0123456789abcdef0123456789abcdef',
  OTC_ACCESS_KEY: 'AKAKAKAK',
  OTC_SECRET_KEY: 'SKSKSKSK',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return [...err.problems];
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('careless configuration', () => {
  it('should refuse a plain-http SLACK_API_URL to a remote host, naming the variable and https', () => {
    expect(problemsOf({ ...minimal, SLACK_API_URL: 'http://slack.evil.example/api/' })).toEqual([
      expect.stringMatching(/^SLACK_API_URL: expected an https:\/\/ URL .*loopback/),
    ]);
  });

  it('should refuse a plain-http OTC_ENDPOINT_TEMPLATE to a remote host', () => {
    expect(
      problemsOf({ ...minimal, ...otc, OTC_ENDPOINT_TEMPLATE: 'http://{service}.{region}.proxy.example' }),
    ).toEqual([expect.stringMatching(/^OTC_ENDPOINT_TEMPLATE: expected an https:\/\/ URL/)]);
  });

  it('should accept plain http to loopback hosts and https anywhere', () => {
    for (const apiUrl of [
      'http://127.0.0.1:9999/api/',
      'http://127.1.2.3/api/',
      'http://localhost:3000/api/',
      'http://[::1]:8080/api/',
      'https://slack.example/api/',
    ]) {
      expect(loadConfig({ ...minimal, SLACK_API_URL: apiUrl }).slack.apiUrl).toBe(apiUrl);
    }
    const cloud = loadConfig({ ...minimal, ...otc, OTC_ENDPOINT_TEMPLATE: 'http://127.0.0.1:4010' }).cloud;
    expect(cloud.mode === 'otc' && cloud.endpointTemplate).toBe('http://127.0.0.1:4010');
  });

  it('should not take a look-alike of a loopback name for loopback', () => {
    for (const apiUrl of [
      'http://localhost.evil.example/api/',
      'http://127.0.0.1.evil.example/api/',
      'http://[::2]/api/',
    ]) {
      expect(problemsOf({ ...minimal, SLACK_API_URL: apiUrl })).toEqual([
        expect.stringMatching(/^SLACK_API_URL: expected an https:\/\//),
      ]);
    }
  });

  it('should refuse an OTC_* variable that is set but empty, naming it and the fix', () => {
    expect(problemsOf({ ...minimal, OTC_ACCESS_KEY: '' })).toEqual([
      'OTC_ACCESS_KEY: set but empty; give it a value or remove the line (unset every OTC_* variable for sandbox mode)',
    ]);
    expect(problemsOf({ ...minimal, ...otc, OTC_PASSWORD: '  ' })).toEqual([
      expect.stringMatching(/^OTC_PASSWORD: set but empty/),
    ]);
  });
});
