import {
  createTokenRequestSchema,
  errorSchema,
  tokenListQuerySchema,
  tokenListSchema,
  tokenParamsSchema,
  tokenSchema,
} from '@store-platform/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

import type { TokenService } from '../services/token-service.js';
import { principalOf } from './authorize.js';
import { requestBudget } from './limits.js';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 429: errorSchema };

/** /auth/tokens: API tokens for scripts (Authorization: Bearer): create (shown once), list, revoke. */
export function tokenRoutes(tokens: TokenService, options: { createsPerHour: number }) {
  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    const createBudget = requestBudget(app, {
      max: options.createsPerHour,
      per: 'hour',
      keyOf: (request) => `tokens|${principalOf(request).username}`,
      refusal: 'too many API tokens made',
    });

    // This platform's TOKEN_MAX_TTL_DAYS, in the body's schema and so in the OpenAPI document.
    const body = createTokenRequestSchema.extend({
      expiresInDays: z
        .number()
        .int()
        .min(1)
        .max(tokens.lifetime.maxDays, {
          message: `a token may live at most ${tokens.lifetime.maxDays} days on this platform (TOKEN_MAX_TTL_DAYS)`,
        })
        .optional(),
    });
    api.post(
      '/auth/tokens',
      {
        onRequest: createBudget,
        schema: { body, response: { 201: tokenSchema, ...errors } },
      },
      async (request, reply) =>
        reply.status(201).send(await tokens.create(principalOf(request), request.body)),
    );

    api.get(
      '/auth/tokens',
      { schema: { querystring: tokenListQuerySchema, response: { 200: tokenListSchema, ...errors } } },
      async (request) => ({ items: await tokens.list(principalOf(request), request.query.username) }),
    );

    api.delete(
      '/auth/tokens/:id',
      { schema: { params: tokenParamsSchema, response: { 204: z.null(), ...errors } } },
      async (request, reply) => {
        await tokens.revoke(principalOf(request), request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
