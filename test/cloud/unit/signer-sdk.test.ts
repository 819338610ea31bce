/**
 * The Go SDK's derived-key signature form. Two independent checks for each vector:
 * - the signature derived by hand below, step by step with node:crypto, from the algorithm of
 *   gophertelekomcloud's `signer_helper.go` (its constants "SDK", "sdk_request", the scope
 *   `<yyyymmdd>/<region>/<service>/sdk_request` with the empty region and service that
 *   `provider_client.go` passes);
 * - the Authorization header printed by that Go file itself (gophertelekomcloud @ 30e3307, `Sign`
 *   with the clock fixed at the vector's time), pasted here as a constant.
 */
import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signAs } from '#src/cloud/otc/otc-auth.js';
import {
  goValuesEncode,
  sdkCanonicalQuery,
  sdkCanonicalUri,
  signSdkRequest,
} from '#src/cloud/otc/signer-sdk.js';

// The request, keys and time of the published API Gateway vector (reference §5.2).
const AK = 'QTWAOYTTINDUT2QVKYUC';
const SK = 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc';
const credentials = { accessKey: AK, secretKey: SK };
const date = new Date('2019-11-15T03:36:55Z');
const PROJECT = '77b6a44cba5143ab91d13ab9a8ff44fd';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const hmac = (key: string | Buffer, text: string) => createHmac('sha256', key).update(text).digest();

/** The Go SDK's algorithm, written out from signer_helper.go without using the code under test. */
function byHand(canonicalRequest: string): string {
  const sdkDate = '20191115T033655Z';
  const scope = '20191115///sdk_request'; // getScope(): date, "" region, "" service, "sdk_request"
  const stringToSign = `SDK-HMAC-SHA256\n${sdkDate}\n${scope}\n${sha256(canonicalRequest)}`;
  const kDate = hmac(`SDK${SK}`, '20191115'); // buildSignKey: kSecret = "SDK" + SK
  const kRegion = hmac(kDate, '');
  const kService = hmac(kRegion, '');
  const kSigning = hmac(kService, 'sdk_request');
  return createHmac('sha256', kSigning).update(stringToSign).digest('hex');
}

const authorization = (signedHeaders: string, signature: string) =>
  `SDK-HMAC-SHA256 Credential=${AK}/20191115///sdk_request, SignedHeaders=${signedHeaders}, Signature=${signature}`;

