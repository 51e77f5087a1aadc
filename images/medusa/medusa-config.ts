// Medusa configuration of the store image. Everything comes from the environment that the
// store-instance chart sets (see README.md); nothing store-specific is baked into the image.
import { defineConfig, loadEnv } from '@medusajs/framework/utils';

// A .env file is only for running the project outside the image (.dockerignore keeps it out).
loadEnv(process.env.NODE_ENV || 'development', process.cwd());

const env = process.env;
const redisUrl = env.REDIS_URL;
const workerModes = ['shared', 'worker', 'server'] as const;
type WorkerMode = (typeof workerModes)[number];
const workerMode: WorkerMode = workerModes.includes(env.MEDUSA_WORKER_MODE as WorkerMode)
  ? (env.MEDUSA_WORKER_MODE as WorkerMode)
  : 'shared';

// Medusa turns TLS on for every database host but localhost unless told otherwise; the store's
// PostgreSQL is in-cluster without TLS. DATABASE_SSL=true turns it on (server certificate not
// verified, as Medusa's own default for remote hosts).
const databaseDriverOptions =
  env.DATABASE_SSL === 'true'
    ? { connection: { ssl: { rejectUnauthorized: false } } }
    : { connection: { ssl: false } };

// Uploads (file-local provider) go under /tmp, the only writable path of the container; the image
// links /app/static there, which Medusa serves at /static. They live as long as the pod: a store
// that keeps product images needs an object store (file-s3) instead.
const uploadDir = env.MEDUSA_UPLOAD_DIR || '/tmp/medusa-static';
const publicUrl = (env.MEDUSA_BACKEND_URL || `http://localhost:${env.PORT || '9000'}`).replace(/\/+$/, '');

// With Redis, the event bus, cache, workflow engine and locking are shared by the server and the
// worker (the in-memory defaults would keep them per process). The Caching module (the cache's
// successor) is still behind MEDUSA_FF_CACHING in 2.21 and is not registered here.
const redisModules = redisUrl
  ? [
      { resolve: '@medusajs/medusa/cache-redis', options: { redisUrl } },
      { resolve: '@medusajs/medusa/event-bus-redis', options: { redisUrl } },
      { resolve: '@medusajs/medusa/workflow-engine-redis', options: { redis: { redisUrl } } },
      {
        resolve: '@medusajs/medusa/locking',
        options: {
          providers: [
            {
              resolve: '@medusajs/medusa/locking-redis',
              id: 'locking-redis',
              is_default: true,
              options: { redisUrl },
            },
          ],
        },
      },
    ]
  : [];

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: env.DATABASE_URL,
    databaseDriverOptions,
    // Sessions are kept in Redis when it is set (express-session store).
    redisUrl,
    // "server" (HTTP API and admin), "worker" (subscribers and scheduled jobs) or "shared" (both).
    workerMode,
    http: {
      storeCors: env.STORE_CORS ?? '',
      adminCors: env.ADMIN_CORS ?? '',
      authCors: env.AUTH_CORS ?? '',
      // No fallback: in production Medusa refuses to start without both secrets.
      jwtSecret: env.JWT_SECRET,
      cookieSecret: env.COOKIE_SECRET,
    },
  },
  admin: {
    disable: env.DISABLE_MEDUSA_ADMIN === 'true',
    // The dashboard is compiled once into the image (`medusa build`) and served by this server at
    // /app on every store's own host, so it calls the API on its own origin: "/" (Medusa's default).
    backendUrl: '/',
  },
  modules: [
    ...redisModules,
    {
      resolve: '@medusajs/medusa/file',
      options: {
        providers: [
          {
            resolve: '@medusajs/medusa/file-local',
            id: 'local',
            options: {
              upload_dir: uploadDir,
              private_upload_dir: uploadDir,
              backend_url: `${publicUrl}/static`,
            },
          },
        ],
      },
    },
  ],
});
