/**
 * `make up` without a cluster or Docker: PostgreSQL, the local control plane and the provisioner (API and worker
 * in one process, workloads simulated), on http://127.0.0.1:${PORT:-8080}, until Ctrl-C; then everything stops.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';

import { startLocalCluster } from './local-cluster.js';
import { startLocalPostgres } from './postgres.js';
import { repoRoot, resolveTools } from './tools.js';

const say = (message: string) => console.log(`[up] ${message}`);

export async function runPlatform(): Promise<void> {
  const port = process.env.PORT ?? '8080';
  const tools = await resolveTools();
  const [cluster, postgres] = await Promise.all([
    startLocalCluster({ log: say }),
    startLocalPostgres({ log: say }),
  ]);
  say('starting the provisioner (API and worker)');
  const provisioner = spawn(
    'setpriv',
    ['--pdeathsig', 'KILL', '--', process.execPath, '--import', 'tsx', 'src/main.ts'],
    {
      cwd: path.join(repoRoot, 'apps', 'provisioner'),
      stdio: 'inherit',
      env: {
        ...process.env,
        PORT: port,
        HOST: '127.0.0.1',
        DATABASE_URL: postgres.url,
        KUBECONFIG: cluster.kubeconfig,
        HELM_BINARY: tools.helm,
        // No container runs on the simulated cluster, so nothing could answer the storefront check.
        STOREFRONT_CHECK: 'false',
      },
    },
  );
  let stopping = false;
  const stop = async (why: string) => {
    if (stopping) return;
    stopping = true;
    say(`${why}: stopping the provisioner, the control plane and PostgreSQL`);
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
  say(
    `API on http://127.0.0.1:${port}/api/v1 (OpenAPI: /api/v1/openapi.json); sign in as the first admin printed above`,
  );
  say('workloads are simulated by kwok: pods become Ready and Jobs complete, but no container really runs');
  console.log(`export KUBECONFIG=${cluster.kubeconfig}`);
}