describe('AK/SK signer, the Go SDK form (derived key, Credential=…/sdk_request)', () => {
  it('signs the published GET as the Go SDK does, by hand and as its own code printed it', () => {
    const canonical = [
      'GET',
      `/v1/${PROJECT}/vpcs/`,
      'limit=2&marker=13551d6b-755d-4757-b956-536f674975c0',
      'content-type:application/json\nhost:service.region.example.com\nx-sdk-date:20191115T033655Z\n',
      'content-type;host;x-sdk-date',
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    ].join('\n');
    const signature = byHand(canonical);
    expect(signature).toBe('a0f03b56828e2195f3f9f980a128ed757130504ee958dc210add06e9df89f227');
    const headers = signSdkRequest(
      {
        method: 'GET',
        url: new URL(
          `https://service.region.example.com/v1/${PROJECT}/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0`,
        ),
        headers: { 'Content-Type': 'application/json' },
        body: '',
      },
      credentials,
      date,
    );
    expect(headers).toEqual({
      'X-Sdk-Date': '20191115T033655Z',
      Authorization: authorization('content-type;host;x-sdk-date', signature),
    });
  });

  it('signs every header of a POST and hashes its exact body', () => {
    const body =
      '{"port_id":"4189d3c2-8882-4871-a3c2-d380272eed83","vpc_id":"4189d3c2-8882-4871-a3c2-d380272eed80","server_type":"VM","approval_enabled":true,"ports":[{"client_port":8080,"server_port":80,"protocol":"TCP"}]}';
    const canonical = [
      'POST',
      `/v1/${PROJECT}/vpc-endpoint-services/`,
      '',
      'accept:application/json\ncontent-type:application/json\nhost:vpcep.eu-de.otc.t-systems.com\nuser-agent:golangsdk/2.0.0\nx-sdk-date:20191115T033655Z\n',
      'accept;content-type;host;user-agent;x-sdk-date',
      sha256(body),
    ].join('\n');
    const signature = byHand(canonical);
    expect(signature).toBe('75ca1853f3e1ac7ef8d0c7b7a92439713e27e78b07d62c5c9657a011621f94c9');
    const headers = signSdkRequest(
      {
        method: 'POST',
        url: new URL(`https://vpcep.eu-de.otc.t-systems.com/v1/${PROJECT}/vpc-endpoint-services`),
        headers: {
          'User-Agent': 'golangsdk/2.0.0',
          'Content-Type': 'application/json',
          Accept: 'application/json',
        },
        body,
      },
      credentials,
      date,
    );
    expect(headers.Authorization).toBe(
      authorization('accept;content-type;host;user-agent;x-sdk-date', signature),
    );
  });

  it('signs a POST without a body over the encoded query instead, as the Go SDK does', () => {
    const query = 'limit=2&limit=1&name=x+y'; // url.Values.Encode(): keys sorted, spaces as "+"
    const canonical = [
      'POST',
      `/v1/${PROJECT}/vpc-endpoint-services/a%20b/`,
      '',
      'host:vpcep.eu-de.otc.t-systems.com\nx-sdk-date:20191115T033655Z\n',
      'host;x-sdk-date',
      sha256(query),
    ].join('\n');
    expect(sha256(query)).toBe('1413754277b4f97f9e417afb031e6a99fbe3f61ce7f6ab7e5ae619f34a1e8722');
    const signature = byHand(canonical);
    expect(signature).toBe('24214b25eb036f30e3da920ec6bd6c4ad5d1173f814ba710737cecc5505e5457');
    const url = new URL(
      `https://vpcep.eu-de.otc.t-systems.com/v1/${PROJECT}/vpc-endpoint-services/a%20b?name=x%20y&limit=2&limit=1`,
    );
    expect(goValuesEncode(url.search)).toBe(query);
    expect(
      signSdkRequest({ method: 'POST', url, headers: {}, body: '' }, credentials, date).Authorization,
    ).toBe(authorization('host;x-sdk-date', signature));
  });

  it('signs only the first value of a repeated query key and sorts keys ignoring case, as the Go SDK does', () => {
    const url = new URL(
      `https://elb.eu-de.otc.t-systems.com/v3/${PROJECT}/elb/loadbalancers?vpc_id=b&Marker=m&vpc_id=a&limit=2000`,
    );
    expect(sdkCanonicalQuery(url.search)).toBe('limit=2000&Marker=m&vpc_id=b');
    const headers = signSdkRequest(
      { method: 'GET', url, headers: { 'Content-Type': 'application/json' }, body: '' },
      credentials,
      date,
    );
    expect(headers.Authorization).toBe(
      authorization(
        'content-type;host;x-sdk-date',
        '5d7648a41dda933d15a44d330185a6f1a0a87a7d61446725565fc15527413849',
      ),
    );
  });

  it('decodes the path and query like Go before encoding them (a "+" in the query is a space)', () => {
    expect(sdkCanonicalUri('/v1/p/a%20b/c*d')).toBe('/v1/p/a%20b/c%2Ad/');
    expect(sdkCanonicalUri('/v1/p/')).toBe('/v1/p/');
    expect(sdkCanonicalQuery('?name=a+b&x=%7e&flag')).toBe('flag=&name=a%20b&x=~');
  });

  it('keeps both forms apart: the API Gateway form signs with the SK itself and says Access=', () => {
    const request = {
      method: 'GET',
      url: new URL(`https://service.region.example.com/v1/${PROJECT}/vpcs`),
      headers: { 'Content-Type': 'application/json' },
      body: '',
    };
    expect(signAs('apig', request, credentials, date).Authorization).toMatch(
      /^SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, Signature=[0-9a-f]{64}$/,
    );
    expect(signAs('sdk', request, credentials, date).Authorization).toMatch(
      /^SDK-HMAC-SHA256 Credential=QTWAOYTTINDUT2QVKYUC\/20191115\/\/\/sdk_request, SignedHeaders=content-type;host;x-sdk-date, Signature=[0-9a-f]{64}$/,
    );
  });
});
