/**
 * The host modes of `make up` (scripts/up.sh): PostgreSQL and the provisioner (API and worker in one process) on
 * http://127.0.0.1:${PORT:-8080}, until Ctrl-C; then everything stops. `simulated` sets
 * STORE_PLATFORM_LOCAL_CLUSTER=true: the local control plane with simulated workloads. `host` uses the reachable
 * kube context (KUBECONFIG or ~/.kube/config), falling back to the local control plane when none answers.
 */
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { promisify } from 'node:util';

import { startLocalCluster } from './local-cluster.js';
import { startLocalPostgres } from './postgres.js';
import { repoRoot, resolveTools } from './tools.js';

const say = (message: string) => console.log(`[up] ${message}`);
const run = promisify(execFile);

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
  let stopping = false;
  const stop = async (why: string) => {
    if (stopping) return;
    stopping = true;
    say(`${why}: stopping the provisioner, ${cluster.simulated ? 'the control plane ' : ''}and PostgreSQL`);
    if (provisioner.exitCode === null) {
      const exited = once(provisioner, 'exit');
      provisioner.kill('SIGTERM');
      await exited;
    }
    await Promise.all([cluster.stop(), postgres.stop()]);
    say('stopped');
    process.exit(why === 'the provisioner exited' ? 1 : 0);
  };
  process.on('SIGINT', () => void stop('Ctrl-C'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  provisioner.on('exit', () => void stop('the provisioner exited'));
  say(`dashboard on http://127.0.0.1:${port}/, API on /api/v1 (OpenAPI: /api/v1/openapi.json)`);
  say(
    'sign in as admin: its password is printed once by the provisioner on the first start, or is PLATFORM_ADMIN_PASSWORD',
  );
  if (cluster.simulated) {
    say('workloads are simulated by kwok: pods become Ready and Jobs complete, but no container really runs');
    console.log(`export KUBECONFIG=${cluster.kubeconfig}`);
  }
}
