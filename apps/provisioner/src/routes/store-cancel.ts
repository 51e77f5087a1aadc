import { storeSchema } from '@store-platform/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';

import type { StoreService } from '../services/store-service.js';
import { principalOf } from './authorize.js';
import { errors, nameParams, withEtag } from './stores.js';

/**
 * POST /stores/{name}/cancel (operator): asks the worker to stop the store's running create, retry or update. It
 * answers 202 with the store, whose operation names who asked; the operation then fails as a failure would (a
 * create cleans up, an update rolls back) with the cause `cancelled`. 409 when nothing runs, or when what runs
 * cannot be stopped half way (a delete, rollback or repair).
 */
export function storeCancelRoutes(service: StoreService) {
  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    api.post(
      '/stores/:name/cancel',
      {
        config: { role: 'operator' },
        schema: { params: nameParams, response: { 202: storeSchema, ...errors } },
      },
      async (request, reply) => {
        const store = await service.cancel(request.params.name, principalOf(request).username);
        return reply.status(202).send(withEtag(reply, store));
      },
    );
  };
}
