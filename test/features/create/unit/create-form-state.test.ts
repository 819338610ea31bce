import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyDraftChange, portsPreview } from '#src/domain/create-draft.js';
import { type DraftValues, validateDraft } from '#src/domain/endpoint-service-spec.js';
import { formErrorsAck } from '#src/features/create/views/create-errors.js';
import { createFormView } from '#src/features/create/views/create-form.js';
import { readFormState } from '#src/features/create/views/create-form-state.js';
import {
  backendBlockId,
  CREATE_ACTION,
  CREATE_BLOCK,
  vpcBlockId,
} from '#src/features/create/views/create-ids.js';
import { checkViewErrorsResponse, inputBlockIds } from '#src/playground/slack/index.js';
import { choices, formModel } from './create-fixtures.js';

const CONTEXT = { projectId: 'p-de', vpcId: 'vpc-1', backendType: 'elb' as const };

const select = (value: string | null, text = value ?? '') => ({
  type: 'static_select',
  selected_option: value === null ? null : { text: { type: 'plain_text', text }, value },
});

describe('reading the create form state', () => {
  it('should read every input into a draft change, with the chosen options’ texts', () => {
    const { change, labels } = readFormState(
      {
        [CREATE_BLOCK.region]: { [CREATE_ACTION.region]: select('p-de') },
        [CREATE_BLOCK.name]: { [CREATE_ACTION.name]: { type: 'plain_text_input', value: 'orders' } },
        [vpcBlockId('p-de')]: { [CREATE_ACTION.vpc]: select('vpc-1', 'vpc-a (10.0.0.0/16)') },
        [CREATE_BLOCK.approval]: {
          [CREATE_ACTION.approval]: { type: 'radio_buttons', selected_option: { value: 'off' } },
        },
        [CREATE_BLOCK.backendType]: {
          [CREATE_ACTION.backendType]: { type: 'radio_buttons', selected_option: { value: 'elb' } },
        },
        [backendBlockId('elb', 'vpc-1')]: { [CREATE_ACTION.backend]: select('port-1', 'elb-a — 10.0.0.5') },
        [CREATE_BLOCK.ports]: { [CREATE_ACTION.ports]: { type: 'plain_text_input', value: '8080:80' } },
        [CREATE_BLOCK.tags]: { [CREATE_ACTION.tags]: { type: 'plain_text_input', value: null } },
        [CREATE_BLOCK.owners]: {
          [CREATE_ACTION.owners]: { type: 'multi_users_select', selected_users: ['U1'] },
        },
        [CREATE_BLOCK.ownerGroups]: {
          [CREATE_ACTION.ownerGroups]: { type: 'multi_external_select', selected_options: [{ value: 'S1' }] },
        },
        [CREATE_BLOCK.approvalChannel]: {
          [CREATE_ACTION.approvalChannel]: { type: 'conversations_select', selected_conversation: 'C1' },
        },
      },
      CONTEXT,
    );
    expect(change).toEqual({
      projectId: 'p-de',
      name: 'orders',
      vpcId: 'vpc-1',
      approvalEnabled: false,
      backendType: 'elb',
      portId: 'port-1',
      portsText: '8080:80',
      tagsText: '',
      ownerUsers: ['U1'],
      ownerGroups: ['S1'],
      approvalChannel: 'C1',
    });
    expect(labels).toEqual({ vpc: 'vpc-a (10.0.0.0/16)', backend: 'elb-a — 10.0.0.5' });
  });

  it('should ignore a backend chosen for another VPC or type', () => {
    const { change } = readFormState(
      {
        [vpcBlockId('p-de')]: { [CREATE_ACTION.vpc]: select('vpc-2') },
        [backendBlockId('elb', 'vpc-1')]: { [CREATE_ACTION.backend]: select('port-1') },
      },
      CONTEXT,
    );
    expect(change).toEqual({ vpcId: 'vpc-2' });
    expect(applyDraftChange({ projectId: 'p-de', vpcId: 'vpc-1', portId: 'port-1' }, change)).toEqual({
      projectId: 'p-de',
      vpcId: 'vpc-2',
      portId: undefined,
    });
  });

  it('should clear the VPC and the backend when the project changes', () => {
    expect(
      applyDraftChange(
        { projectId: 'p-de', vpcId: 'vpc-1', portId: 'port-1', name: 'x' },
        { projectId: 'p-nl' },
      ),
    ).toEqual({ projectId: 'p-nl', vpcId: undefined, portId: undefined, name: 'x' });
  });

  it('should preview the parsed port mappings, or the first problem', () => {
    expect(portsPreview('8080:80\n8443:443')).toBe(
      '2 mappings: TCP: service port 8080, terminal port 80; TCP: service port 8443, terminal port 443',
    );
    expect(portsPreview('8080:80\nx')).toMatch(/^:warning: Line 2/);
    expect(portsPreview('  ')).toBeUndefined();
  });
});

