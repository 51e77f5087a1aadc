import {
  createStoreRequestSchema,
  dataPolicySchema,
  type DataPolicyView,
  deletedStoreListSchema,
  deleteStoreQuerySchema,
  errorSchema,
  retryStoreRequestSchema,
  storeListQuerySchema,
  storeListSchema,
  storeNameSchema,
  storeCredentialsSchema,
  storeSchema,
} from '@store-platform/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

import { deleteOverrideBlocker } from '../domain/deletion.js';
import { PlatformError } from '../domain/errors.js';
import type { CredentialsService } from '../services/credentials-service.js';
import type { StoreListCache } from '../services/store-list-cache.js';
import type { StoreService } from '../services/store-service.js';
import { principalOf } from './authorize.js';
import { idempotencyKeyHeader, ifMatchHeader } from './openapi.js';

/** `:name` of a store's routes. */
export const nameParams = z.object({ name: storeNameSchema });
/** The error answers a store write may give. */
export const errors = {
  400: errorSchema,
  401: errorSchema,
  403: errorSchema,
  404: errorSchema,
  409: errorSchema,
  422: errorSchema,
  429: errorSchema,
};

/** The version a write expects, from `If-Match: "3"`; undefined when the header is absent. */
export function expectedVersion(request: FastifyRequest): number | undefined {
  const header = request.headers['if-match'];
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"(\d+)"$/.exec(String(header).trim());
  if (!match)
    throw new PlatformError('validation_failed', 'If-Match must be the ETag of the store, such as "3"', {
      field: 'If-Match',
    });
  return Number(match[1]);
}

/** Sends the store's version as its ETag, for the next write's If-Match. */
export const withEtag = <T extends { version: number }>(reply: FastifyReply, store: T) => {
  void reply.header('etag', `"${store.version}"`);
  return store;
};

/**
 * /stores: create, list, read, delete (with the deletion policy's admin overrides) and retry stores, and
 * /deleted-stores: the deleted ones still restorable; /data-policy: what a delete does to the data. Writes answer
 * 202 with the queued operation.
 */
export function storeRoutes(
  service: StoreService,
  storeList: StoreListCache,
  credentials: CredentialsService,
  dataPolicy: DataPolicyView,
) {
  const actorOf = (request: FastifyRequest) => principalOf(request).username;
  const operator = { role: 'operator' } as const;
  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<ZodTypeProvider>();

    api.post(
      '/stores',
      {
        config: { ...operator, documentHeaders: [idempotencyKeyHeader] },
        // 503: a clone (fromBackup) while backups are not configured.
        schema: {
          body: createStoreRequestSchema,
          response: { 202: storeSchema, ...errors, 503: errorSchema },
        },
      },
      async (request, reply) => {
        const key = request.headers['idempotency-key'];
        if (key !== undefined && (typeof key !== 'string' || !/^[\x21-\x7e]{1,200}$/.test(key))) {
          throw new PlatformError(
            'validation_failed',
            'Idempotency-Key must be 1 to 200 visible ASCII characters',
            { field: 'Idempotency-Key' },
          );
        }
        const store = await service.create(request.body, actorOf(request), key);
        return reply.status(202).send(withEtag(reply, store));
      },
    );

    api.get(
      '/stores',
      { schema: { querystring: storeListQuerySchema, response: { 200: storeListSchema } } },
      // The list already in JSON (each store encoded with its schema when cached): Fastify sends a string as it
      // is, without the route's serializer; the cast only tells the type provider so.
      async (request, reply) => {
        const json = await storeList.listJson(request.query);
        return reply
          .type('application/json; charset=utf-8')
          .send(json as unknown as z.infer<typeof storeListSchema>);
      },
    );

    api.get(
      '/stores/:name',
      { schema: { params: nameParams, response: { 200: storeSchema, ...errors } } },
      async (request, reply) => withEtag(reply, await service.get(request.params.name)),
    );

    // ?backup=false and ?retainData override the deletion policy: admins only (domain/deletion.ts says why).
    api.delete(
      '/stores/:name',
      {
        config: { ...operator, documentHeaders: [ifMatchHeader(false)] },
        schema: {
          params: nameParams,
          querystring: deleteStoreQuerySchema,
          response: { 202: storeSchema, ...errors },
        },
      },
      async (request, reply) => {
        const blocker = deleteOverrideBlocker(principalOf(request).role, request.query);
        if (blocker) throw new PlatformError('forbidden', blocker);
        const store = await service.delete(
          request.params.name,
          actorOf(request),
          expectedVersion(request),
          request.query,
        );
        return reply.status(202).send(withEtag(reply, store));
      },
    );

    // What a delete does to the data, said before it happens (the dashboard's delete dialog and backups panel).
    api.get('/data-policy', { schema: { response: { 200: dataPolicySchema } } }, async () => dataPolicy);

    api.get('/deleted-stores', { schema: { response: { 200: deletedStoreListSchema } } }, async () => ({
      items: await service.listDeleted(),
    }));

    api.post(
      '/stores/:name/retry',
      {
        config: { ...operator, documentHeaders: [ifMatchHeader(false)] },
        // The body is optional (Fastify gives null without one): without one the store keeps its plan.
        schema: {
          params: nameParams,
          body: retryStoreRequestSchema.nullish(),
          response: { 202: storeSchema, ...errors },
        },
      },
      async (request, reply) => {
        const store = await service.retry(
          request.params.name,
          actorOf(request),
          expectedVersion(request),
          request.body?.plan,
        );
        return reply.status(202).send(withEtag(reply, store));
      },
    );

    // POST, not GET: a reveal is an action that is logged, and writes carry the session's CSRF token.
    api.post(
      '/stores/:name/credentials',
      {
        config: { role: 'admin' },
        schema: {
          params: nameParams,
          response: { 200: storeCredentialsSchema, ...errors, 503: errorSchema },
        },
      },
      async (request, reply) => {
        void reply.header('cache-control', 'no-store');
        return credentials.reveal(request.params.name, actorOf(request));
      },
    );
  };
}
