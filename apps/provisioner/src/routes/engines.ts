import { engineListSchema, quotaSchema } from '@store-platform/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';

import type { StoreService } from '../services/store-service.js';
import { principalOf } from './authorize.js';

/**
 * What a new store may be: GET /engines, which store engines can be created now (Medusa is "coming soon" unless
 * enabled) and the base domain of stores' addresses; GET /quota, how many stores the caller has of their limit.
 */
export function engineRoutes(service: StoreService) {
  return async (app: FastifyInstance) => {
    app
      .withTypeProvider<ZodTypeProvider>()
      .get('/engines', { schema: { response: { 200: engineListSchema } } }, async () => ({
        items: service.engines(),
        baseDomain: service.baseDomain,
      }))
      .get('/quota', { schema: { response: { 200: quotaSchema } } }, async (request) =>
        service.quota(principalOf(request).username),
      );
  };
}
