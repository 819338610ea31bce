/**
 * The playground page: a small Slack client. It opens in #general as the platform admin, keeps the person
 * and the place in the session, and re-reads what it shows whenever the server says something changed.
 */
import { getState, liveUpdates, post } from './api.js';
import { CloudPanel } from './cloud-panel.js';
import { Composer } from './composer.js';
import { Conversation } from './messages.js';
import { ModalHost } from './modal-dialog.js';
import type { PageState } from './page-types.js';
import { type Place, Sidebar } from './sidebar.js';
import { Surfaces } from './surfaces.js';
import { WorkflowPanel } from './workflow-panel.js';

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function toast(message: string): void {
  const node = byId('toast');
  node.textContent = message;
  node.classList.add('shown');
  window.setTimeout(() => node.classList.remove('shown'), 5000);
}

let state: PageState | undefined;
let persona = sessionStorage.getItem('persona') ?? '';
let place: Place = JSON.parse(sessionStorage.getItem('place') ?? 'null') ?? {
  kind: 'channel',
  id: 'C0GENERAL',
};

const surfaces = new Surfaces(() => state, toast);
const conversation = new Conversation(byId('conversation'), surfaces);
const modal = new ModalHost(byId('modal-root'), byId('app'), surfaces);
const workflow = new WorkflowPanel(byId('workflow'), toast);
const cloud = new CloudPanel(byId('cloud'), toast, () => {
  if (state) workflow.setChoices(state, cloud.services);
});
const composer = new Composer(
  byId<HTMLTextAreaElement>('composer-input'),
  byId('suggestions'),
  async (text) => {
    if (!state) return;
    const outcome = await post('send', { user: state.me, channel: state.channel, text }).catch(
      (err: unknown) => ({ ok: false, problem: String(err) }),
    );
    if (!outcome.ok) toast(outcome.problem ?? 'The message could not be sent.');
  },
);
const sidebar = new Sidebar(
  byId('persona'),
  byId('persona-rights'),
  byId('channel-list'),
  byId('app-list'),
  byId('tool-list'),
  {
    persona(id) {
      persona = id;
      sessionStorage.setItem('persona', id);
      void refresh().then(() => {
        if (place.kind === 'home') void openHome();
      });
    },
    go(next) {
      place = next;
      sessionStorage.setItem('place', JSON.stringify(next));
      void refresh().then(() => {
        if (next.kind === 'home') void openHome();
      });
    },
  },
);

async function openHome(): Promise<void> {
  if (!state) return;
  const outcome = await post('home', { user: persona }).catch((err: unknown) => ({
    ok: false,
    problem: String(err),
  }));
  if (!outcome.ok) toast(outcome.problem ?? 'The Home tab could not be opened.');
}

/** The conversation to load: a channel, or the person's DM with the bot (Messages and Home). */
function channelOf(current: PageState | undefined): string {
  if (place.kind === 'channel') return place.id;
  return current?.dm ?? 'C0GENERAL';
}

let running: Promise<void> = Promise.resolve();
let queued: Promise<void> | undefined;

async function load(): Promise<void> {
  const asked = { persona, place };
  let next = await getState(persona, channelOf(state?.me === persona ? state : undefined));
  if (place.kind !== 'channel' && next.channel !== next.dm) next = await getState(next.me, next.dm);
  // The person or place changed while loading: a newer load is already queued.
  if (asked.persona !== persona || asked.place !== place) return;
  // First visit: the server chose its first persona, the platform admin.
  if (!persona) persona = next.me;
  state = next;
  draw(next);
}

/** Reloads what the page shows: one load at a time, and at most one waiting that starts after this call. */
function refresh(): Promise<void> {
  queued ??= running.then(() => {
    queued = undefined;
    return load().catch((err: unknown) => toast(`Could not reach the playground: ${String(err)}`));
  });
  running = queued;
  return queued;
}

function draw(current: PageState): void {
  sidebar.render(current, place);
  const title = sidebar.title(current, place);
  byId('pane-title').textContent = title.name;
  byId('pane-purpose').textContent = title.purpose;
  const showConversation = place.kind === 'channel' || place.kind === 'messages';
  byId('conversation').hidden = !showConversation;
  byId('composer').hidden = !showConversation;
  byId('home').hidden = place.kind !== 'home';
  byId('workflow').hidden = place.kind !== 'workflow';
  byId('cloud').hidden = place.kind !== 'cloud';
  if (showConversation) {
    composer.setTarget(title.name, current.commands);
    conversation.render(current);
  }
  if (place.kind === 'home') surfaces.renderHome(byId('home'), current);
  if (place.kind === 'workflow') {
    workflow.setChoices(current, cloud.services);
    workflow.showRuns(current);
    void cloud.load().catch(() => undefined);
  }
  const consumer = current.personas.find((p) => p.role === 'Consumer') ?? current.personas[0];
  if (place.kind === 'cloud' && consumer) cloud.show(current.me, consumer);
  else cloud.hide();
  modal.render(current.modal);
}

// A fresh load drops the person's modals, as Slack's client does on reload; then the page follows changes.
void post('reloaded', persona ? { user: persona } : {})
  .catch(() => undefined)
  .finally(() => liveUpdates(() => void refresh()));
