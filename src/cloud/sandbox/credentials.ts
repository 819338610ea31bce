/**
 * The AK/SK of sandbox mode. Generated once and kept in Redis, so every replica sharing that Redis
 * (each with its own emulator) signs and verifies with the same pair, and a restart changes nothing.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { SandboxAkSk } from './sandbox-auth.js';
import type { RedisClient } from './store.js';

const stored = z.object({ accessKey: z.string().min(1), secretKey: z.string().min(1) });

function fresh(): SandboxAkSk {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const accessKey = `SANDBOX${Array.from(randomBytes(13), (b) => alphabet[b % 32]).join('')}`;
  return { accessKey, secretKey: randomBytes(30).toString('base64url') };
}

/** Reads the sandbox AK/SK from Redis, creating them the first time. */
export async function sandboxCredentials(redis: RedisClient, keyPrefix: string): Promise<SandboxAkSk> {
  const key = `${keyPrefix}sandbox:credentials`;
  await redis.set(key, JSON.stringify(fresh()), 'NX');
  const value = await redis.get(key);
  return stored.parse(JSON.parse(value ?? 'null'));
}
