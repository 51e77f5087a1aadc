import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import {
  apiserverArgs,
  controllerManagerArgs,
  etcdArgs,
  kwokArgs,
  schedulerArgs,
  type ClusterKubeconfigs,
  type ClusterPorts,
} from './components.js';
import { writeKubeconfig } from './kubeconfig.js';
import { freePort, httpsGet } from './net.js';
import { createPki, type ClusterPki } from './pki.js';
import { ProcessGroup, type Component } from './processes.js';
import { claimRunDir, removeAbandonedRunDirs, runDirPrefix } from './stale-runs.js';
import { repoRoot, resolveTools } from './tools.js';
import { waitFor } from './wait.js';

const run = promisify(execFile);
const harnessDir = path.join(repoRoot, 'test', 'cluster');

/** A running local control plane. */
export interface LocalCluster {
  /** Temp dir holding certificates, etcd data, kubeconfigs and one log per component. */
  dir: string;
  /** Admin kubeconfig (system:masters) for tests, kubectl and helm. */
  kubeconfig: string;
  /** API server URL, https://127.0.0.1:<port>. */
  server: string;
  /** Seconds from start to ready. */
  startSeconds: number;
  /** Names and process ids of the component processes. */
  processes(): { name: string; pid: number }[];
  /**
   * Ends one component with `signal` (SIGTERM by default; SIGKILL is a crash), starts it again with the same
   * arguments and port `downMs` later, and resolves once it is healthy again (/readyz for the API server), within
   * `timeoutMs` (2 minutes by default: a start on a busy machine is slow).
   */
  restart(
    name: RestartableComponent,
    options?: { signal?: NodeJS.Signals; downMs?: number; timeoutMs?: number },
  ): Promise<void>;
  /** Stops every process and removes the temp dir (kept when `keepDir`). */
  stop(options?: { keepDir?: boolean }): Promise<void>;
}

/** The components `restart` knows how to wait for. */
export type RestartableComponent = 'kube-apiserver' | 'kube-controller-manager' | 'kube-scheduler' | 'kwok';

export interface StartOptions {
  /** Where to put the run's files; a new temp dir by default. */
  dir?: string;
  /** Progress messages; silent by default. */
  log?: (message: string) => void;
  /** How long to wait for each component, in ms. */
  timeoutMs?: number;
}

/**
 * Starts etcd, kube-apiserver, kube-controller-manager, kube-scheduler and kwok on 127.0.0.1, then creates
 * three simulated nodes, the `standard` StorageClass and the `nginx` IngressClass, and resolves once pods can
 * be scheduled and run. On any failure every started process is stopped and the error carries their logs.
 */
