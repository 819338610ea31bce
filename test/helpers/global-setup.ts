/**
 * vitest global setup: one private redis-server for the whole run. Tests isolate themselves by key prefix
 * (see `uniquePrefix`); tests that stop Redis start their own with `startRedisServer`.
 */
import type { TestProject } from 'vitest/node';
import { startRedisServer } from './redis-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const redis = await startRedisServer();
  project.provide('redisUrl', redis.url);
  return () => redis.dispose();
}
