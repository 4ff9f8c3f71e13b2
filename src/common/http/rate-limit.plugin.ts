import fastifyRateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';
import type { AppConfig } from '../../config/app-config.js';
import type { RateLimitName } from './rate-limit.js';

/** How long a request may wait for Redis before its limit is skipped (fail open, see below). */
const REDIS_COMMAND_TIMEOUT_MS = 500;
const REDIS_CONNECT_TIMEOUT_MS = 1000;

/**
 * The client for shared counters. Tuned so that a Redis outage never holds a request: no offline
 * queue (a command while disconnected fails at once), one attempt per command, a command timeout;
 * it reconnects in the background. Errors are logged once per outage, not once per retry.
 */
export function createRateLimitRedis(url: string, log: FastifyBaseLogger): Redis {
  const redis = new Redis(url, {
    connectTimeout: REDIS_CONNECT_TIMEOUT_MS,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    // A socket already gone when the app closes would otherwise keep the process up for 2 s.
    disconnectTimeout: 200,
  });
  let down = false;
  redis.on('error', (e: Error) => {
    if (down) return;
    down = true;
    log.warn({ err: e.message }, 'Redis unreachable: rate limits are not enforced until it answers again');
  });
  redis.on('ready', () => {
    if (down) log.info('Redis answers again: rate limits shared again');
    down = false;
  });
  return redis;
}

/** Waits until the client is ready or has failed once (at most the connect timeout). */
function firstConnection(redis: Redis): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      redis.off('ready', done);
      redis.off('error', done);
      resolve();
    };
    const timer = setTimeout(done, REDIS_CONNECT_TIMEOUT_MS + 100);
    redis.once('ready', done);
    redis.once('error', done);
  });
}

/**
 * Registers @fastify/rate-limit. A route names its limit (@RateLimit); this turns the name into the
 * plugin's per-route options. Counters live in Redis when `config.redis` is set (shared by every
 * process behind the load balancer), otherwise in this process's memory.
 *
 * Redis down → fail open (`skipOnError`): the request is served without counting. The limits keep
 * spam and password guessing down; the sign-in lockout (login_attempt, in the database) still holds,
 * and refusing every public page while Redis is away would be an outage of its own.
 */
export async function registerRateLimits(app: NestFastifyApplication, fastify: FastifyInstance, config: AppConfig): Promise<void> {
  const limits: Record<RateLimitName, number> = { public: config.rateLimit.publicLimit, auth: config.rateLimit.authLimit };
  fastify.addHook('onRoute', (route) => {
    const name = (route.config as { rateLimitName?: RateLimitName } | undefined)?.rateLimitName;
    if (name) (route.config as Record<string, unknown>).rateLimit = { max: limits[name], timeWindow: config.rateLimit.ttlMs };
  });

  let redis: Redis | undefined;
  if (config.redis) {
    redis = createRateLimitRedis(config.redis.url, fastify.log);
    const client = redis;
    fastify.addHook('onClose', async () => {
      if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
      else client.disconnect();
    });
    await firstConnection(redis);
  }

  await app.register(fastifyRateLimit as never, {
    global: false,
    ...(redis ? { redis, nameSpace: `${config.redis!.keyPrefix}rate-limit:`, skipOnError: true } : {}),
    errorResponseBuilder: (_req: FastifyRequest, ctx: { after: string }) => ({
      statusCode: 429,
      code: 'RATE_LIMITED',
      message: `请求过于频繁，请${ctx.after}后再试`,
      details: [],
    }),
  });
}
