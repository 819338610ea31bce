/**
 * Where an approval request lives in Redis. A request is a hash plus its message copies, its waiting
 * workflow executions and their requesters, all under the hash tag `{apr:<id>}` (one Cluster slot, so
 * one Lua script can touch them all). Indexes (open requests, per service, executions waiting, messages
 * to re-render) are plain sets beside them; they are repaired by the poller, never trusted alone. The
 * four stores of a request (requests, decision leases, message copies, workflow waits) share this layout.
 */
import type { Keys } from '../../../redis/keys.js';

export interface ApprovalKeys {
  readonly hash: (id: string) => string;
  readonly copies: (id: string) => string;
  readonly execs: (id: string) => string;
  readonly completing: (id: string, executionId: string) => string;
  readonly requesters: (id: string) => string;
  /** Open requests, scored by creation time. */
  readonly open: string;
  readonly service: (projectId: string, serviceId: string) => string;
  /** Requests that have executions waiting. */
  readonly withExecs: string;
  /** Requests whose copies must show a newer version. */
  readonly dirty: string;
  /** A `function_executed` event being handled or handled already. */
  readonly execEvent: (executionId: string) => string;
}

export function approvalKeys(keys: Keys): ApprovalKeys {
  const tag = (id: string) => `{apr:${id}}`;
  return {
    hash: (id) => keys.key(tag(id)),
    copies: (id) => keys.key(tag(id), 'copies'),
    execs: (id) => keys.key(tag(id), 'execs'),
    completing: (id, executionId) => keys.key(tag(id), 'completing', executionId),
    requesters: (id) => keys.key(tag(id), 'requesters'),
    open: keys.key('apr-open'),
    service: (projectId, serviceId) => keys.key('apr-svc', projectId, serviceId),
    withExecs: keys.key('apr-execs'),
    dirty: keys.key('apr-dirty'),
    execEvent: (executionId) => keys.key('apr-exec', executionId),
  };
}
