import { activityPageSchema, activityQuerySchema } from '@store-platform/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';

import type { StoreService } from '../services/store-service.js';
import { principalOf } from './authorize.js';

/**
 * GET /activity: who did what to which store, how it ended and how long it took; newest first, paginated.
 * Account changes (users, passwords, tokens) are shown to admins, and to others only those they made.
 */
export function activityRoutes(service: StoreService) {
  return async (app: FastifyInstance) => {
    app
      .withTypeProvider<ZodTypeProvider>()
      .get(
        '/activity',
        { schema: { querystring: activityQuerySchema, response: { 200: activityPageSchema } } },
        async (request) => {
          const { username, role } = principalOf(request);
          return service.activity({
            ...request.query,
            onlyOwnAccountChangesOf: role === 'admin' ? undefined : username,
          });
        },
      );
  };
}
