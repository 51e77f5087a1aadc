/**
 * The host modes of `make up` (scripts/up.sh): PostgreSQL and the provisioner (API and worker in one process) on
 * http://127.0.0.1:${PORT:-8080}, until Ctrl-C; then everything stops. `simulated` sets
 * STORE_PLATFORM_LOCAL_CLUSTER=true: the local control plane with simulated workloads. `host` uses the reachable
 * kube context (KUBECONFIG or ~/.kube/config), falling back to the local control plane when none answers.
 */
import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

import { startLocalCluster } from './local-cluster.js';
import { startLocalPostgres } from './postgres.js';
import { describeExit, stopProcess, watch } from './processes.js';
import { repoRoot, resolveTools } from './tools.js';

const say = (message: string) => console.log(`[up] ${message}`);
const run = promisify(execFile);
// The provisioner gives running operations up to 30 s to finish on SIGTERM (apps/provisioner/src/main.ts); past
// that it is hung, and SIGKILL ends it.
const provisionerGraceMs = 35_000;

/** `a`, `a and b`, `a, b and c`. */
const listed = (items: string[]) =>
  items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}` : (items[0] ?? '');

/** The current kube context when its API server answers, else undefined. */
async function reachableContext(kubectl: string): Promise<string | undefined> {
  if (process.env.STORE_PLATFORM_LOCAL_CLUSTER === 'true') return undefined;
  try {
    const { stdout } = await run(kubectl, ['config', 'current-context']);
    await run(kubectl, ['version', '--request-timeout=5s']);
    return stdout.trim();
  } catch {
    // No kubeconfig, no current context, or a server that does not answer: the local control plane it is.
    return undefined;
  }
}

/** The cluster for the provisioner: the reachable kube context, or a new local control plane. */
async function clusterFor(kubectl: string) {
  const context = await reachableContext(kubectl);
  if (context) {
    say(`using kube context "${context}": stores are installed there`);
    // This host cannot reach the cluster's Services, so the storefront check is off here too.
    return { kubeconfig: process.env.KUBECONFIG, stop: async () => undefined, simulated: false };
  }
  const local = await startLocalCluster({ log: say });
  return { kubeconfig: local.kubeconfig, stop: () => local.stop(), simulated: true };
}

export async function runPlatform(): Promise<void> {
  const port = process.env.PORT ?? '8080';
  const tools = await resolveTools();
  const [cluster, postgres] = await Promise.all([
    clusterFor(tools.kubectl),
    startLocalPostgres({ log: say }),
  ]);
  say('starting the provisioner (API and worker)');
  const main = [process.execPath, '--import', 'tsx', 'src/main.ts'];
  const provisioner = spawn('setpriv', ['--pdeathsig', 'KILL', '--', ...main], {
    cwd: path.join(repoRoot, 'apps', 'provisioner'),
    stdio: 'inherit',
    env: {
      ...process.env,
      PORT: port,
      HOST: '127.0.0.1',
      DATABASE_URL: postgres.url,
      ...(cluster.kubeconfig ? { KUBECONFIG: cluster.kubeconfig } : {}),
      HELM_BINARY: tools.helm,
      // The dashboard's build (make up builds it first), on the same origin as the API.
      DASHBOARD_DIR: path.join(repoRoot, 'apps', 'dashboard', 'dist'),
      // Nothing answers from here: no container runs on the simulated cluster, and a real one's Services are
      // not reachable from this host.
      STOREFRONT_CHECK: 'false',
    },
  });
  say(`provisioner started (pid ${provisioner.pid})`);
  const watched = watch(provisioner);
  const parts = ['the provisioner', ...(cluster.simulated ? ['the control plane'] : []), 'PostgreSQL'];
  let stopping = false;
  // Stops what is still running and exits with `exitCode`. A failure to stop is reported, never swallowed: the
  // kernel still ends every process left (each was started with a parent-death signal).
  const stop = async (why: string, exitCode: number) => {
    stopping = true;
    const left = watched.ended() ? parts.slice(1) : parts;
    say(`${why}: stopping ${listed(left)}`);
    try {
      await stopProcess(provisioner, watched, provisionerGraceMs);
      await Promise.all([cluster.stop(), postgres.stop()]);
      say('stopped');
    } catch (error) {
      say(`stopping failed: ${error instanceof Error ? error.message : String(error)}`);
      exitCode = 1;
    }
    process.exit(exitCode);
  };
  // A second Ctrl-C while stopping means "now": exiting makes the kernel end every process at once.
  const onSignal = (name: string) => {
    if (!stopping) return void stop(name, 0);
    say(
      `${name} again: ending at once; the kernel ends what still runs (each process has a parent-death signal), and the next make up removes their files`,
    );
    process.exit(130);
  };
  process.on('SIGINT', () => onSignal('Ctrl-C'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  void watched.exit.then((exit) => {
    if (!stopping) void stop(`the provisioner ${describeExit(exit)}`, 1);
  });
  say(`dashboard on http://127.0.0.1:${port}/, API on /api/v1 (OpenAPI: /api/v1/openapi.json)`);
  say(
    'sign in as admin: its password is printed once by the provisioner on the first start, or is PLATFORM_ADMIN_PASSWORD',
  );
  if (cluster.simulated) {
    say('workloads are simulated by kwok: pods become Ready and Jobs complete, but no container really runs');
    console.log(`export KUBECONFIG=${cluster.kubeconfig}`);
  }
}
