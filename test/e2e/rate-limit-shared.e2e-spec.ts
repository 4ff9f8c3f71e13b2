import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import { Redis } from 'ioredis';
import { bootTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * Two app processes behind one load balancer: with REDIS_URL their rate-limit counters are one
 * (the sum of what both let through equals the limit); without it each counts alone. Each app has
 * its own throw-away database (SQLite file or MariaDB database): rate limits do not use it.
 * Redis is required (127.0.0.1:6379 or TEST_REDIS_URL; .ci/run installs and starts it): the file
 * fails, it does not skip, when Redis does not answer.
 */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const LIMIT = 5;
const PATH = '/api/public/accounts';

const limited = (extra: Record<string, string> = {}) => ({ RATE_LIMIT: 'true', RATE_LIMIT_PUBLIC: String(LIMIT), RATE_LIMIT_WINDOW_MS: '60000', ...extra });

/** Requests alternate between the apps like a round-robin balancer; statuses per app. */
async function roundRobin(apps: TestApp[], n: number): Promise<number[][]> {
  const statuses: number[][] = apps.map(() => []);
  for (let k = 0; k < n; k++) {
    const i = k % apps.length;
    statuses[i].push((await apps[i].http.get(PATH)).status);
  }
  return statuses;
}
const allowed = (s: number[]) => s.filter((x) => x === 200).length;

async function bootPair(env: Record<string, string>): Promise<[TestApp, TestApp]> {
  const a = await bootTestApp(env);
  const b = await bootTestApp(env).catch(async (e) => {
    await a.close();
    throw e;
  });
  return [a, b];
}

describe('rate limits shared by two app processes through Redis', () => {
  let redis: Redis;
  const prefix = `e2e-${randomUUID().slice(0, 8)}:`;

  beforeAll(async () => {
    redis = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 0, retryStrategy: () => null });
    try {
      await redis.connect();
      expect(await redis.ping()).toBe('PONG');
    } catch (e) {
      redis.disconnect();
      throw new Error(`Redis does not answer at ${REDIS_URL} (${e instanceof Error ? e.message : String(e)}): start redis-server, as .ci/run does`);
    }
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('with REDIS_URL the public limit holds across both apps: together they let exactly the limit through', async () => {
    const [a, b] = await bootPair(limited({ REDIS_URL, REDIS_KEY_PREFIX: prefix }));
    try {
      const [sa, sb] = await roundRobin([a, b], 2 * LIMIT + 2);
      expect(allowed(sa) + allowed(sb)).toBe(LIMIT);
      // Both served part of the allowance, and both refuse once it is used up.
      expect(allowed(sa)).toBeGreaterThan(0);
      expect(allowed(sb)).toBeGreaterThan(0);
      expect(sa.at(-1)).toBe(429);
      expect(sb.at(-1)).toBe(429);
      // The counter is one key in Redis under this run's prefix.
      const keys = await redis.keys(`${prefix}*`);
      expect(keys).toHaveLength(1);
      expect(Number(await redis.get(keys[0]))).toBe(2 * LIMIT + 2);
      const res = await b.http.get(PATH);
      expect(res.status).toBe(429);
      expect(res.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('without REDIS_URL each app counts alone: together they let twice the limit through', async () => {
    const [a, b] = await bootPair(limited());
    try {
      const [sa, sb] = await roundRobin([a, b], 2 * LIMIT + 2);
      expect(allowed(sa)).toBe(LIMIT);
      expect(allowed(sb)).toBe(LIMIT);
      expect(sa.at(-1)).toBe(429);
    } finally {
      await a.close();
      await b.close();
    }
  });

  describe('Redis down: requests are served (fail open), never held', () => {
    async function expectServedQuickly(t: TestApp) {
      for (let k = 0; k < LIMIT + 3; k++) {
        const started = Date.now();
        const res = await t.http.get(PATH);
        expect(res.status).toBe(200);
        expect(Date.now() - started).toBeLessThan(1500);
      }
    }

    it('nothing listens on the Redis port', async () => {
      const t = await bootTestApp(limited({ REDIS_URL: 'redis://127.0.0.1:1', REDIS_KEY_PREFIX: prefix }));
      try {
        await expectServedQuickly(t);
      } finally {
        const closing = Date.now();
        await t.close();
        expect(Date.now() - closing).toBeLessThan(5000);
      }
    });

    it('Redis accepts connections but never answers', async () => {
      const silent: Server = createServer(() => undefined);
      await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
      const port = (silent.address() as { port: number }).port;
      const t = await bootTestApp(limited({ REDIS_URL: `redis://127.0.0.1:${port}`, REDIS_KEY_PREFIX: prefix }));
      try {
        await expectServedQuickly(t);
      } finally {
        await t.close();
        silent.close();
      }
    });
  });
});
