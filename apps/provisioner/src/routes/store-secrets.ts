import {
  rotateSecretsRequestSchema,
  secretVersionListSchema,
  storeNameSchema,
  storeSchema,
} from '@store-platform/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

import type { SecretRotationService } from '../services/secret-rotation-service.js';
import { principalOf } from './authorize.js';
import { ifMatchHeader } from './openapi.js';
import { changeErrors, requiredVersion } from './store-updates.js';
import { withEtag } from './stores.js';

const nameParams = z.object({ name: storeNameSchema });

/**
 * /stores/{name}/rotate-secrets (operator, If-Match: 202 with the queued `rotate-secrets` operation; 409 while
 * another operation runs or the store is not running; 422 `rotation_not_supported` where its engine cannot rotate
 * that secret) and /stores/{name}/secret-versions (any role; never a value).
 */
export function storeSecretRoutes(service: SecretRotationService) {
  const actorOf = (request: FastifyRequest) => principalOf(request).username;
  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<ZodTypeProvider>();

    api.post(
      '/stores/:name/rotate-secrets',
      {
        config: { role: 'operator', documentHeaders: [ifMatchHeader(true)] },
        schema: {
          description:
            'Rotates a secret of a running store as a `rotate-secrets` operation. database: a new database user and ' +
            'password; the app rolls to them and the old user is dropped once the rollout is ready. salts: new ' +
            'sign-in salts; the app rolls and every session ends (everyone signs in again). admin: a new store ' +
            'administrator password, shown once by the credentials reveal; no restart. A failed rollout goes back ' +
            'to the previous version. 422 rotation_not_supported: Medusa stores rotate only their salts.',
          params: nameParams,
          body: rotateSecretsRequestSchema,
          response: { 202: storeSchema, ...changeErrors },
        },
      },
      async (request, reply) => {
        const version = requiredVersion(request);
        const store = await service.rotate(request.params.name, request.body, actorOf(request), version);
        return reply.status(202).send(withEtag(reply, store));
      },
    );

    api.get(
      '/stores/:name/secret-versions',
      {
        schema: {
          description:
            "The versions of the store's credentials Secret, newest first: what changed, when, by whom.",
          params: nameParams,
          response: { 200: secretVersionListSchema, ...changeErrors },
        },
      },
      async (request) => ({ items: await service.versions(request.params.name) }),
    );
  };
}
