/** The playground's implementation, shared with the tests (one implementation): see src/playground/slack/event-payloads.ts. */
export * from '#src/playground/slack/event-payloads.js';
