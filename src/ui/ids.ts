/** Ids shared between views and their listeners (callback_id, block_id, action_id). */
export const FUNCTION_ROUTE_APPROVAL = 'route_connection_approval';
export const SLASH_COMMAND = '/vpcep';
