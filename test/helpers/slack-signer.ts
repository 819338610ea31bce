/** The playground's implementation, shared with the tests (one implementation): see src/playground/slack/request-signer.ts. */
export * from '#src/playground/slack/request-signer.js';
