/**
 * Options of the create form's `external_select`s: VPCs and backends over 100 entries, user groups.
 * The select's block_id names what it was rendered for (the project, or the backend type and VPC); it
 * is read here, so the search gets plain values. An id the form never renders gets no options.
 */
import { z } from 'zod';
import { guarded } from '../../../slack/replying.js';
import type { CreateFlow } from '../flow/create-flow.js';
import type { OptionSearch } from '../flow/option-search.js';
import { option } from '../views/create-blocks.js';
import { backendOfBlock, projectOfVpcBlock } from '../views/create-ids.js';
import { type SuggestionArgs, whoOf } from './create-view-payload.js';

const suggestionSchema = z.object({
  block_id: z.string(),
  value: z.string().default(''),
  view: z.object({ private_metadata: z.string().default('') }).optional(),
});
type Suggestion = z.infer<typeof suggestionSchema>;

/** The handler of a select whose search `searchOf` reads from the request (none: no options). */
function optionsHandler(flow: CreateFlow, searchOf: (request: Suggestion) => OptionSearch | undefined) {
  return guarded('create options', async ({ ack, body }: SuggestionArgs) => {
    const search = searchOf(suggestionSchema.parse(body));
    const choices = search ? await flow.options(whoOf(body), search) : [];
    await ack({ options: choices.map(option) });
  });
}

export const ownerGroupOptions = (flow: CreateFlow) =>
  optionsHandler(flow, (request) => ({ kind: 'ownerGroups', query: request.value }));

export const vpcOptions = (flow: CreateFlow) =>
  optionsHandler(flow, (request) => {
    const projectId = projectOfVpcBlock(request.block_id);
    return projectId === undefined ? undefined : { kind: 'vpcs', projectId, query: request.value };
  });

export const backendOptions = (flow: CreateFlow) =>
  optionsHandler(flow, (request) => {
    const backend = backendOfBlock(request.block_id);
    if (!backend) return undefined;
    return {
      kind: 'backends',
      backendType: backend.type,
      vpcId: backend.vpcId,
      draftRef: request.view?.private_metadata ?? '',
      query: request.value,
    };
  });
