/**
 * The sidebar: who the page acts as (with their rights), the channels, the bot's Home and Messages tabs,
 * and the playground's Workflow and Cloud panels. Every entry is a real button; the current one is marked.
 */
import { el } from './dom.js';
import type { PageState } from './page-types.js';

export type Place =
  | { kind: 'channel'; id: string }
  | { kind: 'home' }
  | { kind: 'messages' }
  | { kind: 'workflow' }
  | { kind: 'cloud' };

export interface SidebarEvents {
  persona(id: string): void;
  go(place: Place): void;
}

const same = (a: Place, b: Place) =>
  a.kind === b.kind && (a.kind !== 'channel' || (b.kind === 'channel' && a.id === b.id));

export class Sidebar {
  private personasDrawn = '';

  constructor(
    private readonly select: HTMLSelectElement,
    private readonly rights: HTMLElement,
    private readonly channels: HTMLElement,
    private readonly apps: HTMLElement,
    private readonly tools: HTMLElement,
    private readonly events: SidebarEvents,
  ) {
    select.addEventListener('change', () => events.persona(select.value));
  }

  render(state: PageState, current: Place): void {
    const key = state.personas.map((p) => p.id).join();
    if (key !== this.personasDrawn) {
      this.select.replaceChildren(...state.personas.map((p) => el('option', { value: p.id }, p.name)));
      this.personasDrawn = key;
    }
    this.select.value = state.me;
    const me = state.personas.find((p) => p.id === state.me);
    this.rights.textContent = me ? `${me.role}. ${me.rights}` : '';
    const entry = (label: string, place: Place, name = label) => {
      const button = el('button', { type: 'button', class: 'sidebar-item', 'aria-label': name }, label);
      if (same(place, current)) button.setAttribute('aria-current', 'page');
      button.addEventListener('click', () => this.events.go(place));
      return el('li', {}, button);
    };
    this.channels.replaceChildren(
      ...state.channels.map((c) => entry(`# ${c.name}`, { kind: 'channel', id: c.id }, `#${c.name}`)),
    );
    this.apps.replaceChildren(
      entry(`${state.bot.name} · Home`, { kind: 'home' }, 'Home'),
      entry(`${state.bot.name} · Messages`, { kind: 'messages' }, 'Messages'),
    );
    this.tools.replaceChildren(
      entry('Workflow', { kind: 'workflow' }),
      entry('Cloud (sandbox)', { kind: 'cloud' }),
    );
  }

  /** The pane's heading for a place. */
  title(state: PageState, place: Place): { name: string; purpose: string } {
    if (place.kind === 'channel') {
      const channel = state.channels.find((c) => c.id === place.id);
      return { name: `#${channel?.name ?? place.id}`, purpose: channel?.purpose ?? '' };
    }
    if (place.kind === 'home') return { name: state.bot.name, purpose: 'Home' };
    if (place.kind === 'messages') return { name: state.bot.name, purpose: 'Messages' };
    if (place.kind === 'workflow')
      return { name: 'Workflow', purpose: 'Workflow Builder runs the custom step' };
    return { name: 'Cloud (sandbox)', purpose: 'The cloud as the consumer and the console see it' };
  }
}
