import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import type { DataPolicyView } from '@store-platform/contracts';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';

import { activityRoutes } from './routes/activity.js';
import { authRoutes } from './routes/auth.js';
import { registerAuthorization, sessionCookieName } from './routes/authorize.js';
import { assistantRoutes } from './routes/assistant.js';
import { engineRoutes } from './routes/engines.js';
import { frameworkErrors, registerErrorHandler } from './routes/errors.js';
import { healthRoutes } from './routes/health.js';
import { documentRoute, registerMethodNotAllowed } from './routes/openapi.js';
import { registerQueryGuard } from './routes/query-guard.js';
import { registerSecurityHeaders } from './routes/security-headers.js';
import { storeBackupRoutes } from './routes/store-backups.js';
import { storeCancelRoutes } from './routes/store-cancel.js';
import { storeRepairRoutes } from './routes/store-repair.js';
import { mcpRoutes } from './routes/mcp.js';
import { storeRoutes } from './routes/stores.js';
import { limitWrites } from './routes/write-limit.js';
import { storeSecretRoutes } from './routes/store-secrets.js';
import { storeUpdateRoutes } from './routes/store-updates.js';
import { streamRoutes } from './routes/stream.js';
import { tokenRoutes } from './routes/tokens.js';
import { userRoutes } from './routes/users.js';
import type { AuthService } from './services/auth-service.js';
import type { AssistantService } from './services/assistant-service.js';
import type { BackupService } from './services/backup-service.js';
import type { CredentialsService } from './services/credentials-service.js';
import type { RepairService } from './services/repair-service.js';
import type { SecretRotationService } from './services/secret-rotation-service.js';
import type { StoreListCache } from './services/store-list-cache.js';
import type { StoreService } from './services/store-service.js';
import type { StreamRegistry } from './services/stream-registry.js';
import type { TokenService } from './services/token-service.js';
import type { UpdateService } from './services/update-service.js';
import type { UserService } from './services/user-service.js';

export interface AppDeps {
  /** The API; absent in the worker role, which serves only the probes and /metrics. */
  api?: {
    service: StoreService;
    /** GET /stores, from memory kept current by the change feed. */
    storeList: StoreListCache;
    /** POST /stores/{name}/repair. */
    repair: RepairService;
    /** Updates, previews, revisions and rollbacks of running stores. */
    updates: UpdateService;
    /** Backups, restores (and the clone check of creates); answers 503 while backups are not configured. */
    backups: BackupService;
    /** Secret rotations and the credentials' versions. */
    rotation: SecretRotationService;
    /** GET /data-policy: whether backups are on, and the deletion policy. */
    dataPolicy: DataPolicyView;
    credentials: CredentialsService;
    /** Store creation from a description (off while no model is configured). */
    assistant: AssistantService;
    assistantPlansPerHour: number;
    auth: AuthService;
    tokens: TokenService;
    users: UserService;
    /** The open event streams: capped per user, ended with their session or token. */
    streams: StreamRegistry;
    /** Send the session cookie over HTTPS only, as `__Host-sp_session` (production). */
    secureCookie: boolean;
    writesPerMinute: number;
    loginAttemptsPerMinute: number;
    credentialCreatesPerHour: number;
  };
  /** Proxies whose X-Forwarded-For gives the client's address (0: clients connect directly). */
  trustedProxyHops: number;
  checks: Parameters<typeof healthRoutes>[0];
  /** Folder of the dashboard's build, served at / (same origin as the API); none when undefined. */
  dashboardDir?: string;
  /** Prometheus text exposition of the process's metrics. */
  metrics: { contentType: string; render: () => Promise<string> };
  logLevel: string;
}

/** The HTTP server: JSON API under /api/v1 with its OpenAPI document, the health probes and /metrics. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: deps.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] },
    bodyLimit: 16 * 1024,
    // Event streams never go idle; closing must end them too.
    forceCloseConnections: true,
    genReqId: () => crypto.randomUUID(),
    // The address that sign-in and write limits count by: the client's, as the nearest `trustedProxyHops`
    // proxies report it in X-Forwarded-For (hop 0 is the connection's own peer).
    trustProxy: (_address: string, hop: number) => hop < deps.trustedProxyHops,
    // A path parameter longer than Fastify's limit (100) is a bad request in our error body, not a bare 414.
    frameworkErrors,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app, { dashboard: Boolean(deps.api && deps.dashboardDir) });
  await registerSecurityHeaders(app);
  await app.register(healthRoutes(deps.checks));
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) =>
    reply.header('content-type', deps.metrics.contentType).send(await deps.metrics.render()),
  );
  const api = deps.api;
  if (!api) return app;
  if (deps.dashboardDir) await app.register(fastifyStatic, { root: deps.dashboardDir, prefix: '/' });

  await app.register(fastifyCookie);
  // Provides the limiters of the store writes, sign-in, tokens and users (routes/limits.ts).
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Store Provisioning Platform API', version: '1.0.0' },
      servers: [{ url: '/api/v1' }],
    },
    transform: documentRoute,
  });
  registerMethodNotAllowed(app, '/api/v1/');
  const sessionCookie = sessionCookieName(api.secureCookie);
  await app.register(
    async (scope) => {
      registerAuthorization(scope, api.auth, sessionCookie);
      // After the caller is known: an unauthenticated caller learns nothing about validation.
      registerQueryGuard(scope);
      await scope.register(authRoutes(api.auth, api));
      const createsPerHour = api.credentialCreatesPerHour;
      await scope.register(tokenRoutes(api.tokens, { createsPerHour }));
      await scope.register(
        userRoutes(api.users, {
          sessionCookie,
          createsPerHour,
          passwordTriesPerMinute: api.loginAttemptsPerMinute,
        }),
      );
      await scope.register(async (stores) => {
        limitWrites(stores, api.writesPerMinute);
        await stores.register(storeRoutes(api.service, api.storeList, api.credentials, api.dataPolicy));
        await stores.register(storeRepairRoutes(api.repair));
        await stores.register(storeUpdateRoutes(api.updates));
        await stores.register(storeSecretRoutes(api.rotation));
        await stores.register(storeCancelRoutes(api.service));
        await stores.register(storeBackupRoutes(api.backups));
      });
      await scope.register(engineRoutes(api.service));
      await scope.register(assistantRoutes(api.assistant, { plansPerHour: api.assistantPlansPerHour }));
      await scope.register(activityRoutes(api.service));
      await scope.register(streamRoutes(api.auth, api.streams, sessionCookie));
      await scope.register(mcpRoutes((options) => app.inject(options)));
      scope.get('/openapi.json', { config: { role: 'public' }, schema: { hide: true } }, async () =>
        app.swagger(),
      );
    },
    { prefix: '/api/v1' },
  );
  return app;
}
