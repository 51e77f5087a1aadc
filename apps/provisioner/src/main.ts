/**
 * Entry point: one image, two roles chosen by ROLE (api, worker, or all in one process). Every role serves the
 * health probes and /metrics on PORT; the API role adds /api/v1.
 */
import pino from 'pino';

import { Argon2Hasher } from './adapters/crypto/argon2-hasher.js';
import { LimitedHasher } from './adapters/crypto/limited-hasher.js';
import { PgAdvisoryLock } from './adapters/db/pg-advisory-lock.js';
import { PgBackups } from './adapters/db/pg-backups.js';
import { PgChangeFeed } from './adapters/db/pg-change-feed.js';
import { PgLoginAttempts } from './adapters/db/pg-login-attempts.js';
import { migrate } from './adapters/db/migrate.js';
import { createPool, isConnectionLoss } from './adapters/db/pool.js';
import { PgStoreRepository } from './adapters/db/pg-store-repository.js';
import { PgTokenRepository } from './adapters/db/pg-token-repository.js';
import { PgUserRepository } from './adapters/db/pg-user-repository.js';
import { OpenAiChatModel } from './adapters/assistant/openai-chat-model.js';
import { CliHelmRunner } from './adapters/helm/cli-helm-runner.js';
import { httpStatus } from './adapters/http/http-status.js';
import { ClientNodeKube } from './adapters/k8s/client-node-kube.js';
import { PrometheusMetrics } from './adapters/metrics/prometheus.js';
import { S3BackupStorage } from './adapters/s3/s3-backup-storage.js';
import { PgBossQueue } from './adapters/queue/pg-boss-queue.js';
import { buildApp, type AppDeps } from './app.js';
import { loadSettings } from './config/settings.js';
import { AuthService } from './services/auth-service.js';
import { BackupService } from './services/backup-service.js';
import { BackupJobs } from './services/provisioning/backup-jobs.js';
import { LoginGuard } from './services/login-guard.js';
import { OperationRunner, resumeEveryMs } from './services/operation-runner.js';
import { RepairService } from './services/repair-service.js';
import { SecretRotationService } from './services/secret-rotation-service.js';
import { CredentialsService } from './services/credentials-service.js';
import { HealthMonitor } from './services/health-monitor.js';
import { StorePurge } from './services/store-purge.js';
import { StoreService } from './services/store-service.js';
import { StoreListCache } from './services/store-list-cache.js';
import { StreamRegistry } from './services/stream-registry.js';
import { TokenService } from './services/token-service.js';
import { AssistantService } from './services/assistant-service.js';
import { UpdateService } from './services/update-service.js';
import { UserService } from './services/user-service.js';
import { waitFor } from './services/wait-for.js';

const settings = loadSettings();
const log = pino({ level: settings.LOG_LEVEL, base: { role: settings.ROLE } });

// pg-boss 10 does not await its writes of a job's outcome (complete, fail: pg-boss/src/manager.js, onFetch), so with
// the database away (a restart, make chaos) they reject unhandled, and Node would end the worker with every
// operation it runs. The job stays active and is taken again after its expiry (operations converge when re-run):
// a lost connection there is logged, not fatal. Any other unhandled rejection still ends the process.
process.on('unhandledRejection', (reason) => {
  if (!isConnectionLoss(reason)) throw reason;
  log.warn(
    { err: reason },
    'database unreachable for a background write; its job is taken again after its expiry',
  );
});

const pool = createPool(settings.DATABASE_URL, settings.DATABASE_POOL_SIZE);
// An idle connection the server closes (a restart, a terminated backend) is dropped and replaced by the pool;
// without a listener its error would end the process.
pool.on('error', (error) => log.warn({ err: error }, 'database connection lost; the pool opens another'));
await migrate(settings.DATABASE_URL, (message) => log.debug({ migration: message }));
const kube = ClientNodeKube.fromDefault();
const helm = new CliHelmRunner(settings.HELM_BINARY);
const repository = new PgStoreRepository(pool);
// Backups only with a bucket to put them in (docs/decisions/012-backups.md); else their routes answer 503.
const backupJobs = settings.BACKUP_S3_ENDPOINT
  ? new BackupJobs({ kube, waitFor, settings }, new PgBackups(pool), new S3BackupStorage(settings), settings)
  : undefined;
