/**
 * The guided first run: one message from the Playground app in #general that says what to try, in order.
 * Posted once; a restarted playground finds it in the saved conversation and does not post it again.
 */
import type { FakeSlack } from './slack/index.js';
import { ADMIN, APPROVALS, CONSUMER, ENGINEER, GENERAL, OWNER, PLAYGROUND_APP } from './workspace.js';

export const WELCOME_TITLE = 'Welcome to the vpcep-bot playground';
/** Who posted the welcome in saves from before it came from the Playground app. */
const EARLIER_SENDERS: readonly string[] = [PLAYGROUND_APP.id, 'USLACKBOT'];

const STEPS = [
  `*Create a service.* Type \`/vpcep create\` below. Pick a VPC and a load balancer, add a port mapping such as \`8080:80\`, name <@${OWNER.id}> as an owner, then *Review* and *Create*.`,
  `*Ask to connect as the consumer.* Switch to <@${CONSUMER.id}> and, in the *Cloud* panel, ask to connect to your service.`,
  `*Approve as the owner.* In <#${APPROVALS.id}>, try *Approve* as <@${ENGINEER.id}> (the bot refuses her, privately), then as <@${OWNER.id}>.`,
  '*List the services.* Run `/vpcep list` and page through the summary.',
  '*Open the Home tab* of vpcep-bot in the sidebar.',
  '*Run the workflow step* `route_connection_approval` in the *Workflow* panel, and watch its `decision` and `approver`.',
];

export function welcomeBlocks(): unknown[] {
  return [
    { type: 'header', text: { type: 'plain_text', text: WELCOME_TITLE } },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `This is a Slack workspace on your machine, with the bot and a sandbox cloud. You are <@${ADMIN.id}>, a platform admin; switch people at the top left to see the rights rules at work.`,
      },
    },
    ...STEPS.map((step, i) => ({ type: 'section', text: { type: 'mrkdwn', text: `${i + 1}. ${step}` } })),
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: ':information_source: Nothing leaves this machine. Set SLACK_BOT_TOKEN to run the bot in your own Slack workspace instead.',
        },
      ],
    },
  ];
}

/** Posts the welcome into #general unless the conversation already has it. */
export function postWelcome(fake: FakeSlack): void {
  const posted = fake
    .messages(GENERAL.id)
    .some((m) => EARLIER_SENDERS.includes(m.user) && m.text === WELCOME_TITLE);
  if (!posted)
    fake.state.messages.post(GENERAL.id, { text: WELCOME_TITLE, blocks: welcomeBlocks() }, PLAYGROUND_APP.id);
}
