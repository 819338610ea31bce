/**
 * Every rule of the console page, broken once on the create form: the submission gets an inline
 * message on the field at fault (naming the line for ports and tags), the draft keeps what was typed,
 * and the cloud never receives a create request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE_BLOCK, CREATE_VIEW } from '#src/features/create/views/create-ids.js';
import type { StoredView } from '#src/playground/slack/index.js';
import type { StateValueInput } from '../../../helpers/slack-state-values.js';
import {
  blockIdOf,
  type CreateEnv,
  change,
  createRequests,
  currentView,
  type FormField,
  formState,
  inputBlock,
  optionValue,
  runCreate,
  startCreateEnv,
  storedDraft,
} from './create-harness.js';

const USER = 'U0RULES';
let env: CreateEnv;
let form: StoredView;
let valid: Partial<Record<FormField, StateValueInput>>;

beforeAll(async () => {
  env = await startCreateEnv();
  form = await runCreate(env, USER);
  form = await change(env, form, USER, 'vpc', optionValue(form, 'vpc', 'vpc-demo-a'));
  valid = {
    name: 'orders',
    backend: optionValue(form, 'backend', 'elb-shared-a'),
    ports: '8080:80',
    tags: 'env=prod',
    description: 'Orders',
    owners: [USER],
    whitelist: '',
  };
});

afterAll(async () => {
  await env.stop();
});

const lines = (count: number, make: (i: number) => string) =>
  Array.from({ length: count }, (_, i) => make(i)).join('\n');

type Rule = [string, FormField, StateValueInput, RegExp, string?];

const RULES: Rule[] = [
  ['a name over 16 characters', 'name', 'a'.repeat(17), /17 characters; at most 16/],
  ['a name with other characters', 'name', 'bad name!', /only letters, digits, _ and -/],
  ['no VPC', 'vpc', null, /Choose the VPC/],
  ['no load balancer', 'backend', null, /Choose a load balancer in the chosen VPC/],
  ['no port mapping', 'ports', '', /Add at least one port mapping/],
  ['a line that is not a mapping', 'ports', '8080-80', /Line 1: "8080-80" is not service_port:terminal_port/],
  ['a service port below 1', 'ports', '8080:80\n0:81', /Line 2: service port 0 is not between 1 and 65535/],
  [
    'a terminal port above 65535',
    'ports',
    '8080:65536',
    /Line 1: terminal port 65536 is not between 1 and 65535/,
  ],
  [
    'a repeated terminal port',
    'ports',
    '8080:80\n9090:80',
    /Line 2: terminal port 80 is already used on line 1/,
  ],
  ['a repeated pair', 'ports', '8080:80\n8080:80', /Line 2: 8080:80 repeats line 1/],
  ['51 port mappings', 'ports', lines(51, (i) => `${1000 + i}:${2000 + i}`), /51 port mappings: at most 50/],
  ['a tag line without =', 'tags', 'envprod', /Line 1: "envprod" is not key=value/],
  ['a blank tag key', 'tags', 'env=prod\n=x', /Line 2: the tag key is blank/],
  ['a blank tag value', 'tags', 'env=', /Line 1: the tag value is blank/],
  ['a tag key over 36 characters', 'tags', `${'k'.repeat(37)}=v`, /37 characters; at most 36/],
  ['a tag value over 43 characters', 'tags', `env=${'v'.repeat(44)}`, /44 characters; at most 43/],
  [
    'a tag key with other characters',
    'tags',
    'env.x=prod',
    /Line 1: the tag key "env.x" may contain only letters, digits, - and _/,
  ],
  ['a repeated tag key', 'tags', 'env=prod\nenv=dev', /Line 2: the tag key "env" is already used on line 1/],
  ['21 tags', 'tags', lines(21, (i) => `k${i}=v${i}`), /21 tags: at most 19/],
  ['a description over 128 characters', 'description', 'd'.repeat(129), /129 characters; at most 128/],
  ['a description with < or >', 'description', 'a <b> c', /may not contain < or >/],
  ['no owner at all', 'owners', [], /Name at least one owner/],
  ['a whitelist entry that is no account ID', 'whitelist', 'not/valid', /"not\/valid" is not an account ID/],
  ['a service type other than Interface', 'serviceType', 'gateway', /Only the Interface service type/],
  [
    'more owner groups than /vpcep owners takes',
    'ownerGroups',
    {
      type: 'multi_external_select',
      selected_options: Array.from({ length: 21 }, (_, i) => ({
        text: { type: 'plain_text', text: `@group${i}` },
        value: `S0GROUP${i}`,
      })) as never,
    },
    /At most 20 owner groups; you chose 21/,
  ],
];

async function draftValues(): Promise<Record<string, unknown>> {
  return (await storedDraft(env, USER)).values;
}

describe('the create form refuses what the console page refuses', () => {
  it.each(RULES)(
    'should refuse %s with an inline message on that field',
    async (_rule, field, value, message) => {
      const response = await env.slack.viewSubmission({
        userId: USER,
        view: form,
        values: formState(form, { ...valid, [field]: value }),
      });
      expect(response.ackIssues).toEqual([]);
      const body = response.body as { response_action: string; errors: Record<string, string> };
      expect(body.response_action).toBe('errors');
      expect(body.errors[blockIdOf(form, field)]).toMatch(message);
      expect(currentView(env, form.id).callback_id).toBe(CREATE_VIEW.form);
      if (
        typeof value === 'string' &&
        value !== '' &&
        ['ports', 'tags', 'description', 'name'].includes(field)
      ) {
        const saved = await draftValues();
        const key = { ports: 'portsText', tags: 'tagsText', description: 'description', name: 'name' }[
          field as 'name'
        ];
        expect(saved[key]).toBe(value);
      }
    },
  );

  it.each([
    ['without a name', ''],
    ['with a name', 'tagged'],
  ])(
    'should allow 19 tags %s, say why in the hint, and refuse the 20th on the tag field',
    async (_what, name) => {
      const hint = JSON.stringify(inputBlock(form, 'tags')?.hint);
      expect(hint).toContain('at most 19: the cloud takes 20');
      expect(hint).toContain('vpcep-bot-attempt');
      const response = await env.slack.viewSubmission({
        userId: USER,
        view: form,
        values: formState(form, { ...valid, name, tags: lines(20, (i) => `k${i}=v${i}`) }),
      });
      const body = response.body as { response_action: string; errors: Record<string, string> };
      expect(body.response_action).toBe('errors');
      expect(body.errors[blockIdOf(form, 'tags')]).toMatch(
        /^20 tags: at most 19, because the cloud takes 20 and the bot adds one of its own/,
      );
    },
  );

  it('should refuse a backend that is not in the chosen VPC, on the backend field', async () => {
    // The load balancer of VPC b, sent with VPC a chosen (a forged or stale submission).
    const other = await change(env, form, USER, 'vpc', optionValue(form, 'vpc', 'vpc-demo-b'));
    const foreign = optionValue(other, 'backend', 'elb-shared-b');
    form = await change(env, other, USER, 'vpc', optionValue(other, 'vpc', 'vpc-demo-a'));
    const response = await env.slack.viewSubmission({
      userId: USER,
      view: form,
      values: formState(form, { ...valid, backend: foreign }),
    });
    expect(response.ackIssues).toEqual([]);
    const body = response.body as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(body.errors[blockIdOf(form, 'backend')]).toBe(
      'The backend must be in the chosen VPC: one backend per service, in the same VPC. Choose one of the resources listed for this VPC.',
    );
    expect(currentView(env, form.id).callback_id).toBe(CREATE_VIEW.form);
  });

  it('should refuse a VPC that is not among the listed ones, on the VPC field', async () => {
    const response = await env.slack.viewSubmission({
      userId: USER,
      view: form,
      values: formState(form, { ...valid, vpc: '0b0b0b0b-0000-4000-8000-000000000000' }),
    });
    const body = response.body as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(body.errors[blockIdOf(form, 'vpc')]).toMatch(
      /Choose one of the VPCs listed for the chosen region/,
    );
  });

  it('should name every invalid field at once', async () => {
    const response = await env.slack.viewSubmission({
      userId: USER,
      view: form,
      values: formState(form, {
        ...valid,
        name: 'x y',
        ports: 'nope',
        tags: '=',
        description: '<',
        owners: [],
      }),
    });
    const body = response.body as { errors: Record<string, string> };
    expect(Object.keys(body.errors).sort()).toEqual(
      [
        CREATE_BLOCK.name,
        CREATE_BLOCK.ports,
        CREATE_BLOCK.tags,
        CREATE_BLOCK.description,
        CREATE_BLOCK.owners,
      ].sort(),
    );
  });

  it('should accept a valid form after all, and never have sent a create request', async () => {
    const response = await env.slack.viewSubmission({
      userId: USER,
      view: form,
      values: formState(form, valid),
    });
    expect((response.body as { response_action: string }).response_action).toBe('update');
    expect(currentView(env, form.id).callback_id).toBe(CREATE_VIEW.review);
    expect(createRequests(env)).toEqual([]);
    env.fake.assertNoRejections();
  });
});