const queue = new PgBossQueue(settings.DATABASE_URL, {
  concurrency: settings.WORKER_CONCURRENCY,
  timeoutSeconds: settings.OPERATION_TIMEOUT_SECONDS,
  log: (message, error) => log.warn({ err: error }, message),
});
await queue.start((error) => log.error({ err: error }, 'queue error'));
const metrics = new PrometheusMetrics({
  storesByStatus: () => repository.countByStatus(),
  queueDepth: () => queue.depth(),
});
const stoppers: (() => Promise<void>)[] = [];
// The API role's live updates (GET /stream); readiness reports it while it reconnects.
const feed =
  settings.ROLE === 'worker'
    ? undefined
    : new PgChangeFeed(settings.DATABASE_URL, (message, error) => log.warn({ err: error }, message));

/** The operator's model for store creation from a description; none (the feature off) until both are set. */
function assistantModel(): OpenAiChatModel | undefined {
  if (!settings.ASSISTANT_BASE_URL || !settings.ASSISTANT_MODEL) return undefined;
  return new OpenAiChatModel({
    baseURL: settings.ASSISTANT_BASE_URL,
    model: settings.ASSISTANT_MODEL,
    apiKey: settings.ASSISTANT_API_KEY,
    timeoutMs: settings.ASSISTANT_TIMEOUT_SECONDS * 1000,
  });
}

async function apiDeps(feed: PgChangeFeed): Promise<AppDeps['api']> {
  const lockout = (failuresToLock: number) => ({
    failuresToLock,
    firstLockoutSeconds: settings.LOGIN_LOCKOUT_SECONDS,
    maxLockoutSeconds: settings.LOGIN_LOCKOUT_MAX_SECONDS,
  });
  const guard = new LoginGuard(new PgLoginAttempts(pool), {
    perUser: lockout(settings.LOGIN_FAILURES_PER_USER),
    perAddress: lockout(settings.LOGIN_FAILURES_PER_ADDRESS),
  });
  const users = new PgUserRepository(pool);
  const tokens = new PgTokenRepository(pool);
  const hasher = new LimitedHasher(new Argon2Hasher(), settings.LOGIN_HASH_CONCURRENCY);
  const auth = new AuthService(users, hasher, tokens, { guard, idleMinutes: settings.SESSION_IDLE_MINUTES });
  const generated = await auth.ensureFirstAdmin(
    settings.PLATFORM_ADMIN_USER,
    settings.PLATFORM_ADMIN_PASSWORD,
  );
  if (generated) {
    // Shown once, on the console of the first start; only its hash is stored.
    process.stdout.write(
      `\nFirst admin created: user "${settings.PLATFORM_ADMIN_USER}", password: ${generated}\n\n`,
    );
  }
  const purge = () =>
    auth.purgeExpired().catch((error: unknown) => log.error({ err: error }, 'purging ended sessions failed'));
  await purge();
  const purgeTimer = setInterval(() => void purge(), settings.SESSION_PURGE_INTERVAL_SECONDS * 1000);
  stoppers.push(async () => clearInterval(purgeTimer));

  const backups = new BackupService(repository, queue, backupJobs, settings);
  const service = new StoreService(repository, queue, settings, (id, engine) =>
    backups.cloneSource(id, engine),
  );
  // Subscribed first: each change's re-read is then shared with the event streams (storeList.latest).
  const storeList = new StoreListCache(feed, service, (message, error) => log.warn({ err: error }, message));
  const streams = new StreamRegistry({
    perUser: settings.STREAMS_PER_USER,
    lookup: (name) => storeList.latest(name),
    log: (message, error) => log.warn({ err: error }, message),
  });
  feed.subscribe((event) => {
    if (event.type === 'resync') return streams.resync();
    if (event.quiet) return;
    streams.publish(event.store).catch((error: unknown) => log.error({ err: error }, 'stream update failed'));
  });
  await feed.start();
  stoppers.push(() => feed.stop());
  const stopRechecks = streams.startRechecks(settings.STREAM_RECHECK_SECONDS * 1000);
  stoppers.push(async () => stopRechecks());
  return {
    service,
    storeList,
    repair: new RepairService(repository, queue, settings),
    backups,
    // Previews run helm in the API role: the same image and ServiceAccount as the worker (ROLE all in the chart).
    updates: new UpdateService(repository, queue, kube, helm, settings),
    rotation: new SecretRotationService(repository, queue, settings.BASE_DOMAIN),
    dataPolicy: {
      backupsConfigured: settings.BACKUP_S3_ENDPOINT !== '',
      backupBeforeDelete: settings.DELETION_BACKUP_BEFORE_DELETE,
      retainData: settings.DELETION_RETAIN_DATA,
      retentionDays: settings.DELETION_RETENTION_DAYS,
    },
    credentials: new CredentialsService(repository, kube, settings.BASE_DOMAIN, settings.PLATFORM_INSTANCE),
    assistant: new AssistantService(assistantModel(), repository),
    assistantPlansPerHour: settings.ASSISTANT_PLANS_PER_HOUR,
    auth,
    tokens: new TokenService(tokens, repository, {
      defaultDays: settings.TOKEN_DEFAULT_TTL_DAYS,
      maxDays: settings.TOKEN_MAX_TTL_DAYS,
    }),
    users: new UserService(users, hasher, repository, streams),
    streams,
    secureCookie: settings.COOKIE_SECURE,
    writesPerMinute: settings.WRITE_RATE_LIMIT_PER_MINUTE,
    loginAttemptsPerMinute: settings.LOGIN_ATTEMPTS_PER_MINUTE,
    credentialCreatesPerHour: settings.CREDENTIAL_CREATES_PER_HOUR,
  };
}

