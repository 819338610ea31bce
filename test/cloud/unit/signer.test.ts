import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalQuery,
  canonicalRequest,
  canonicalUri,
  formatSdkDate,
  parseSdkDate,
  sha256Hex,
  signRequest,
} from '#src/cloud/otc/signer.js';

// The published vector of the API signing guide (reference §5.2).
const vector = {
  url: new URL(
    'https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0',
  ),
  headers: { 'Content-Type': 'application/json' },
  date: new Date('2019-11-15T03:36:55Z'),
  credentials: { accessKey: 'QTWAOYTTINDUT2QVKYUC', secretKey: 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc' },
};

describe('AK/SK signer (SDK-HMAC-SHA256)', () => {
  it('builds the canonical request of the published vector', () => {
    const request = {
      method: 'GET',
      url: vector.url,
      headers: { ...vector.headers, 'X-Sdk-Date': '20191115T033655Z' },
      body: '',
    };
    const canonical = canonicalRequest(request, ['content-type', 'host', 'x-sdk-date']);
    expect(canonical).toBe(
      [
        'GET',
        '/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs/',
        'limit=2&marker=13551d6b-755d-4757-b956-536f674975c0',
        'content-type:application/json\nhost:service.region.example.com\nx-sdk-date:20191115T033655Z\n',
        'content-type;host;x-sdk-date',
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      ].join('\n'),
    );
    expect(sha256Hex(canonical)).toBe('b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a');
  });

  it('reproduces the published Authorization header', () => {
    const headers = signRequest(
      { method: 'GET', url: vector.url, headers: vector.headers, body: '' },
      vector.credentials,
      vector.date,
    );
    expect(headers).toEqual({
      'X-Sdk-Date': '20191115T033655Z',
      Authorization:
        'SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe',
    });
  });

  it('signs the host without the default port but with any other port', () => {
    const at443 = signRequest(
      { method: 'GET', url: new URL('https://service.region.example.com:443/v1/x'), headers: {}, body: '' },
      vector.credentials,
      vector.date,
    );
    const plain = signRequest(
      { method: 'GET', url: new URL('https://service.region.example.com/v1/x'), headers: {}, body: '' },
      vector.credentials,
      vector.date,
    );
    const at8443 = signRequest(
      { method: 'GET', url: new URL('https://service.region.example.com:8443/v1/x'), headers: {}, body: '' },
      vector.credentials,
      vector.date,
    );
    expect(at443.Authorization).toBe(plain.Authorization);
    expect(at8443.Authorization).not.toBe(plain.Authorization);
    expect(plain.Authorization).toContain('SignedHeaders=host;x-sdk-date,');
  });

  it('hashes the exact body bytes of a POST', () => {
    const sign = (body: string) =>
      signRequest(
        {
          method: 'POST',
          url: new URL('https://h/v1/p/vpc-endpoint-services'),
          headers: vector.headers,
          body,
        },
        vector.credentials,
        vector.date,
      ).Authorization;
    expect(sign('{"a":1}')).not.toBe(sign('{"a": 1}'));
  });

  it('always ends the canonical URI with a slash and encodes each segment per RFC 3986', () => {
    expect(canonicalUri('/v1/p/vpc-endpoint-services')).toBe('/v1/p/vpc-endpoint-services/');
    expect(canonicalUri('/v1/p/')).toBe('/v1/p/');
    expect(canonicalUri('/a%20b/c*d')).toBe('/a%20b/c%2Ad/');
  });

  it('sorts the query by name then value, re-encodes it and keeps empty values with "="', () => {
    expect(canonicalQuery('?vpc_id=b&limit=2&vpc_id=a&flag')).toBe('flag=&limit=2&vpc_id=a&vpc_id=b');
    expect(canonicalQuery('?name=a+b&x=%7e')).toBe('name=a%2Bb&x=~');
    expect(canonicalQuery('?name=a%20b')).toBe('name=a%20b');
    expect(canonicalQuery('')).toBe('');
  });

  it('formats and parses X-Sdk-Date symmetrically', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        (d) => {
          const seconds = new Date(Math.floor(d.getTime() / 1000) * 1000);
          expect(parseSdkDate(formatSdkDate(seconds))?.getTime()).toBe(seconds.getTime());
        },
      ),
    );
    expect(parseSdkDate('2019-11-15T03:36:55Z')).toBeUndefined();
  });
});
