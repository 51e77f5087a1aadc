import { storeSchema } from '@store-platform/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';

import type { RepairService } from '../services/repair-service.js';
import { principalOf } from './authorize.js';
import { ifMatchHeader } from './openapi.js';
import { errors, expectedVersion, nameParams, withEtag } from './stores.js';

/**
 * POST /stores/{name}/repair (operator): installs a Running store again where its namespace or release drifted.
 * Answers 202 with the queued operation; If-Match is optional, as for retry.
 */
export function storeRepairRoutes(service: RepairService) {
  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    api.post(
      '/stores/:name/repair',
      {
        config: { role: 'operator', documentHeaders: [ifMatchHeader(false)] },
        schema: { params: nameParams, response: { 202: storeSchema, ...errors } },
      },
      async (request, reply) => {
        const actor = principalOf(request).username;
        const store = await service.repair(request.params.name, actor, expectedVersion(request));
        return reply.status(202).send(withEtag(reply, store));
      },
    );
  };
}
