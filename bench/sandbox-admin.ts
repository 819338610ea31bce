/**
 * The bot's embedded sandbox cloud, driven from outside its process through the admin routes under
 * `/_sandbox/` (loopback only): bulk seeding, injected latency, and the log of what the cloud received.
 */
import { z } from 'zod';
import type { BulkSpec, FaultSpec } from '#src/cloud/index.js';

const bulkAnswer = z.object({ serviceIds: z.array(z.string()) });
const faultAnswer = z.object({ id: z.number() });
const loggedRequest = z.object({
  seq: z.number(),
  method: z.string(),
  path: z.string(),
  query: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
  status: z.union([z.number(), z.literal('reset')]).optional(),
});
const requestsAnswer = z.object({ requests: z.array(loggedRequest) });

/** One request the cloud received, as the admin API reports it. */
export type CloudRequest = z.infer<typeof loggedRequest>;

export interface SandboxAdmin {
  bulkSeed(projectId: string, spec: BulkSpec): Promise<string[]>;
  addFault(spec: FaultSpec): Promise<number>;
  clearFaults(): Promise<void>;
  requests(): Promise<CloudRequest[]>;
  clearRequests(): Promise<void>;
}

async function call(url: string, method: string, body?: unknown): Promise<unknown> {
  const res = await fetch(url, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`sandbox admin ${method} ${url}: HTTP ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

/** The admin API of the sandbox at `baseUrl` (e.g. `http://127.0.0.1:40123`). */
export function sandboxAdmin(baseUrl: string): SandboxAdmin {
  const url = (path: string) => `${baseUrl}/_sandbox${path}`;
  return {
    bulkSeed: async (projectId, spec) =>
      bulkAnswer.parse(await call(url(`/projects/${projectId}/bulk`), 'POST', spec)).serviceIds,
    addFault: async (spec) => faultAnswer.parse(await call(url('/faults'), 'POST', spec)).id,
    clearFaults: async () => {
      await call(url('/faults'), 'DELETE');
    },
    requests: async () => requestsAnswer.parse(await call(url('/requests'), 'GET')).requests,
    clearRequests: async () => {
      await call(url('/requests'), 'DELETE');
    },
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX32 = /^[0-9a-f]{32}$/i;

/** `GET /v1/{project}/vpc-endpoint-services/{id}/connections`: the path with its IDs named, for counting. */
export function pathTemplate(method: string, path: string): string {
  const segments = path.split('/').map((segment) => {
    if (HEX32.test(segment)) return '{project}';
    if (UUID.test(segment)) return '{id}';
    return segment;
  });
  return `${method} ${segments.join('/')}`;
}