export async function startLocalCluster(options: StartOptions = {}): Promise<LocalCluster> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const tools = await resolveTools();
  for (const removed of await removeAbandonedRunDirs())
    log(`removed ${removed}, left by a run that was killed`);
  const dir = options.dir ?? (await mkdtemp(path.join(os.tmpdir(), `${runDirPrefix}cluster-`)));
  await mkdir(dir, { recursive: true });
  await claimRunDir(dir);
  const group = new ProcessGroup(dir);

  try {
    const pki = await createPki(dir);
    const ports = await allocatePorts();
    const server = `https://127.0.0.1:${ports.apiserver}`;
    const healthPorts: Record<string, number> = {
      'kube-controller-manager': ports.controllerManager,
      'kube-scheduler': ports.scheduler,
      kwok: ports.kwok,
    };
    const kubeconfigs = await writeKubeconfigs(dir, server, pki);
    const kubectl = (...args: string[]) => runTool(tools.kubectl, args, kubeconfigs.admin);

    log(`starting etcd and kube-apiserver (files in ${dir})`);
    await group.start('etcd', tools.etcd, etcdArgs(dir, ports));
    const apiserver = await group.start('kube-apiserver', tools['kube-apiserver'], apiserverArgs(pki, ports));
    const components = new Map<string, Component>([['kube-apiserver', apiserver]]);
    // A check that is not ready yet throws its answer (readyz lists its failing checks) for a timeout to show.
    const healthy = (component: Component, waitMs = timeoutMs) =>
      waitFor(
        `${component.name} ${component.name === 'kube-apiserver' ? '/readyz' : '/healthz'}`,
        async () => {
          await group.assertRunning(component);
          const { status, body } =
            component.name === 'kube-apiserver'
              ? await httpsGet(`${server}/readyz`, { caFile: pki.ca.cert, client: pki.admin })
              : await httpsGet(`https://127.0.0.1:${healthPorts[component.name]}/healthz`, {
                  caFile: pki.ca.cert,
                });
          if (status !== 200) throw new Error(`HTTP ${status}: ${body.trim().slice(-1500)}`);
          return true;
        },
        { timeoutMs: waitMs },
      );
    await healthy(apiserver);

    log('starting kube-controller-manager, kube-scheduler and kwok');
    const stagesFile = path.join(harnessDir, 'kwok', 'stages.yaml');
    const controllers = [
      await group.start(
        'kube-controller-manager',
        tools['kube-controller-manager'],
        controllerManagerArgs(pki, ports, kubeconfigs),
      ),
      await group.start('kube-scheduler', tools['kube-scheduler'], schedulerArgs(pki, ports, kubeconfigs)),
      await group.start('kwok', tools.kwok, kwokArgs(pki, ports, kubeconfigs, stagesFile)),
    ];
    for (const component of controllers) components.set(component.name, component);
    await kubectl('apply', '--server-side', '-f', path.join(harnessDir, 'manifests', 'bootstrap.yaml'));
    await Promise.all(controllers.map(healthy));
    await waitFor(
      'three Ready nodes',
      async () => {
        const { stdout } = await kubectl(
          'get',
          'nodes',
          '-o',
          'jsonpath={.items[*].status.conditions[?(@.type=="Ready")].status}',
        );
        return stdout.split(' ').filter((status) => status === 'True').length === 3 ? true : undefined;
      },
      { timeoutMs },
    );
    // Pods can only be created once the service-account controller has made the namespace's default account.
    await waitFor(
      'the default ServiceAccount',
      async () => {
        await kubectl('get', 'serviceaccount', 'default', '--namespace', 'default');
        return true;
      },
      { timeoutMs },
    );

    const startSeconds = (Date.now() - started) / 1000;
    log(`control plane ready in ${startSeconds.toFixed(1)} s at ${server}`);
    return {
      dir,
      kubeconfig: kubeconfigs.admin,
      server,
      startSeconds,
      processes: () => group.running(),
      restart: async (name, { signal, downMs, timeoutMs: waitMs = 120_000 } = {}) => {
        const component = components.get(name);
        if (!component) throw new Error(`no component ${name} in this cluster`);
        log(`restarting ${name} (${signal ?? 'SIGTERM'}, down ${downMs ?? 0} ms)`);
        const next = await group.restart(component, { signal, downMs });
        components.set(name, next);
        await healthy(next, waitMs);
      },
      stop: async ({ keepDir = false } = {}) => {
        await removeProvisionedVolumes(kubectl).catch((error: unknown) =>
          log(`could not list volumes to remove: ${String(error)}`),
        );
        await group.stop();
        if (!keepDir) await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    const logs = await group.logs();
    await group.stop();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `local control plane failed to start: ${reason}\nComponent logs (kept in ${dir}):\n${logs}`,
      { cause: error },
    );
  }
}

async function allocatePorts(): Promise<ClusterPorts> {
  const [etcdClient, etcdPeer, apiserver, controllerManager, scheduler, kwok] = await Promise.all(
    Array.from({ length: 6 }, () => freePort()),
  );
  return { etcdClient, etcdPeer, apiserver, controllerManager, scheduler, kwok } as ClusterPorts;
}

async function writeKubeconfigs(dir: string, server: string, pki: ClusterPki): Promise<ClusterKubeconfigs> {
  const kubeconfigs: ClusterKubeconfigs = {
    admin: path.join(dir, 'admin.kubeconfig'),
    controllerManager: path.join(dir, 'controller-manager.kubeconfig'),
    scheduler: path.join(dir, 'scheduler.kubeconfig'),
    kwok: path.join(dir, 'kwok.kubeconfig'),
  };
  const caFile = pki.ca.cert;
  await Promise.all([
    writeKubeconfig(kubeconfigs.admin, { server, caFile, user: 'admin', credentials: pki.admin }),
    writeKubeconfig(kubeconfigs.controllerManager, {
      server,
      caFile,
      user: 'controller-manager',
      credentials: pki.controllerManager,
    }),
    writeKubeconfig(kubeconfigs.scheduler, { server, caFile, user: 'scheduler', credentials: pki.scheduler }),
    writeKubeconfig(kubeconfigs.kwok, { server, caFile, user: 'kwok', credentials: pki.kwok }),
  ]);
  return kubeconfigs;
}

async function runTool(binary: string, args: string[], kubeconfig: string) {
  try {
    return await run(binary, args, {
      env: { ...process.env, KUBECONFIG: kubeconfig },
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`${path.basename(binary)} ${args.join(' ')} failed: ${stderr || String(error)}`, {
      cause: error,
    });
  }
}

// The host-path provisioner writes each volume under /tmp/hostpath_pv; when the cluster goes away with its
// volumes still bound, those folders would stay on the machine.
async function removeProvisionedVolumes(
  kubectl: (...args: string[]) => Promise<{ stdout: string }>,
): Promise<void> {
  const { stdout } = await kubectl(
    'get',
    'persistentvolumes',
    '-o',
    'jsonpath={.items[*].spec.hostPath.path}',
  );
  const paths = stdout.split(' ').filter((p) => p.startsWith('/tmp/hostpath_pv/'));
  await Promise.all(paths.map((p) => rm(p, { recursive: true, force: true })));
}
