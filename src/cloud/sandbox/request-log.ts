/**
 * Every API request the emulator received (admin routes excluded), so tests can assert exactly what
 * the cloud got: method, path, query, parsed body, how it authenticated, and the status answered.
 * Bounded: the oldest entries go first.
 */

export interface LoggedRequest {
  readonly seq: number;
  /** When it arrived (epoch ms), so a test can tell how calls were spaced. */
  readonly at: number;
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string | string[]>>;
  /** Parsed JSON, the raw text when not JSON, undefined when empty. */
  readonly body: unknown;
  readonly auth: 'aksk' | 'token' | 'none';
  /** With AK/SK: the signature form (`sdk`: the Go SDK's `Credential=`, `apig`: `Access=`). */
  readonly signing: 'sdk' | 'apig' | undefined;
  readonly projectHeader: string | undefined;
  status: number | 'reset' | undefined;
}

export interface RequestFilter {
  readonly method?: string;
  /** Regular expression (or its source) on the path. */
  readonly path?: RegExp | string;
}

export function queryRecord(params: URLSearchParams): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = {};
  for (const name of new Set(params.keys())) {
    const values = params.getAll(name);
    record[name] = values.length === 1 ? (values[0] ?? '') : values;
  }
  return record;
}

export class RequestLog {
  private entries: LoggedRequest[] = [];
  private seq = 0;

  constructor(private readonly capacity = 20_000) {}

  add(entry: Omit<LoggedRequest, 'seq' | 'at'>): LoggedRequest {
    const logged = { ...entry, seq: ++this.seq, at: Date.now() };
    this.entries.push(logged);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
    return logged;
  }

  list(filter: RequestFilter = {}): LoggedRequest[] {
    const pattern = typeof filter.path === 'string' ? new RegExp(filter.path) : filter.path;
    return this.entries.filter(
      (e) =>
        (!filter.method || e.method === filter.method.toUpperCase()) && (!pattern || pattern.test(e.path)),
    );
  }

  clear(): void {
    this.entries = [];
  }
}
