import { RouteConfig } from '@nestjs/platform-fastify';

/**
 * Rate limits per source address, by @fastify/rate-limit (which can share its counters through
 * Redis when several app processes run). A route opts in by naming its limit; the numbers come from
 * configuration (app.factory translates the name into the plugin's per-route options).
 */
export const RATE_LIMITS = ['public', 'auth'] as const;
export type RateLimitName = (typeof RATE_LIMITS)[number];

export const RateLimit = (name: RateLimitName) => RouteConfig({ rateLimitName: name });
