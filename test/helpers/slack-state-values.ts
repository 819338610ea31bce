/** The playground's implementation, shared with the tests (one implementation): see src/playground/slack/state-values.ts. */
export * from '#src/playground/slack/state-values.js';
