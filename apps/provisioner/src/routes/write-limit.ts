import type { FastifyInstance } from 'fastify';

import { PlatformError } from '../domain/errors.js';

/**
 * Store writes (every method but GET, on every route registered in `scope` after this) share one budget per user and
 * address: @fastify/rate-limit's limiter with its store, installed once on the scope that holds all the store
 * routes, since a limiter made in each route plugin would give each its own budget.
 */
export function limitWrites(scope: FastifyInstance, writesPerMinute: number): void {
  const limit = scope.createRateLimit({
    max: writesPerMinute,
    timeWindow: 60_000,
    keyGenerator: (request) => `${request.principal?.username ?? '-'}|${request.ip}`,
  });
  scope.addHook('onRequest', async (request) => {
    if (request.method === 'GET') return;
    const result = await limit(request);
    if (!result.isAllowed && result.isExceeded) {
      throw new PlatformError(
        'limit_reached',
        `too many writes: at most ${result.max} a minute; try again in ${result.ttlInSeconds} s`,
      );
    }
  });
}
