/** The playground server's JSON API, as the page calls it. */
import type { Json, Outcome, PageState } from './page-types.js';

async function answer<T>(res: Response): Promise<T> {
  const body = (await res.json()) as T & { problem?: string };
  if (!res.ok) throw new Error(body.problem ?? `HTTP ${res.status}`);
  return body;
}

export async function getState(user: string, channel: string): Promise<PageState> {
  const query = new URLSearchParams({ user, channel });
  return answer<PageState>(await fetch(`/api/state?${query}`));
}

export async function getCloud(): Promise<{ sandbox: boolean; services: Json[] }> {
  return answer(await fetch('/api/cloud'));
}

export async function post(route: string, body: Json): Promise<Outcome> {
  return answer<Outcome>(
    await fetch(`/api/${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );
}

/** Calls `onChange` whenever the server says something changed (and once on connect). */
export function liveUpdates(onChange: () => void): void {
  const source = new EventSource('/events');
  source.addEventListener('changed', () => onChange());
}
