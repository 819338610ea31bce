/** Ids shared between views and their listeners (callback_id, block_id, action_id). */
export const FUNCTION_ROUTE_APPROVAL = 'route_connection_approval';
export const SLASH_COMMAND = '/vpcep';

/** "List services" button on messages outside the list itself (e.g. a creation result); handled by management. */
export const LIST_SERVICES_ACTION = 'list_services_action';
