/**
 * The one renderer of an approval request, for other features' views (App Home and `/vpcep show` show
 * the same message). Apart from public.ts so that no use case reaches Block Kit through it.
 */
export { approvalRequestMessage } from './views/approval-request.js';
