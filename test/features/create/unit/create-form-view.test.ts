import { describe, expect, it } from 'vitest';
import { createFormView } from '#src/features/create/views/create-form.js';
import { CREATE_BLOCK, vpcBlockId } from '#src/features/create/views/create-ids.js';
import { createLoadingView, renderCreateScreen } from '#src/features/create/views/create-screen.js';
import { checkView } from '#src/playground/slack/index.js';
import { choices, formModel } from './create-fixtures.js';

type Json = Record<string, unknown>;
const blocksOf = (view: unknown) => (view as { blocks: Json[] }).blocks;
const labels = (view: unknown) =>
  blocksOf(view)
    .filter((b) => b.type === 'input')
    .map((b) => (b.label as { text: string }).text);
const input = (view: unknown, blockId: string) => blocksOf(view).find((b) => b.block_id === blockId);
const el = (view: unknown, blockId: string) => (input(view, blockId)?.element ?? {}) as Json;

describe('the create form view', () => {
  it("should label its inputs with the console's parameter names, in the console's order", () => {
    const view = createFormView(
      formModel({
        values: { ...formModel().values, vpcId: 'v1' },
        backends: { kind: 'list', choices: choices(3, 'elb') },
      }),
      false,
    );
    expect(labels(view)).toEqual([
      'Region',
      'Name',
      'VPC',
      'Service Type',
      'Connection Approval',
      'Backend Resource Type',
      'Load Balancer',
      'Port Mapping',
      'Tag',
      'Description',
      'Owners',
      'Owner groups',
      'Approval channel',
      'Whitelist',
    ]);
    expect(el(view, CREATE_BLOCK.serviceType)).toMatchObject({
      type: 'static_select',
      options: [{ value: 'interface', text: { text: 'Interface' } }],
      initial_option: { value: 'interface' },
    });
    expect(checkView(view, 'modal')).toBeUndefined();
  });

  it('should name the backend input after the backend type', () => {
    for (const [type, label] of [
      ['ecs', 'ECS'],
      ['bms', 'BMS'],
    ] as const) {
      const view = createFormView(formModel({ values: { ...formModel().values, backendType: type } }), false);
      expect(labels(view)).toContain(label);
    }
  });

  it('should show the region as an input, with the one configured project chosen when there is one', () => {
    const single = createFormView(
      formModel({ projects: [{ projectId: 'p-de', label: 'eu-de', region: 'eu-de' }] }),
      false,
    );
    expect(input(single, CREATE_BLOCK.region)).toMatchObject({ label: { text: 'Region' } });
    expect(el(single, CREATE_BLOCK.region)).toMatchObject({
      type: 'static_select',
      options: [{ value: 'p-de', text: { text: 'eu-de' } }],
      initial_option: { value: 'p-de' },
    });
    expect(checkView(single, 'modal')).toBeUndefined();
    const several = createFormView(formModel(), false);
    expect((el(several, CREATE_BLOCK.region).options as unknown[]).length).toBe(2);
    expect(input(several, CREATE_BLOCK.region)?.dispatch_action).toBe(true);
  });

  it('should clip a long cloud error message to what a section holds, keeping Retry', () => {
    const view = createFormView(
      formModel({ vpcs: { kind: 'error', message: `Could not load the VPCs: ${'x<'.repeat(3000)}` } }),
      false,
    );
    expect(JSON.stringify(view)).toContain('create_retry_action');
    expect(checkView(view, 'modal')).toBeUndefined();
  });

  it('should show at most 20 chosen owner groups, as /vpcep owners takes, and let no more be chosen', () => {
    const view = createFormView(formModel({ groups: choices(150, 'group') }), false);
    const groups = el(view, CREATE_BLOCK.ownerGroups);
    expect(groups.initial_options).toHaveLength(20);
    expect(groups.max_selected_items).toBe(20);
    expect(checkView(view, 'modal')).toBeUndefined();
  });

  it('should use a static select up to 100 entries and a searched external select beyond', () => {
    const hundred = createFormView(
      formModel({ vpcs: { kind: 'list', choices: choices(100, 'vpc') } }),
      false,
    );
    expect(el(hundred, vpcBlockId('p-de')).type).toBe('static_select');
    const more = createFormView(
      formModel({
        values: { ...formModel().values, vpcId: choices(101, 'vpc')[100]?.value },
        labels: { vpc: 'vpc-100' },
        vpcs: { kind: 'list', choices: choices(101, 'vpc') },
      }),
      false,
    );
    const element = el(more, vpcBlockId('p-de'));
    expect(element.type).toBe('external_select');
    expect(element.min_query_length).toBe(0);
    expect(element.initial_option).toMatchObject({ value: choices(101)[100]?.value });
    expect(checkView(more, 'modal')).toBeUndefined();
  });

  it('should show the draft values again, with approval on and the creator as owner by default', () => {
    const view = createFormView(
      formModel({ values: { ...formModel().values, name: 'orders', portsText: '8080:80', tagsText: 'a=b' } }),
      false,
    );
    expect(el(view, CREATE_BLOCK.name).initial_value).toBe('orders');
    expect(el(view, CREATE_BLOCK.ports).initial_value).toBe('8080:80');
    expect(el(view, CREATE_BLOCK.approval).initial_option).toMatchObject({
      value: 'on',
    });
    expect(el(view, CREATE_BLOCK.owners).initial_users).toEqual(['U0ALICE']);
    expect(view.private_metadata).toBe('T0TEST:U0ALICE:a1b2c3d4e5f6');
    expect(view.notify_on_close).toBe(true);
  });

  it('should say why a list is missing and offer Retry', () => {
    const view = createFormView(
      formModel({ vpcs: { kind: 'error', message: 'Could not load the VPCs: down' } }),
      false,
    );
    expect(JSON.stringify(view)).toContain('Could not load the VPCs: down');
    expect(JSON.stringify(view)).toContain('create_retry_action');
    expect(checkView(view, 'modal')).toBeUndefined();
  });

  it('should say sandbox in sandbox mode, in the form and the loading view', () => {
    expect(JSON.stringify(createFormView(formModel(), true))).toContain('Sandbox');
    expect(JSON.stringify(createLoadingView(true))).toContain('Sandbox');
    expect(checkView(createLoadingView(false), 'modal')).toBeUndefined();
  });

  it('should render the resume offer and problems within the limits', () => {
    const resume = renderCreateScreen(
      {
        kind: 'resume',
        model: {
          draftRef: 'T0TEST:U0ALICE:a1b2c3d4e5f6',
          savedAt: '2026-11-27T10:00:00.000Z',
          values: { name: 'orders', portsText: '1:2\n3:4' },
          labels: { vpc: 'vpc-a' },
          failure: 'EndPoint.3005: Failed',
        },
      },
      false,
    );
    expect(JSON.stringify(resume)).toContain('2 lines');
    expect(JSON.stringify(resume)).toContain('Edit and retry');
    expect(checkView(resume, 'modal')).toBeUndefined();
    const problem = renderCreateScreen(
      { kind: 'problem', message: 'Redis is down <now>', retryRef: '' },
      false,
    );
    expect(JSON.stringify(problem)).toContain('Redis is down &lt;now&gt;');
    expect(checkView(problem, 'modal')).toBeUndefined();
  });

  it('should offer the choice between a newer draft and the failed creation it would replace', () => {
    const choice = renderCreateScreen(
      {
        kind: 'resume',
        model: {
          draftRef: 'T0TEST:U0ALICE:0f0f0f0f0f0f',
          savedAt: '2026-11-27T10:00:00.000Z',
          values: { name: 'newer' },
          labels: {},
          replaceFor: { attemptRef: 'T0TEST:U0ALICE:a1b2c3d4e5f6.0a0b0c0d0e0f', name: 'doomed' },
        },
      },
      false,
    );
    const shown = JSON.stringify(choice);
    expect(shown).toContain('newer unfinished draft');
    expect(shown).toContain('create_edit_retry_replace_action');
    expect(shown).toContain('T0TEST:U0ALICE:a1b2c3d4e5f6.0a0b0c0d0e0f');
    expect(shown).not.toContain('create_start_over_action');
    expect(checkView(choice, 'modal')).toBeUndefined();
  });
});
