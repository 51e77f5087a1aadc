import type { EngineId, PlanId } from '@store-platform/contracts';

import { namespaceOf, releaseOf } from '../../src/domain/naming.js';
import { storeLabels } from '../../src/domain/ownership.js';
import type { CreateStep } from '../../src/domain/operation.js';
import type { ProvisioningDeps } from '../../src/services/provisioning/deps.js';
import { StepRecorder } from '../../src/services/provisioning/step-recorder.js';
import { FakeClock } from './fake-clock.js';
import { InMemoryKube } from './in-memory-kube.js';
import { InMemoryStoreRepository } from './in-memory-store-repository.js';
import { RecordingHelmRunner } from './recording-helm-runner.js';

/** Settings as the chart sets them in a cluster (a bound ClusterRole, a named platform namespace). */
export const clusterSettings: ProvisioningDeps['settings'] = {
  STORE_CHART: 'helm-charts/store-instance',
  STORE_VALUES_FILES: [],
  ENVIRONMENT: 'local',
  BASE_DOMAIN: '127.0.0.1.nip.io',
  INGRESS_CLASS: 'nginx',
  STORAGE_CLASS: '',
  STORE_CLUSTER_ROLE: 'store-manager',
  STOREFRONT_CHECK: false,
  OPERATION_TIMEOUT_SECONDS: 600,
  PLATFORM_INSTANCE: 'store-platform',
  PLATFORM_NAMESPACE: 'store-platform',
  ENGINE_VERSIONS_WOOCOMMERCE: ['6.9.5-wc10.10.0'],
  ENGINE_VERSIONS_MEDUSA: [],
  UPLOADS_ACCESS_MODE: 'ReadWriteOnce',
  UPDATE_TIMEOUT_SECONDS: 30,
  BACKUP_IMAGE: 'store-platform/store-backup:test',
  BACKUP_JOB_TIMEOUT_SECONDS: 60,
  DELETION_RETAIN_DATA: false,
  DELETION_BACKUP_BEFORE_DELETE: true,
  DELETION_RETENTION_DAYS: 7,
};

/**
 * The provisioning flows' world without a cluster: every port a double, a healthy cluster (a default storage
 * class, nginx, room for any plan, setup Jobs that complete) and a fake clock. Tests change what they need
 * (`world.kube.free = ...`) and read what a user or an operator would notice.
 */
export function provisioningWorld(settings: Partial<ProvisioningDeps['settings']> = {}) {
  const clock = new FakeClock();
  const kube = new InMemoryKube();
  const helm = new RecordingHelmRunner();
  const repository = new InMemoryStoreRepository(clock.now);
  const logged: { message: string; fields: Record<string, unknown> }[] = [];
  const askedUrls: string[] = [];
  const deps: ProvisioningDeps = {
    repository,
    kube,
    helm,
    settings: { ...clusterSettings, ...settings },
    waitFor: clock.waitFor,
    httpStatus: async (url) => {
      askedUrls.push(url);
      return 200;
    },
    log: (message, fields) => logged.push({ message, fields }),
    now: clock.now,
  };

  /** Records a store and its queued create operation, as the API does, and lets its setup Job complete. */
  async function newStore(name = 'shop', engine: EngineId = 'woocommerce', plan: PlanId = 'basic') {
    kube.jobOutcomes.set(`${namespaceOf(name)}/${name}-setup`, 'Completed');
    const limits = { total: 100, perUser: 20 };
    return repository.createStore({ name, engine, plan, actor: 'olivia', limits });
  }

  /** Puts the store in the cluster as a finished create left it: its namespace, bound, and a deployed release. */
  function installed(name = 'shop'): string {
    const namespace = namespaceOf(name);
    const labels = storeLabels(
      { name, engine: 'woocommerce', plan: 'basic' },
      deps.settings.PLATFORM_INSTANCE,
    );
    const uid = kube.addNamespace(namespace, labels, [{ 'admin-user': 'admin' }]);
    kube.bound.add(namespace);
    helm.setStatus(releaseOf(name), namespace, 'deployed');
    return uid;
  }

  return { deps, clock, kube, helm, repository, logged, askedUrls, newStore, installed };
}

/** A world with store `shop` being created, and a recorder of that create's steps on the world's clock and log. */
export async function recordingWorld() {
  const world = provisioningWorld();
  const { operation } = await world.newStore('shop');
  const steps = new StepRecorder<CreateStep>(
    world.repository,
    operation.id,
    operation.steps,
    world.deps.log,
    world.clock.now,
  );
  return { world, operation, steps };
}
