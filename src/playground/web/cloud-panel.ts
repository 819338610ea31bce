/**
 * The cloud's side (sandbox): every endpoint service and its connections as the cloud reports them, for
 * the consumer "Ask to connect" (what `/vpcep sandbox connect` does), and for anyone "Add demo services",
 * so that `/vpcep list` has more than one page to turn. Refreshes while shown.
 */
import { getCloud, post } from './api.js';
import { el } from './dom.js';
import type { Json, Outcome } from './page-types.js';

const REFRESH_MS = 2000;

export interface CloudService {
  projectId: string;
  region: string;
  id: string;
  serviceName: string;
  status: string;
  approvalEnabled: boolean;
  connections: Array<{ endpointId: string; domainId?: string; status: string }>;
}

export class CloudPanel {
  private timer: number | undefined;
  private persona = '';
  private consumer = '';
  /** What is drawn, so a refresh that changes nothing leaves the DOM (and a click in progress) alone. */
  private drawn = '';
  /** What the last "Add demo services" did, shown until the panel is left. */
  private notice = '';
  /** The last services seen (the workflow panel offers their pending connections). */
  services: CloudService[] = [];

  constructor(
    private readonly root: HTMLElement,
    private readonly problem: (message: string) => void,
    private readonly onData: () => void,
  ) {}

  show(persona: string, consumer: { id: string; name: string }): void {
    this.persona = persona;
    this.consumer = consumer.id;
    window.clearInterval(this.timer);
    void this.refresh(consumer.name);
    this.timer = window.setInterval(() => void this.refresh(consumer.name), REFRESH_MS);
  }

  hide(): void {
    window.clearInterval(this.timer);
    this.notice = '';
  }

  /** Loads the services without drawing (for the workflow panel). */
  async load(): Promise<CloudService[]> {
    const data = await getCloud();
    this.services = data.services as unknown as CloudService[];
    this.onData();
    return this.services;
  }

  private async refresh(consumerName: string): Promise<void> {
    const data = await getCloud().catch((err: unknown) => {
      this.problem(String(err));
      return undefined;
    });
    if (!data) return;
    this.services = data.services as unknown as CloudService[];
    this.onData();
    this.draw(data.sandbox, consumerName);
  }

  private draw(sandbox: boolean, consumerName: string): void {
    const key = JSON.stringify([sandbox, this.persona, this.services, this.notice]);
    if (key === this.drawn) return;
    this.drawn = key;
    const isConsumer = this.persona === this.consumer;
    const intro = sandbox
      ? isConsumer
        ? 'You are the consumer: your VPC endpoint, in another account, can ask to connect to any service below.'
        : `Switch to ${consumerName} to ask for a connection as the consumer.`
      : 'The bot runs against a real cloud: the consumer side is only available in the sandbox.';
    const services =
      this.services.length === 0
        ? [el('p', { class: 'empty' }, 'No endpoint services yet. Create one with /vpcep create.')]
        : this.services.map((service) => this.serviceCard(service, sandbox && isConsumer, consumerName));
    this.root.replaceChildren(
      el('h2', { class: 'panel-title' }, 'Cloud (sandbox)'),
      el('p', { class: 'panel-intro' }, intro),
      ...(sandbox ? [this.demoData(consumerName)] : []),
      ...services,
    );
  }

  /** "Add demo services": available services in the first region, more than a list page holds. */
  private demoData(consumerName: string): HTMLElement {
    const add = el('button', { type: 'button', class: 'button' }, 'Add demo services');
    add.addEventListener('click', async () => {
      add.disabled = true;
      const outcome = (await post('seed', { user: this.persona }).catch(
        (err: unknown): Outcome => ({ ok: false, problem: String(err) }),
      )) as Outcome & { count?: number; region?: string };
      if (outcome.ok !== true) this.problem(String(outcome.problem ?? 'The sandbox added no services.'));
      else this.notice = `Added ${String(outcome.count)} demo services in ${String(outcome.region)}.`;
      await this.refresh(consumerName);
    });
    return el(
      'div',
      { class: 'demo-data' },
      add,
      el(
        'span',
        { class: 'demo-note', role: 'status' },
        this.notice || 'Fills the sandbox with available services, so /vpcep list has pages to turn.',
      ),
    );
  }

  private serviceCard(service: CloudService, canConnect: boolean, consumerName: string): HTMLElement {
    const ask = el(
      'button',
      { type: 'button', class: 'button primary', disabled: !canConnect },
      'Ask to connect',
    );
    ask.setAttribute('aria-label', `Ask to connect to ${service.serviceName}`);
    ask.addEventListener('click', async () => {
      ask.disabled = true;
      const outcome = await post('connect', {
        user: this.persona,
        projectId: service.projectId,
        serviceId: service.id,
      }).catch((err: unknown) => ({ ok: false, problem: String(err) }) as Json);
      if (outcome.ok !== true) this.problem(String(outcome.problem ?? 'The cloud refused the connection.'));
      await this.refresh(consumerName);
    });
    const rows = service.connections.map((c) =>
      el(
        'tr',
        {},
        el('td', {}, c.endpointId),
        el('td', {}, c.domainId ?? '—'),
        el('td', { class: `status status-${c.status}` }, c.status),
      ),
    );
    return el(
      'section',
      { class: 'cloud-service', 'aria-label': service.serviceName },
      el('h3', {}, service.serviceName),
      el(
        'p',
        { class: 'cloud-meta' },
        `${service.region} · ${service.status} · approval ${service.approvalEnabled ? 'required' : 'not required'}`,
      ),
      rows.length > 0
        ? el(
            'table',
            { class: 'connections', 'aria-label': `Connections of ${service.serviceName}` },
            el(
              'thead',
              {},
              el(
                'tr',
                {},
                el('th', {}, 'Endpoint'),
                el('th', {}, 'Consumer account'),
                el('th', {}, 'Status'),
              ),
            ),
            el('tbody', {}, ...rows),
          )
        : el('p', { class: 'empty' }, 'No connections.'),
      ask,
    );
  }
}
