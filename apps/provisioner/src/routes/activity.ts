import { activityPageSchema, activityQuerySchema } from '@store-platform/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';

import type { StoreService } from '../services/store-service.js';

/** GET /activity: who did what to which store, how it ended and how long it took; newest first, paginated. */
export function activityRoutes(service: StoreService) {
  return async (app: FastifyInstance) => {
    app
      .withTypeProvider<ZodTypeProvider>()
      .get(
        '/activity',
        { schema: { querystring: activityQuerySchema, response: { 200: activityPageSchema } } },
        async (request) => service.activity(request.query),
      );
  };
}
