/**
 * "The cloud" as its own process: the OTC-compatible emulator the bot's sandbox mode embeds, started
 * alone, so the cloud's work never runs in the bot's process (as in production, where the cloud is
 * remote). The bot reaches it in OTC mode (`OTC_ENDPOINT_TEMPLATE`, AK/SK). Run with `node --import tsx`.
 */
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { startSandbox } from '#src/cloud/sandbox/start-sandbox.js';
import { SANDBOX_PROJECTS } from '#src/platform/config/load-config.js';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`bench cloud: ${name} is required`);
  return value;
}

const redis = new Redis(required('REDIS_URL'), { maxRetriesPerRequest: 1 });
const sandbox = await startSandbox({
  redis,
  keyPrefix: required('REDIS_KEY_PREFIX'),
  projects: SANDBOX_PROJECTS,
  credentials: { accessKey: required('BENCH_CLOUD_AK'), secretKey: required('BENCH_CLOUD_SK') },
  logger: pino({ level: 'warn' }),
});
process.stdout.write(`bench cloud ready ${sandbox.url}\n`);
process.on('SIGTERM', () => {
  sandbox.close().then(
    () => {
      redis.disconnect();
      process.exit(0);
    },
    () => process.exit(1),
  );
});
