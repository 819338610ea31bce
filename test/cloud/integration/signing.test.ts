import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthenticationError } from '#src/cloud/errors.js';
import { canonicalRequest, formatSdkDate, signature } from '#src/cloud/otc/signer.js';
import { rawRequest, startTestCloud, TEST_AKSK, type TestCloud } from '../../helpers/cloud-test.js';

let t: TestCloud;
let servicesPath: string;

beforeAll(async () => {
  t = await startTestCloud();
  servicesPath = `/v1/${t.projectId}/vpc-endpoint-services`;
});
afterAll(() => t.close());

const gatewayRefusal = {
  error_code: 'APIGW.0301',
  error_msg: expect.stringContaining('Incorrect IAM authentication'),
};

describe('the emulator checks AK/SK signatures like the API gateway', () => {
  it('accepts a request signed per the documented algorithm', async () => {
    const answer = await rawRequest(t.sandbox.url, 'GET', `${servicesPath}?limit=5&sort_dir=asc`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ endpoint_services: [], total_count: 0 });
  });

  it('accepts a signed POST whose body hash matches', async () => {
    const answer = await rawRequest(t.sandbox.url, 'POST', `${servicesPath}/unknown/permissions/action`, {
      body: { permissions: ['*'], action: 'add' },
    });
    // Signature accepted: the emulator got as far as looking the service up.
    expect(answer.status).toBe(404);
  });

  type Tamperable = { url: URL; body: string; headers: Record<string, string> };
  const tamperings: [string, (r: Tamperable) => void][] = [
    [
      'the body changed after signing',
      (r) => {
        r.body = '{"tampered":true}';
      },
    ],
    ['the query changed after signing', (r) => r.url.searchParams.set('limit', '999')],
    [
      'the path changed after signing',
      (r) => {
        r.url.pathname = r.url.pathname.replace(/\/v1\/[0-9a-f]+/, `/v1/${'0'.repeat(32)}`);
      },
    ],
    [
      'the signature was altered',
      (r) => {
        r.headers.Authorization = (r.headers.Authorization ?? '').replace(/Signature=(.)/, (_, c) =>
          c === '0' ? 'Signature=1' : 'Signature=0',
        );
      },
    ],
    [
      'X-Sdk-Date moved by a few seconds (still within the allowed skew)',
      (r) => {
        r.headers['X-Sdk-Date'] = (r.headers['X-Sdk-Date'] ?? '').replace(
          /(\d)Z$/,
          (_, d) => `${(Number(d) + 1) % 10}Z`,
        );
      },
    ],
  ];

  it.each(tamperings)('rejects a tampered request: %s', async (_, tamper) => {
    const answer = await rawRequest(t.sandbox.url, 'POST', `${servicesPath}?limit=5`, {
      body: { ports: [] },
      tamper,
    });
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({
      error_code: 'APIGW.0301',
      error_msg: 'Incorrect IAM authentication information: verify aksk signature fail',
    });
  });

  it('rejects a correct signature whose SignedHeaders leave out host', async () => {
    const sdkDate = formatSdkDate(new Date());
    const headers = { 'Content-Type': 'application/json', 'X-Sdk-Date': sdkDate };
    const url = new URL(`${t.sandbox.url}${servicesPath}`);
    const signed = ['content-type', 'x-sdk-date'];
    const sig = signature(
      TEST_AKSK.secretKey,
      sdkDate,
      canonicalRequest({ method: 'GET', url, headers, body: '' }, signed),
    );
    const answer = await rawRequest(t.sandbox.url, 'GET', servicesPath, {
      sign: false,
      headers: {
        ...headers,
        Authorization: `SDK-HMAC-SHA256 Access=${TEST_AKSK.accessKey}, SignedHeaders=${signed.join(';')}, Signature=${sig}`,
      },
    });
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ error_msg: expect.stringContaining('host is not signed') });
  });

  it('rejects a signature made with another secret key', async () => {
    const answer = await rawRequest(t.sandbox.url, 'GET', servicesPath, {
      credentials: { accessKey: 'TESTACCESSKEY0000001', secretKey: 'not-the-secret' },
    });
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ error_msg: expect.stringContaining('verify aksk signature fail') });
  });

  it('rejects an X-Sdk-Date more than 15 minutes old, and accepts one 14 minutes old', async () => {
    const stale = await rawRequest(t.sandbox.url, 'GET', servicesPath, {
      now: new Date(Date.now() - 16 * 60_000),
    });
    expect(stale.status).toBe(401);
    expect(stale.body).toMatchObject({ error_msg: expect.stringContaining('expired') });
    const recent = await rawRequest(t.sandbox.url, 'GET', servicesPath, {
      now: new Date(Date.now() - 14 * 60_000),
    });
    expect(recent.status).toBe(200);
  });

  it('rejects a request without credentials', async () => {
    const answer = await rawRequest(t.sandbox.url, 'GET', servicesPath, { sign: false });
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject(gatewayRefusal);
  });

  it('requires X-Project-Id with AK/SK on paths without a project', async () => {
    const without = await rawRequest(t.sandbox.url, 'GET', '/v2.0/lbaas/loadbalancers');
    expect(without.status).toBe(400);
    const withHeader = await rawRequest(t.sandbox.url, 'GET', '/v2.0/lbaas/loadbalancers', {
      headers: { 'X-Project-Id': t.projectId },
    });
    expect(withHeader.status).toBe(200);
  });
});