describe('the create form under arbitrary input (property-based)', () => {
  const stateValue = fc.oneof(
    fc.anything(),
    fc.record({
      type: fc.constantFrom('plain_text_input', 'static_select', 'multi_users_select', 'radio_buttons'),
      value: fc.option(fc.string(), { nil: null }),
      selected_option: fc.option(fc.record({ value: fc.string() }), { nil: null }),
      selected_users: fc.array(fc.string()),
      selected_options: fc.array(fc.record({ value: fc.string() })),
    }),
  );
  const blockId = fc.constantFrom(
    ...Object.values(CREATE_BLOCK),
    vpcBlockId('p-de'),
    backendBlockId('elb', 'vpc-1'),
    'create_other_block',
  );
  const actionId = fc.constantFrom(...Object.values(CREATE_ACTION), 'other_action');
  const state = fc.oneof(fc.anything(), fc.dictionary(blockId, fc.dictionary(actionId, stateValue)));

  it('should never throw on any state Slack (or anyone) could send', () => {
    fc.assert(
      fc.property(state, (values) => {
        const { change } = readFormState(values, CONTEXT);
        for (const value of Object.values(change)) {
          expect(['string', 'boolean', 'object', 'undefined']).toContain(typeof value);
        }
      }),
      { numRuns: 500 },
    );
  });

  const text = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 120 }));
  const draft: fc.Arbitrary<DraftValues> = fc.record(
    {
      projectId: fc.constantFrom('p-de', 'p-nl'),
      name: text,
      vpcId: fc.option(fc.constantFrom('vpc-1', 'vpc-2'), { nil: undefined }),
      backendType: fc.constantFrom('elb' as const, 'ecs' as const, 'bms' as const),
      portId: fc.option(fc.constant('port-1'), { nil: undefined }),
      portsText: text,
      tagsText: text,
      description: text,
      ownerUsers: fc.array(fc.constantFrom('U1', 'U2'), { maxLength: 2 }),
      ownerGroups: fc.array(fc.constantFrom('S1'), { maxLength: 1 }),
      whitelistText: text,
    },
    { requiredKeys: ['projectId', 'backendType'] },
  );

  it('should put every invalid field’s message on an input block of the form as shown', () => {
    fc.assert(
      fc.property(draft, (values) => {
        const result = validateDraft(values);
        if (result.ok) return;
        const view = createFormView(
          formModel({ values, backends: { kind: 'list', choices: choices(3, 'backend') } }),
          false,
        );
        const ack = formErrorsAck(result.errors, [...inputBlockIds(view)]);
        expect(checkViewErrorsResponse(view, ack)).toEqual([]);
        const shown = Object.values(ack.errors).join('\n');
        for (const message of Object.values(result.errors)) expect(shown).toContain(message?.slice(0, 200));
      }),
      { numRuns: 400 },
    );
  });
});
