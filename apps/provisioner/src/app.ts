import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';

import type { ChangeFeed } from './ports/change-feed.js';
import { activityRoutes } from './routes/activity.js';
import { authRoutes } from './routes/auth.js';
import { registerAuthorization } from './routes/authorize.js';
import { registerErrorHandler } from './routes/errors.js';
import { engineRoutes } from './routes/engines.js';
import { healthRoutes } from './routes/health.js';
import { storeRoutes } from './routes/stores.js';
import { streamRoutes } from './routes/stream.js';
import type { AuthService } from './services/auth-service.js';
import type { StoreService } from './services/store-service.js';

export interface AppDeps {
  service: StoreService;
  auth: AuthService;
  feed: ChangeFeed;
  checks: Parameters<typeof healthRoutes>[0];
  logLevel: string;
  /** Send the session cookie over HTTPS only (production). */
  secureCookie: boolean;
}

/** The HTTP API: JSON under /api/v1, its OpenAPI document, and the health probes. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: deps.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] },
    bodyLimit: 16 * 1024,
    // Event streams never go idle; closing must end them too.
    forceCloseConnections: true,
    genReqId: () => crypto.randomUUID(),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Store Provisioning Platform API', version: '1.0.0' },
      servers: [{ url: '/api/v1' }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(healthRoutes(deps.checks));
  await app.register(
    async (api) => {
      registerAuthorization(api, deps.auth);
      await api.register(authRoutes(deps.auth, { secureCookie: deps.secureCookie }));
      await api.register(storeRoutes(deps.service));
      await api.register(engineRoutes(deps.service));
      await api.register(activityRoutes(deps.service));
      await api.register(streamRoutes(deps.service, deps.feed));
      api.get('/openapi.json', { config: { role: 'public' }, schema: { hide: true } }, async () =>
        app.swagger(),
      );
    },
    { prefix: '/api/v1' },
  );
  return app;
}