describe('the emulator also checks the Go SDK form (Credential=<AK>/<date>///sdk_request)', () => {
  it('accepts a GET and a POST signed in the Go SDK form', async () => {
    const list = await rawRequest(t.sandbox.url, 'GET', `${servicesPath}?limit=5&sort_dir=asc`, {
      form: 'sdk',
      headers: { Accept: 'application/json', 'User-Agent': 'golangsdk/2.0.0' },
    });
    expect(list.status).toBe(200);
    const action = await rawRequest(t.sandbox.url, 'POST', `${servicesPath}/unknown/permissions/action`, {
      form: 'sdk',
      body: { permissions: ['*'], action: 'add' },
    });
    expect(action.status).toBe(404);
  });

  it('rejects a request in the Go SDK form whose body, query or extra signed header changed after signing', async () => {
    const tamperings: ((r: { url: URL; body: string; headers: Record<string, string> }) => void)[] = [
      (r) => {
        r.body = '{"tampered":true}';
      },
      (r) => r.url.searchParams.set('limit', '999'),
      (r) => {
        r.headers.Accept = 'text/html';
      },
    ];
    for (const tamper of tamperings) {
      const answer = await rawRequest(t.sandbox.url, 'POST', `${servicesPath}?limit=5`, {
        form: 'sdk',
        headers: { Accept: 'application/json' },
        body: { ports: [] },
        tamper,
      });
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({ error_msg: expect.stringContaining('verify aksk signature fail') });
    }
  });

  it('rejects a Go SDK signature whose credential date is not the day of X-Sdk-Date', async () => {
    const answer = await rawRequest(t.sandbox.url, 'GET', servicesPath, {
      form: 'sdk',
      tamper: (r) => {
        r.headers.Authorization = (r.headers.Authorization ?? '').replace(/\/\d{8}\//, '/20000101/');
      },
    });
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ error_msg: expect.stringContaining('credential date') });
  });

  it('signs in the Go SDK form by default and in the API Gateway form with OTC_SIGNING=apig', async () => {
    await t.client.listVpcs();
    expect(t.control.requests({ path: /\/vpcs$/ }).at(-1)).toMatchObject({ auth: 'aksk', signing: 'sdk' });
    const apig = await startTestCloud({ auth: { kind: 'aksk', ...TEST_AKSK, signing: 'apig' } });
    try {
      await apig.client.listVpcs();
      await apig.client.listServices();
      expect(apig.control.requests().map((r) => [r.status, r.signing])).toEqual([
        [200, 'apig'],
        [200, 'apig'],
      ]);
    } finally {
      await apig.close();
    }
  });
});

describe('the client with a wrong AK/SK', () => {
  it('fails with an AuthenticationError that names OTC_ACCESS_KEY and OTC_SECRET_KEY, without retrying', async () => {
    const wrong = await startTestCloud({
      auth: { kind: 'aksk', accessKey: 'TESTACCESSKEY0000001', secretKey: 'rotated-away' },
    });
    try {
      const error = await wrong.client.listServices().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(error).toMatchObject({ status: 401, otcCode: 'APIGW.0301', retryable: false });
      expect((error as AuthenticationError).userMessage).toContain('OTC_ACCESS_KEY and OTC_SECRET_KEY');
      expect(wrong.control.requests()).toHaveLength(1);
    } finally {
      await wrong.close();
    }
  });

  it('reports auth_failed from health(), naming the variables', async () => {
    const wrong = await startTestCloud({ auth: { kind: 'aksk', accessKey: 'UNKNOWNAK', secretKey: 'x' } });
    try {
      const health = await wrong.cloud.health();
      expect(health.state).toBe('auth_failed');
      expect(health.detail).toContain('OTC_ACCESS_KEY and OTC_SECRET_KEY');
    } finally {
      await wrong.close();
    }
  });
});
