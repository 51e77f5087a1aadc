import { engineListSchema } from '@store-platform/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';

import type { StoreService } from '../services/store-service.js';

/** GET /engines: which store engines can be created now (Medusa is "coming soon" unless enabled). */
export function engineRoutes(service: StoreService) {
  return async (app: FastifyInstance) => {
    app
      .withTypeProvider<ZodTypeProvider>()
      .get('/engines', { schema: { response: { 200: engineListSchema } } }, async () => ({
        items: service.engines(),
      }));
  };
}
