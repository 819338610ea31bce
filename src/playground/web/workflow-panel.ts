/**
 * Workflow Builder's side of the custom step `route_connection_approval`: a form with the step's inputs
 * that sends `function_executed`, and the runs with their outputs (`functions.completeSuccess`) or error
 * (`functions.completeError`).
 */
import { post } from './api.js';
import type { CloudService } from './cloud-panel.js';
import { el, uid } from './dom.js';
import type { Json, PageState } from './page-types.js';

function field(label: string, control: HTMLInputElement | HTMLSelectElement): HTMLElement {
  const id = uid('step');
  control.id = id;
  return el('div', { class: 'step-field' }, el('label', { for: id }, label), control);
}

export class WorkflowPanel {
  private readonly serviceId = el('input', { type: 'text' });
  private readonly endpointId = el('input', { type: 'text' });
  private readonly reason = el('input', { type: 'text' });
  private readonly requester = el('select', {});
  private readonly pending = el('select', {});
  private readonly runs = el('div', { class: 'runs' });

  constructor(
    root: HTMLElement,
    private readonly problem: (message: string) => void,
  ) {
    const run = el('button', { type: 'submit', class: 'button primary' }, 'Run step');
    const form = el(
      'form',
      { class: 'step-form', 'aria-label': 'Step inputs' },
      field('Pending connection', this.pending),
      field('service_id', this.serviceId),
      field('endpoint_id', this.endpointId),
      field('requester', this.requester),
      field('reason', this.reason),
      run,
    );
    this.pending.addEventListener('change', () => {
      const [serviceId = '', endpointId = ''] = this.pending.value.split(' ');
      this.serviceId.value = serviceId;
      this.endpointId.value = endpointId;
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      run.disabled = true;
      const inputs = {
        service_id: this.serviceId.value,
        endpoint_id: this.endpointId.value,
        requester: this.requester.value,
        reason: this.reason.value,
      };
      const outcome = await post('step', { inputs }).catch((err: unknown) => ({
        ok: false,
        problem: String(err),
      }));
      if (!outcome.ok) this.problem(outcome.problem ?? 'The step could not start.');
      run.disabled = false;
    });
    root.replaceChildren(
      el('h2', { class: 'panel-title' }, 'Workflow: route_connection_approval'),
      el(
        'p',
        { class: 'panel-intro' },
        'Workflow Builder runs the bot’s custom step with these inputs (function_executed). The step joins the approval request of a pending connection and ends when an owner decides.',
      ),
      form,
      el('h3', {}, 'Runs'),
      this.runs,
    );
  }

  /** New people and pending connections for the form. */
  setChoices(state: PageState, services: readonly CloudService[]): void {
    if (this.requester.options.length === 0) {
      this.requester.append(
        el('option', { value: '' }, '(none)'),
        ...state.personas.map((p) => el('option', { value: p.id }, p.name)),
      );
    }
    const pending = services.flatMap((s) =>
      s.connections
        .filter((c) => c.status === 'pendingAcceptance')
        .map((c) => ({ value: `${s.id} ${c.endpointId}`, label: `${s.serviceName} ← ${c.endpointId}` })),
    );
    const keep = this.pending.value;
    this.pending.replaceChildren(
      el(
        'option',
        { value: '' },
        pending.length > 0 ? 'Choose a pending connection' : 'No pending connection',
      ),
      ...pending.map((p) => el('option', { value: p.value }, p.label)),
    );
    if (pending.some((p) => p.value === keep)) this.pending.value = keep;
  }

  /** The runs, newest first, with their inputs and outcome. */
  showRuns(state: PageState): void {
    const name = (id: unknown) => (typeof id === 'string' ? (state.names.users[id] ?? id) : '—');
    this.runs.replaceChildren(
      ...(state.executions.length === 0
        ? [el('p', { class: 'empty' }, 'No runs yet.')]
        : [...state.executions].reverse().map((run) => {
            const completion = run.completion as Json | null;
            const outputs = (completion?.outputs ?? {}) as Json;
            const outcome = !completion
              ? el('p', { class: 'run-waiting' }, 'In progress: waiting for a decision…')
              : completion.kind === 'success'
                ? el(
                    'dl',
                    { class: 'run-outputs', 'aria-label': `Outputs of ${run.executionId}` },
                    el('dt', {}, 'decision'),
                    el('dd', {}, String(outputs.decision ?? '')),
                    el('dt', {}, 'approver'),
                    el('dd', {}, name(outputs.approver)),
                    el('dt', {}, 'endpoint_id'),
                    el('dd', {}, String(outputs.endpoint_id ?? '')),
                  )
                : el('p', { class: 'run-error', role: 'note' }, `Failed: ${String(completion.error ?? '')}`);
            return el(
              'article',
              { class: 'run', 'aria-label': `Run ${run.executionId}` },
              el(
                'p',
                { class: 'run-inputs' },
                `service_id ${String(run.inputs.service_id ?? '—')} · endpoint_id ${String(run.inputs.endpoint_id ?? '—')}`,
              ),
              outcome,
            );
          })),
    );
  }
}