async function startWorker(): Promise<void> {
  const deps = {
    repository,
    kube,
    helm,
    settings,
    waitFor,
    httpStatus,
    log: (message: string, fields: Record<string, unknown>) => log.warn(fields, message),
    ...(backupJobs ? { backups: backupJobs, backupJobs } : {}),
  };
  const runner = new OperationRunner(deps, new PgAdvisoryLock(pool), queue, metrics, (message, fields) =>
    log.info(fields ?? {}, message),
  );
  await runner.resumeAbandoned();
  // Often enough that an operation whose worker died is taken again within seconds of counting as dead
  // (deadAfterMs); each look is one query of the unfinished operations.
  const resumeTimer = setInterval(() => {
    runner
      .resumeAbandoned()
      .catch((error: unknown) => log.error({ err: error }, 'resuming operations failed'));
  }, resumeEveryMs);
  stoppers.push(async () => clearInterval(resumeTimer));
  // Every worker replica runs the monitor; the advisory lock lets one check per cycle and the others skip it.
  const monitor = new HealthMonitor({
    repository,
    kube,
    lock: new PgAdvisoryLock(pool),
    metrics,
    settings,
    httpStatus,
    now: () => new Date(),
    log: (message, fields) => log.error(fields, message),
  });
  stoppers.push(monitor.start());
  // Deleted stores past their retention: backups removed, kept volumes released (one replica per interval).
  const purge = new StorePurge({
    ...deps,
    lock: new PgAdvisoryLock(pool),
    log: (message, fields) => log.error(fields, message),
  });
  stoppers.push(purge.start());
  await queue.work((job) => runner.handle(job));
  log.info({ concurrency: settings.WORKER_CONCURRENCY }, 'worker taking operations');
}

const app = await buildApp({
  api: feed ? await apiDeps(feed) : undefined,
  dashboardDir: settings.DASHBOARD_DIR || undefined,
  trustedProxyHops: settings.TRUSTED_PROXY_HOPS,
  metrics: { contentType: metrics.registry.contentType, render: () => metrics.registry.metrics() },
  logLevel: settings.LOG_LEVEL,
  checks: {
    database: async () => void (await pool.query('select 1')),
    kubernetes: () => kube.ping(),
    ...(feed ? { changeFeed: () => feed.check() } : {}),
    started: () => true,
  },
});
if (settings.ROLE !== 'api') await startWorker();
await app.listen({ host: settings.HOST, port: settings.PORT });
stoppers.unshift(() => app.close());

// SIGTERM: stop serving and taking jobs, let running ones finish (or leave them to be resumed), close connections.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    log.info({ signal }, 'stopping');
    // If the database is gone, closing could wait forever: leave after 30 s; operations left running resume elsewhere.
    setTimeout(() => process.exit(1), 30_000).unref();
    void (async () => {
      for (const stop of stoppers) await stop();
      await queue.stop();
      await pool.end();
      process.exit(0);
    })();
  });
}
