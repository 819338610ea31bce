/** The playground's implementation, shared with the tests (one implementation): see src/playground/slack/interaction-payloads.ts. */
export * from '#src/playground/slack/interaction-payloads.js';
