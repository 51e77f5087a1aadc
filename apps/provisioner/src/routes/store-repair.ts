import { storeSchema } from '@store-platform/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';

import { PlatformError } from '../domain/errors.js';
import type { RepairService } from '../services/repair-service.js';
import { principalOf } from './authorize.js';
import { errors, expectedVersion, nameParams, withEtag } from './stores.js';

/**
 * POST /stores/{name}/repair (operator): installs a Running store again where its namespace or release drifted.
 * Answers 202 with the queued operation; If-Match is optional, as for retry. Counted against the same number of
 * writes a minute as the other store writes, with a budget of its own (a plugin's rate limiter is its own).
 */
export function storeRepairRoutes(service: RepairService, writesPerMinute: number) {
  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    const limitWrites = app.createRateLimit({
      max: writesPerMinute,
      timeWindow: 60_000,
      keyGenerator: (request) => `${request.principal?.username ?? '-'}|${request.ip}`,
    });
    api.post(
      '/stores/:name/repair',
      {
        config: { role: 'operator' },
        schema: { params: nameParams, response: { 202: storeSchema, ...errors } },
        onRequest: async (request) => {
          const limit = await limitWrites(request);
          if (!limit.isAllowed && limit.isExceeded) {
            throw new PlatformError(
              'limit_reached',
              `too many writes: at most ${limit.max} a minute; try again in ${limit.ttlInSeconds} s`,
            );
          }
        },
      },
      async (request, reply) => {
        const actor = principalOf(request).username;
        const store = await service.repair(request.params.name, actor, expectedVersion(request));
        return reply.status(202).send(withEtag(reply, store));
      },
    );
  };
}
