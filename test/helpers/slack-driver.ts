/** The playground's implementation, shared with the tests (one implementation): see src/playground/slack/bot-driver.ts. */
export * from '#src/playground/slack/bot-driver.js';
