/**
 * The two apps under test as child processes: the bot exactly as `npm start` runs it (`node
 * dist/main.js`, in OTC mode against the cloud process, or in sandbox mode) and the bare Bolt baseline (`bare-bolt-main.ts`, transpiled once to plain
 * JavaScript so neither side runs behind a TypeScript loader). The load generator and the fake Slack stay
 * in the bench process, so neither app shares its event loop with them.
 */
import { readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import ts from 'typescript';
import { SANDBOX_PROJECTS } from '#src/platform/config/load-config.js';
import { freePort } from '../test/helpers/redis-server.js';
import { answers, type ChildApp, launch, ROOT, waitFor } from './child-app.js';

export const BOT_MAIN = join(ROOT, 'dist/main.js');

/**
 * The node arguments of `npm start` (`node <flags> dist/main.js` in package.json), so the bot runs
 * exactly as it does in production, V8 flags included.
 */
function startArgs(): string[] {
  const script: unknown = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts?.start;
  const words = typeof script === 'string' ? script.trim().split(/\s+/) : [];
  if (words[0] !== 'node' || words.at(-1) !== 'dist/main.js')
    throw new Error(`npm start is not "node [flags] dist/main.js": ${String(script)}`);
  return [...words.slice(1, -1), BOT_MAIN];
}
export const TMP_DIR = join(ROOT, 'bench/results/tmp');

export const BENCH_BOT_TOKEN = 'xoxb-bench-1111-2222-bottokensecret';
export const BENCH_SIGNING_SECRET = 'bench-signing-secret-0123456789abcdef';

/** The bot, plus the base URL of the cloud it uses (its embedded sandbox's, read from its log). */
export interface BotChild extends ChildApp {
  readonly sandboxUrl: string;
  /** Its Redis key prefix (to write state it reads, e.g. service owners). */
  readonly keyPrefix: string;
  /** ms from spawn to the first `/healthz` 200 (the process answers). */
  readonly healthMs: number;
  /** ms from spawn to the first `/readyz` 200 (Redis and the cloud answer too). */
  readonly readyMs: number;
}

export interface BotLaunch {
  apiUrl: string;
  redisUrl: string;
  keyPrefix: string;
  /** An external cloud (see `startCloud`): the bot runs in OTC mode against it. Absent: sandbox mode. */
  cloudUrl?: string;
  /** Added to (and overriding) the bench defaults. */
  env?: Record<string, string>;
  /** How often `/healthz` and `/readyz` are polled while starting (ms). */
  readyPollMs?: number;
}

/** The AK/SK the external cloud accepts. */
const CLOUD_AKSK = { accessKey: 'BENCHACCESSKEY000001', secretKey: 'bench-secret-key-0123456789abcdefghij' };

/** OTC mode against the external cloud: its projects, its AK/SK, one host for every service. */
function otcEnv(cloudUrl: string): Record<string, string> {
  return {
    OTC_PROJECTS: SANDBOX_PROJECTS.map((p) => `${p.region}:${p.projectId}:${p.region}`).join(','),
    OTC_ACCESS_KEY: CLOUD_AKSK.accessKey,
    OTC_SECRET_KEY: CLOUD_AKSK.secretKey,
    OTC_ENDPOINT_TEMPLATE: cloudUrl,
  };
}

/** Starts the emulator as its own process (`cloud-main.ts`) on `redisUrl` under `keyPrefix`. */
export async function startCloud(redisUrl: string, keyPrefix: string): Promise<ChildApp & { url: string }> {
  const child = launch('cloud', ['--import', 'tsx', join(ROOT, 'bench/cloud-main.ts')], {
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: keyPrefix,
    BENCH_CLOUD_AK: CLOUD_AKSK.accessKey,
    BENCH_CLOUD_SK: CLOUD_AKSK.secretKey,
  });
  let url = '';
  void child.watch(/bench cloud ready (http:\/\/\S+)/).then((found) => {
    url = found;
  });
  await waitFor('cloud', async () => url !== '', child.proc, child.output, 30_000, 20);
  const port = Number(new URL(url).port);
  return { ...child, port, baseUrl: url, url };
}

/** Spawns `node dist/main.js` (sandbox mode, or OTC mode against `cloudUrl`) and waits for `/readyz` 200. */
export async function startBot(options: BotLaunch): Promise<BotChild> {
  const port = await freePort();
  const env = {
    SLACK_BOT_TOKEN: BENCH_BOT_TOKEN,
    SLACK_SIGNING_SECRET: BENCH_SIGNING_SECRET,
    SLACK_API_URL: options.apiUrl,
    REDIS_URL: options.redisUrl,
    REDIS_KEY_PREFIX: options.keyPrefix,
    PORT: String(port),
    LOG_LEVEL: 'info',
    ...(options.cloudUrl ? otcEnv(options.cloudUrl) : {}),
    ...options.env,
  };
  const started = performance.now();
  const child = launch('bot', startArgs(), env);
  const sandboxUrl = child.watch(/"url":"(http:\/\/127\.0\.0\.1:\d+)"/);
  const baseUrl = `http://127.0.0.1:${port}`;
  let healthMs: number | undefined;
  const healthy = async () => {
    if (healthMs === undefined && (await answers(`${baseUrl}/healthz`)))
      healthMs = performance.now() - started;
    return healthMs !== undefined;
  };
  // Both probes in every poll: a process may turn ready in the same poll it first answers.
  const ready = async () => (await Promise.all([healthy(), answers(`${baseUrl}/readyz`)]))[1];
  await waitFor('bot', ready, child.proc, child.output, 15_000, options.readyPollMs ?? 10);
  const readyMs = performance.now() - started;
  const url = options.cloudUrl ?? (await Promise.race([sandboxUrl, sleep(2000).then(() => '')]));
  if (!url) {
    await child.stop();
    throw new Error(`bot: no sandbox URL in its start-up log (is it in sandbox mode?):\n${child.output()}`);
  }
  return {
    ...child,
    port,
    baseUrl,
    sandboxUrl: url,
    keyPrefix: options.keyPrefix,
    healthMs: healthMs ?? readyMs,
    readyMs,
  };
}

/** Transpiles the bare Bolt app to plain ESM JavaScript under `bench/results/tmp/`. */
async function bareBoltScript(): Promise<string> {
  const outDir = join(TMP_DIR, 'bare-bolt');
  await mkdir(outDir, { recursive: true });
  for (const name of ['bare-bolt', 'bare-bolt-main']) {
    const source = await readFile(join(ROOT, 'bench', `${name}.ts`), 'utf8');
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2023 },
      fileName: `${name}.ts`,
    });
    await writeFile(join(outDir, `${name}.js`), outputText);
  }
  return join(outDir, 'bare-bolt-main.js');
}

