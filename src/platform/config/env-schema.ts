/**
 * The environment of DESIGN §2.2 as a zod schema. Every variable is a string in the environment; the
 * schema turns them into typed values and names the variable in every problem it finds.
 */
import { z } from 'zod';
import { isSlackIdOf } from '../../domain/slack-ids.js';
import { commaList, durationSeconds, isSafeTransportUrl, plainHttpProblem, portNumber } from './formats.js';

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

/** One Slack ID of the shared pattern whose first letter is one of `kinds` (U, W, S, C, G, D). */
const slackIdOf = (kinds: string, message: string) =>
  z.string().refine((id) => isSlackIdOf(id, kinds), message);

const slackId = (what: string, kinds: string) =>
  commaList.pipe(z.array(slackIdOf(kinds, `expected ${what}, comma-separated`)));

/** `OTC_ENDPOINT_VPCEP` … `OTC_ENDPOINT_IAM`: one service's base URL, `{region}` allowed. */
export const ENDPOINT_OVERRIDE_SERVICES = ['vpcep', 'vpc', 'elb', 'ecs', 'bms', 'iam'] as const;

function endpointOverrideVariables() {
  const url = (service: string) => {
    const example = `https://${service}.eu-ch2.sc.otc.t-systems.com`;
    return optionalText.pipe(
      z
        .url(`expected the base URL of the ${service.toUpperCase()} service, such as ${example}`)
        .pipe(z.string().refine(isSafeTransportUrl, plainHttpProblem(example)))
        .optional(),
    );
  };
  return Object.fromEntries(
    ENDPOINT_OVERRIDE_SERVICES.map((service) => [`OTC_ENDPOINT_${service.toUpperCase()}`, url(service)]),
  ) as Record<
    `OTC_ENDPOINT_${Uppercase<(typeof ENDPOINT_OVERRIDE_SERVICES)[number]>}`,
    ReturnType<typeof url>
  >;
}

export const envSchema = z.object({
  SLACK_BOT_TOKEN: z
    .string({ error: 'required: the bot token (xoxb-…) from the Slack app' })
    .regex(/^xoxb-/, 'expected a bot token starting with xoxb-'),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.pipe(
    z
      .string()
      .regex(/^xapp-/, 'expected an app-level token starting with xapp-')
      .optional(),
  ),
  SLACK_API_URL: optionalText.pipe(
    z
      .url({ protocol: /^https?$/, error: 'expected an http(s) URL such as https://slack.com/api/' })
      .pipe(z.string().refine(isSafeTransportUrl, plainHttpProblem('https://slack.com/api/')))
      .optional(),
  ),
  SLACK_API_RETRIES: optionalText.pipe(
    z
      .string()
      .regex(/^(10|[0-9])$/, 'expected a whole number 0–10')
      .transform(Number)
      .optional(),
  ),
  SLACK_GROUP_CACHE_SECONDS: optionalText.pipe(
    durationSeconds
      .pipe(
        z
          .number()
          .min(1, 'expected at least 1s')
          .max(3600, 'expected at most 1h: a removed group member may decide for this long'),
      )
      .optional(),
  ),
  PORT: optionalText.pipe(portNumber.optional()),
  REDIS_URL: optionalText.pipe(
    z
      .string()
      .regex(/^rediss?:\/\//, 'expected a redis:// or rediss:// URL')
      .optional(),
  ),
  REDIS_SENTINELS: optionalText,
  REDIS_SENTINEL_NAME: optionalText,
  REDIS_CLUSTER_NODES: optionalText,
  REDIS_PASSWORD: optionalText,
  REDIS_TLS: optionalText.pipe(z.enum(['true', 'false'], 'expected true or false').optional()),
  REDIS_KEY_PREFIX: optionalText,
  REDIS_DATA_DIR: optionalText,
  OTC_REGION: optionalText.pipe(
    z
      .string()
      .regex(/^[a-z]{2}-[a-z0-9-]+$/, 'expected a region such as eu-de')
      .optional(),
  ),
  OTC_PROJECT_ID: optionalText.pipe(
    z
      .string()
      .regex(/^[0-9a-f]{32}$/i, 'expected a 32-character hexadecimal project ID')
      .optional(),
  ),
  OTC_PROJECTS: optionalText,
  OTC_ACCESS_KEY: optionalText,
  OTC_SECRET_KEY: optionalText,
  OTC_SIGNING: optionalText.pipe(
    z
      .enum(['sdk', 'apig'], 'expected sdk (the Go SDK form, default) or apig (the API Gateway form)')
      .optional(),
  ),
  OTC_USERNAME: optionalText,
  OTC_PASSWORD: optionalText,
  OTC_DOMAIN_NAME: optionalText,
  OTC_ENDPOINT_TEMPLATE: optionalText.pipe(
    z
      .url('expected a URL template such as https://{service}.{region}.otc.t-systems.com')
      .pipe(
        z
          .string()
          .refine(isSafeTransportUrl, plainHttpProblem('https://{service}.{region}.otc.t-systems.com')),
      )
      .optional(),
  ),
  ...endpointOverrideVariables(),
  VPCEP_ADMINS: optionalText.pipe(slackId('Slack user IDs such as U012ABCDEF', 'UW').optional()),
  VPCEP_CREATORS: optionalText.pipe(slackId('Slack user IDs (U…) or user-group IDs (S…)', 'UWS').optional()),
  APPROVAL_CHANNEL: optionalText.pipe(
    slackIdOf('CGD', 'expected a channel ID such as C012ABCDEF').optional(),
  ),
  APPROVAL_POLL_SECONDS: optionalText.pipe(durationSeconds.optional()),
  APPROVAL_POLL_RATE: optionalText.pipe(
    z
      .string()
      .regex(/^[0-9]+(\.[0-9]+)?$/, 'expected calls per second, such as 10 or 0.5')
      .transform(Number)
      .pipe(z.number().min(0.1, 'expected at least 0.1 calls per second').max(1000, 'expected at most 1000'))
      .optional(),
  ),
  APPROVAL_REMIND_AFTER: optionalText.pipe(durationSeconds.optional()),
  APPROVAL_ESCALATE_AFTER: optionalText.pipe(durationSeconds.optional()),
  APPROVAL_DECISION_LEASE: optionalText.pipe(
    durationSeconds
      .pipe(z.number().min(5, 'expected at least 5s: a decision needs time for the cloud call'))
      .optional(),
  ),
  LIST_RATE_BURST: optionalText.pipe(
    z
      .string()
      .regex(/^[1-9][0-9]{0,3}$/, 'expected a whole number 1–9999')
      .transform(Number)
      .optional(),
  ),
  LOG_LEVEL: optionalText.pipe(
    z
      .enum(
        ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
        'expected one of fatal, error, warn, info, debug, trace, silent',
      )
      .optional(),
  ),
});

export type Env = z.infer<typeof envSchema>;
