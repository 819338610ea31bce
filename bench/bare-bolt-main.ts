/** Process entry of the bare Bolt baseline: configured by environment, prints a line once listening. */
import { createBareBolt } from './bare-bolt.js';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`bare-bolt: ${name} is required`);
  return value;
}

const app = createBareBolt({
  signingSecret: required('SLACK_SIGNING_SECRET'),
  token: required('SLACK_BOT_TOKEN'),
  slackApiUrl: required('SLACK_API_URL'),
  updateActions: (process.env.BARE_UPDATE_ACTIONS ?? '').split(',').filter((id) => id !== ''),
  noticeActions: (process.env.BARE_NOTICE_ACTIONS ?? '').split(',').filter((id) => id !== ''),
});

await app.start(Number(required('PORT')));
process.stdout.write('bare-bolt ready\n');
process.on('SIGTERM', () => {
  app.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
