import {
  backupIdSchema,
  backupListSchema,
  errorSchema,
  noContentSchema,
  restoreRequestSchema,
  storeSchema,
} from '@store-platform/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';

import type { BackupService } from '../services/backup-service.js';
import { principalOf } from './authorize.js';
import { ifMatchHeader } from './openapi.js';
import { requiredVersion } from './store-updates.js';
import { errors, nameParams, withEtag } from './stores.js';

const backupParams = nameParams.extend({ id: backupIdSchema });
/** 503 `backups_not_configured`: the platform has no backup storage. */
const withUnconfigured = { ...errors, 428: errorSchema, 503: errorSchema };

/**
 * Backups and restores of a store (docs/decisions/012-backups.md): POST /stores/{name}/backups (operator) and
 * POST /stores/{name}/restore (operator, If-Match) answer 202 with the queued operation; GET lists the backups
 * (any role), DELETE removes one (admin). Every route answers 503 while backups are not configured.
 */
export function storeBackupRoutes(service: BackupService) {
  const actorOf = (request: FastifyRequest) => principalOf(request).username;
  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<ZodTypeProvider>();

    api.post(
      '/stores/:name/backups',
      {
        config: { role: 'operator' },
        schema: { params: nameParams, response: { 202: storeSchema, ...withUnconfigured } },
      },
      async (request, reply) => {
        const store = await service.backup(request.params.name, actorOf(request));
        return reply.status(202).send(withEtag(reply, store));
      },
    );

    api.get(
      '/stores/:name/backups',
      { schema: { params: nameParams, response: { 200: backupListSchema, ...withUnconfigured } } },
      async (request) => ({ items: await service.list(request.params.name) }),
    );

    api.delete(
      '/stores/:name/backups/:id',
      {
        config: { role: 'admin' },
        schema: { params: backupParams, response: { 204: noContentSchema, ...withUnconfigured } },
      },
      async (request, reply) => {
        await service.remove(request.params.name, request.params.id, actorOf(request));
        return reply.status(204).send(null);
      },
    );

    api.post(
      '/stores/:name/restore',
      {
        config: { role: 'operator', documentHeaders: [ifMatchHeader(true)] },
        schema: {
          params: nameParams,
          body: restoreRequestSchema,
          response: { 202: storeSchema, ...withUnconfigured },
        },
      },
      async (request, reply) => {
        const version = requiredVersion(request);
        const store = await service.restore(
          request.params.name,
          request.body.backup,
          actorOf(request),
          version,
        );
        return reply.status(202).send(withEtag(reply, store));
      },
    );
  };
}
