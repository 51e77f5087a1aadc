import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import {
  createDatabase,
  createProvisionerIdentity,
  repoRoot,
  resolveTools,
  startLocalCluster,
  startLocalPostgres,
  type LocalCluster,
  type LocalPostgres,
  type ProvisionerIdentity,
} from '@store-platform/test-cluster';

import { signIn, type BenchApi } from './api.js';
import { buildProvisioner, tsxEntry, type ProvisionerEntry } from './build.js';
import { startProvisionerChild, type ProvisionerChild } from './provisioner.js';

export interface PlatformOptions {
  /** Worker processes (ROLE=worker) beside the one API process (ROLE=api). */
  workers: number;
  /** WORKER_CONCURRENCY of each worker. */
  concurrency: number;
  /**
   * Niceness of the worker processes and their Helm runs (0: none). In a cluster they are other pods with CPU of
   * their own; on one machine they take the cores the API process needs, and its latency measures them instead.
   */
  workerNice?: number;
  /** More provisioner settings, for every process. */
  env?: Record<string, string>;
  /** Run the provisioner compiled, as the image does (true: what a bench measures), or through tsx (quicker start). */
  compiled?: boolean;
  log?: (message: string) => void;
}

/** A platform as the chart deploys it (one API, N workers, PostgreSQL) on the local control plane. */
export interface BenchPlatform {
  cluster: LocalCluster;
  postgres: LocalPostgres;
  identity: ProvisionerIdentity;
  /** The platform's database. */
  databaseUrl: string;
  /** Every process's settings: what a restarted worker gets again. */
  env: Record<string, string>;
  apiProcess: ProvisionerChild;
  workers: ProvisionerChild[];
  /** Signed in as the first admin with an API token. */
  api: BenchApi;
  /** Where each process's log is. */
  logDir: string;
  /** What the provisioner processes run. */
  entry: ProvisionerEntry;
  /** Starts one more worker (a new replica, or one replacing a killed one, as a Deployment would). */
  addWorker(): Promise<ProvisionerChild>;
  /** Stops the provisioner processes, the cluster and PostgreSQL. */
  stop(): Promise<void>;
}

/** The settings every bench process shares: the limits a bench run would hit are raised. */
function platformEnv(
  options: PlatformOptions,
  databaseUrl: string,
  identity: ProvisionerIdentity,
  helm: string,
  adminPassword: string,
): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    KUBECONFIG: identity.kubeconfig,
    HELM_BINARY: helm,
    // The repository's chart: the compiled build's default path (relative to its own folder) has no chart.
    STORE_CHART: path.join(repoRoot, 'helm-charts', 'store-instance'),
    PLATFORM_INSTANCE: identity.instance,
    STORE_CLUSTER_ROLE: identity.storeClusterRole,
    PLATFORM_ADMIN_PASSWORD: adminPassword,
    STOREFRONT_CHECK: 'false',
    LOG_LEVEL: 'info',
    WORKER_CONCURRENCY: String(options.concurrency),
    DATABASE_POOL_SIZE: String(options.concurrency + 5),
    MAX_STORES: '10000',
    MAX_STORES_PER_USER: '10000',
    WRITE_RATE_LIMIT_PER_MINUTE: '10000',
    STREAMS_PER_USER: '100',
    ...options.env,
  };
}

/**
 * Starts the local control plane and PostgreSQL (in parallel), the chart's provisioner RBAC (the processes run as
 * its ServiceAccount, as in a cluster), then one API process and `workers` worker processes.
 */
export async function startBenchPlatform(options: PlatformOptions): Promise<BenchPlatform> {
  const log = options.log ?? (() => undefined);
  const tools = await resolveTools();
  const [cluster, postgres, entry] = await Promise.all([
    startLocalCluster({ log }),
    startLocalPostgres({ log }),
    options.compiled ? buildProvisioner(log) : tsxEntry,
  ]);
  const logDir = await mkdtemp(path.join(os.tmpdir(), 'store-platform-bench-'));
  const processes: ProvisionerChild[] = [];
  const stop = async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await Promise.all([cluster.stop(), postgres.stop()]);
  };
  try {
    const identity = await createProvisionerIdentity(cluster.kubeconfig, cluster.dir);
    const databaseUrl = await createDatabase(postgres.url, 'bench');
    const adminPassword = `bench-${Math.random().toString(36).slice(2)}-${Date.now().toString(36)}`;
    const env = platformEnv(options, databaseUrl, identity, tools.helm, adminPassword);
    const apiProcess = await startProvisionerChild('api', 'api', env, logDir, entry);
    processes.push(apiProcess);
    const workers: ProvisionerChild[] = [];
    // Named when asked for, not once started: workers started together get distinct names (and log files).
    let workersAsked = 0;
    const addWorker = async () => {
      workersAsked += 1;
      const name = `worker-${workersAsked}`;
      const worker = await startProvisionerChild(name, 'worker', env, logDir, entry, options.workerNice);
      processes.push(worker);
      workers.push(worker);
      return worker;
    };
    for (let i = 0; i < options.workers; i += 1) await addWorker();
    const api = await signIn(apiProcess.url, 'admin', adminPassword);
    log(
      `platform ready: API ${apiProcess.url}, ${options.workers} worker(s) x ${options.concurrency}; logs in ${logDir}`,
    );
    return {
      cluster,
      postgres,
      identity,
      databaseUrl,
      env,
      apiProcess,
      workers,
      api,
      logDir,
      entry,
      addWorker,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
