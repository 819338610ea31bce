/**
 * How many owners one service takes, wherever owners are named (`/vpcep owners`, the create form):
 * one limit, so a service created through the form can always be shown and changed by the command.
 * Larger teams belong in a user group.
 */
export const MAX_OWNER_USERS = 50;
export const MAX_OWNER_GROUPS = 20;