export interface BareLaunch {
  apiUrl: string;
  /** Action ids answered with ack + chat.update (the approval-like button); others only ack. */
  updateActions?: readonly string[];
  /** Action ids answered with ack + an ephemeral notice through `response_url` (a refused click). */
  noticeActions?: readonly string[];
}

/** Spawns the bare Bolt baseline and waits until it listens. */
export async function startBareBolt(options: BareLaunch): Promise<ChildApp & { readyMs: number }> {
  const script = await bareBoltScript();
  const port = await freePort();
  const started = performance.now();
  const child = launch('bare-bolt', [script], {
    SLACK_BOT_TOKEN: BENCH_BOT_TOKEN,
    SLACK_SIGNING_SECRET: BENCH_SIGNING_SECRET,
    SLACK_API_URL: options.apiUrl,
    PORT: String(port),
    BARE_UPDATE_ACTIONS: (options.updateActions ?? []).join(','),
    BARE_NOTICE_ACTIONS: (options.noticeActions ?? []).join(','),
  });
  const ready = child.watch(/bare-bolt ready/);
  await waitFor(
    'bare-bolt',
    () => Promise.race([ready.then(() => true), sleep(10).then(() => false)]),
    child.proc,
    child.output,
    15_000,
    0,
  );
  return { ...child, port, baseUrl: `http://127.0.0.1:${port}`, readyMs: performance.now() - started };
}
