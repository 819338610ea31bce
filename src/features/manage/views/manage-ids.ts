/** Ids shared between the management feature's messages, views and listeners. */

/** Next / Previous on a posted service summary (value: the page state, see `listPageValue`). */
export const LIST_PAGE_ACTION = 'manage_list_page_action';
/** Next / Previous on the ephemeral connection list of one service. */
export const CONNECTIONS_PAGE_ACTION = 'manage_connections_page_action';

/** The confirmation message of `/vpcep delete`. */
export const DELETE_CONFIRM_ACTION = 'manage_delete_confirm_action';
export const DELETE_CANCEL_ACTION = 'manage_delete_cancel_action';

/** The confirmation of `/vpcep whitelist <service> add *`. */
export const WHITELIST_CONFIRM_ACTION = 'manage_whitelist_confirm_action';
export const WHITELIST_CANCEL_ACTION = 'manage_whitelist_cancel_action';

/** The `/vpcep edit` modal. */
export const EDIT_VIEW_CALLBACK = 'manage_edit_view';
export const EDIT_NAME_BLOCK = 'edit_name_block';
export const EDIT_NAME_ACTION = 'edit_name_action';
export const EDIT_DESCRIPTION_BLOCK = 'edit_description_block';
export const EDIT_DESCRIPTION_ACTION = 'edit_description_action';
export const EDIT_APPROVAL_BLOCK = 'edit_approval_block';
export const EDIT_APPROVAL_ACTION = 'edit_approval_action';

/** App Home. */
export const HOME_REFRESH_ACTION = 'manage_home_refresh_action';

/** Next / Previous action ids on a summary page (`LIST_PAGE_ACTION` + suffix). */
export const LIST_PAGE_PATTERN = new RegExp(`^${LIST_PAGE_ACTION}_(next|previous)$`);
export const CONNECTIONS_PAGE_PATTERN = new RegExp(`^${CONNECTIONS_PAGE_ACTION}_(next|previous)$`);
