/** Process entry: load the config, build the bot, start it, stop it on SIGTERM/SIGINT. */
import { createBot } from './app.js';
import { ConfigError, environmentWithDotenv, loadConfig } from './platform/config/load-config.js';
import { AppError } from './platform/errors/app-error.js';

async function main(): Promise<void> {
  const config = loadConfig(environmentWithDotenv(process.env));
  const bot = await createBot(config);
  let exiting = false;
  const shutdown = (signal: string) => {
    if (exiting) return;
    exiting = true;
    bot.logger.info({ signal }, 'shutting down');
    const hardStop = setTimeout(() => process.exit(1), 9500);
    hardStop.unref();
    bot.stop().then(
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
    await bot.start();
  } catch (err) {
    await bot.stop().catch(() => undefined);
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
