import type { FastifyInstance, FastifyRequest } from 'fastify';

import { PlatformError } from '../domain/errors.js';

/**
 * A request budget from @fastify/rate-limit (its in-memory store: each replica counts its own requests), checked
 * by calling the returned function in a hook. `keyOf` says whose budget a request spends; `refusal` says what was
 * refused, as in `${refusal}: at most 3 an hour; try again in 20 s`.
 */
export function requestBudget(
  app: FastifyInstance,
  options: {
    max: number;
    per: 'minute' | 'hour';
    keyOf: (request: FastifyRequest) => string;
    refusal: string;
  },
) {
  const limit = app.createRateLimit({
    max: options.max,
    timeWindow: options.per === 'minute' ? 60_000 : 3_600_000,
    keyGenerator: options.keyOf,
  });
  return async (request: FastifyRequest): Promise<void> => {
    const result = await limit(request);
    if (result.isAllowed || !result.isExceeded) return;
    throw new PlatformError(
      'limit_reached',
      `${options.refusal}: at most ${result.max} a${options.per === 'hour' ? 'n' : ''} ${options.per}; try again in ${result.ttlInSeconds} s`,
      undefined,
      { retryAfterSeconds: result.ttlInSeconds },
    );
  };
}
