/**
 * Process entry: load the config, build the bot, start it, stop it on SIGTERM/SIGINT. Without a Slack
 * token it also runs the local playground, imported only then, so Slack mode loads none of it.
 */
import { createBot } from './app.js';
import { ConfigError, environmentWithDotenv, loadConfig } from './platform/config/load-config.js';
import { playgroundWanted } from './platform/config/playground-switch.js';
import { AppError } from './platform/errors/app-error.js';
import { releaseMemoryWhenIdle } from './platform/idle-memory.js';

/** Quiet time after which the memory of a burst of requests is given back. */
const IDLE_RELEASE_MS = 1500;

async function main(): Promise<void> {
  const env = environmentWithDotenv(process.env);
  const playground = playgroundWanted(env)
    ? await (await import('./playground/index.js')).startPlayground(env)
    : undefined;
  const config = loadConfig(playground?.botEnv ?? env);
  const bot = await createBot(config);
  // The process's own memory: the bot as a library (tests, the bench's in-process runs) leaves it alone.
  const idle = releaseMemoryWhenIdle({ served: bot.served, quietMs: IDLE_RELEASE_MS, logger: bot.logger });
  await playground?.restore(bot.redis, config.redis.keyPrefix, bot.logger);
  const stopAll = async () => {
    idle.stop();
    await playground?.stop();
    await bot.stop();
    await playground?.close();
  };
  let exiting = false;
  const shutdown = (signal: string) => {
    if (exiting) return;
    exiting = true;
    bot.logger.info({ signal }, 'shutting down');
    const hardStop = setTimeout(() => process.exit(1), 9500);
    hardStop.unref();
    stopAll().then(
      () => process.exit(0),
      (err: unknown) => {
        bot.logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  try {
    const { port } = await bot.start();
    await playground?.open({
      botPort: port,
      cloud: bot.cloud,
      logger: bot.logger,
      commands: bot.subcommands,
    });
  } catch (err) {
    await stopAll().catch(() => undefined);
    throw err;
  }
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`vpcep-bot: ${err.message}\nSee .env.example for every variable.\n`);
  } else if (err instanceof AppError) {
    process.stderr.write(`vpcep-bot: ${err.userMessage}\n`);
  } else {
    process.stderr.write(`vpcep-bot: failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  }
  process.exit(1);
});
