import {
  errorSchema,
  revisionListSchema,
  rollbackRequestSchema,
  storeNameSchema,
  storeSchema,
  updatePreviewSchema,
  updateStoreRequestSchema,
} from '@store-platform/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

import { PlatformError } from '../domain/errors.js';
import type { UpdateService } from '../services/update-service.js';
import { principalOf } from './authorize.js';
import { ifMatchHeader } from './openapi.js';
import { expectedVersion, withEtag } from './stores.js';

const nameParams = z.object({ name: storeNameSchema });
/** The refusals of a change to a store made with If-Match (updates, rollbacks, rotations). */
export const changeErrors = {
  400: errorSchema,
  401: errorSchema,
  403: errorSchema,
  404: errorSchema,
  409: errorSchema,
  422: errorSchema,
  428: errorSchema,
  429: errorSchema,
};

/** The version an update or rollback was made from: If-Match is required, so that no change is made blind. */
export function requiredVersion(request: FastifyRequest): number {
  const version = expectedVersion(request);
  if (version === undefined) {
    throw new PlatformError(
      'precondition_required',
      'send If-Match with the store\'s ETag (GET /stores/{name}, or the preview\'s version), such as If-Match: "3"',
      { field: 'If-Match' },
    );
  }
  return version;
}

/**
 * /stores/{name}: PATCH (update), /preview, /revisions and /rollback. Writes need the operator role and answer
 * 202 with the queued operation; the preview answers at once and changes nothing.
 */
export function storeUpdateRoutes(service: UpdateService) {
  const actorOf = (request: FastifyRequest) => principalOf(request).username;
  const operator = { role: 'operator' } as const;
  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<ZodTypeProvider>();

    api.patch(
      '/stores/:name',
      {
        config: { ...operator, documentHeaders: [ifMatchHeader(true)] },
        schema: {
          params: nameParams,
          body: updateStoreRequestSchema,
          response: { 202: storeSchema, ...changeErrors },
        },
      },
      async (request, reply) => {
        const version = requiredVersion(request);
        const store = await service.update(request.params.name, request.body, actorOf(request), version);
        return reply.status(202).send(withEtag(reply, store));
      },
    );

    api.post(
      '/stores/:name/preview',
      {
        config: operator,
        schema: {
          params: nameParams,
          body: updateStoreRequestSchema,
          response: { 200: updatePreviewSchema, ...changeErrors },
        },
      },
      async (request) => service.preview(request.params.name, request.body),
    );

    api.get(
      '/stores/:name/revisions',
      { schema: { params: nameParams, response: { 200: revisionListSchema, ...changeErrors } } },
      async (request) => ({ items: await service.revisions(request.params.name) }),
    );

    api.post(
      '/stores/:name/rollback',
      {
        config: { ...operator, documentHeaders: [ifMatchHeader(true)] },
        schema: {
          params: nameParams,
          body: rollbackRequestSchema,
          response: { 202: storeSchema, ...changeErrors },
        },
      },
      async (request, reply) => {
        const version = requiredVersion(request);
        const store = await service.rollback(
          request.params.name,
          request.body.revision,
          actorOf(request),
          version,
        );
        return reply.status(202).send(withEtag(reply, store));
      },
    );
  };
}
