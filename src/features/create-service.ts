/** `/vpcep create` (issue 4): the modal, its drafts, the review and the creation. */
import type { Core } from './core.js';
import type { Feature } from './feature.js';

export function createServiceFeature(_core: Core): Feature {
  return { name: 'create-service' };
}
