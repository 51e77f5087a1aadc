import type {
  RevisionView,
  StoreView,
  UpdatePreview,
  UpdateStoreRequest,
  ValueChange,
} from '@store-platform/contracts';

import { ClusterError, PlatformError } from '../domain/errors.js';
import { namespaceOf, releaseOf } from '../domain/naming.js';
import type { Operation } from '../domain/operation.js';
import type { Store } from '../domain/store.js';
import { growthChanges } from '../domain/storage.js';
import { shapeChanges, targetShape, updateRefusal } from '../domain/update.js';
import type { HelmRunner } from '../ports/helm-runner.js';
import type { JobQueue } from '../ports/job-queue.js';
import type { KubeClient } from '../ports/kube-client.js';
import type { StoreRepository } from '../ports/store-repository.js';
import { manifestChanges } from './manifest-diff.js';
import type { ProvisioningDeps } from './provisioning/deps.js';
import { allowedVersions } from './provisioning/revisions.js';
import { plannedStorage } from './provisioning/storage-growth.js';
import { storeValues } from './provisioning/store-values.js';
import { storeView } from './views.js';

/** Objects whose change restarts pods, as a preview's notes name them. */
const podOwners = new Set(['Deployment', 'StatefulSet']);

/**
 * The API's side of updates: preview, apply (an `update` operation), history and rollback (a `rollback`
 * operation). Every write checks the rules first (domain/update.ts), names the version it was made from
 * (If-Match), and is queued for the worker, which checks again against the live namespace.
 */
export class UpdateService {
  constructor(
    private readonly repository: StoreRepository,
    private readonly queue: JobQueue,
    private readonly kube: KubeClient,
    private readonly helm: HelmRunner,
    private readonly settings: ProvisioningDeps['settings'],
  ) {}

  /** What `request` would change on the store, values and rendered objects, before anything is applied. */
  async preview(name: string, request: UpdateStoreRequest): Promise<UpdatePreview> {
    const store = await this.refuseUnlessAllowed(name, request);
    if (store.status !== 'running' && store.status !== 'updating') {
      throw new PlatformError(
        'conflict',
        `only a running store can be previewed; "${name}" is ${store.status}`,
      );
    }
    const target = targetShape(store, request);
    const release = releaseOf(name);
    const namespace = namespaceOf(name);
    const values = storeValues({ ...store, ...target }, this.settings);
    const [current, next, storage] = await Promise.all([
      this.helm.manifest(release, namespace),
      this.helm.renderUpgrade({
        release,
        namespace,
        chart: this.settings.STORE_CHART,
        valuesFiles: this.settings.STORE_VALUES_FILES,
        values,
      }),
      // Claims are grown outside the release, so the manifests never show it: said here, claim by claim.
      plannedStorage({ kube: this.kube, helm: this.helm }, name, target.plan),
    ]).catch((error: unknown) => {
      // Helm's words (a ClusterError's message: its last line, no internals), as an operation would show them.
      if (!(error instanceof ClusterError)) throw error;
      throw new PlatformError('unavailable', `the preview could not be rendered: ${error.message}`, {
        kind: error.kind,
      });
    });
    const manifests = manifestChanges(current, next);
    const restarts = manifests.filter((m) => podOwners.has(m.kind) && m.change === 'changed');
    const notes = [
      ...(restarts.length
        ? [`pods restart, one at a time: ${restarts.map((m) => `${m.kind} ${m.name}`).join(', ')}`]
        : []),
      ...(target.settings.engineVersion !== store.settings.engineVersion
        ? ['the engine version changes: the migration Job updates the database after the upgrade']
        : []),
      ...storage.notes,
      'if the upgrade fails, the store is rolled back to the revision it runs now',
    ];
    return {
      version: store.version,
      values: [
        ...shapeChanges(store, target),
        ...chartValueChanges(storeValues(store, this.settings), values),
        ...growthChanges(storage.grow),
      ],
      manifests,
      notes,
    };
  }

  /** Starts an update of the store made from version `expectedVersion`; 202 with the queued operation. */
  async update(
    name: string,
    request: UpdateStoreRequest,
    actor: string,
    expectedVersion: number,
  ): Promise<StoreView> {
    await this.refuseUnlessAllowed(name, request);
    const { store, operation } = await this.repository.startOperation({
      name,
      kind: 'update',
      actor,
      expectedVersion,
      request: { ...request },
    });
    return this.queued(store, operation, actor);
  }

  /** The release's revisions, newest first, with who made each and what it changed when the platform did. */
  async revisions(name: string): Promise<RevisionView[]> {
    const store = await this.existing(name);
    const [history, recorded] = await Promise.all([this.history(store), this.repository.listRevisions(name)]);
    const byRevision = new Map(recorded.map((r) => [r.revision, r]));
    const first = history.at(-1)?.revision;
    return history.map((r) => {
      const made = byRevision.get(r.revision);
      // The install is the store's create (its creator), which records no row of its own.
      const actor = made?.actor ?? (r.revision === first && r.revision === 1 ? store.createdBy : null);
      return {
        revision: r.revision,
        updatedAt: new Date(r.updated).toISOString(),
        status: r.status,
        chartVersion: r.chart.replace(/^.*-(\d+\.\d+\.\d+.*)$/, '$1'),
        appVersion: r.appVersion,
        description: r.description,
        actor,
        changes: made?.changes ?? null,
      };
    });
  }

  /** Starts a rollback to `revision` of the store made from version `expectedVersion`. */
  async rollback(name: string, revision: number, actor: string, expectedVersion: number): Promise<StoreView> {
    const store = await this.existing(name);
    const history = await this.history(store);
    const current = history.find((r) => r.status === 'deployed')?.revision;
    if (!history.some((r) => r.revision === revision)) {
      throw new PlatformError(
        'update_refused',
        `store "${store.name}" has no revision ${revision}; GET /stores/${store.name}/revisions lists them`,
        { rule: 'revision_not_found', field: 'revision' },
      );
    }
    if (revision === current) {
      throw new PlatformError('update_refused', `store "${store.name}" runs revision ${revision} already`, {
        rule: 'revision_is_current',
        field: 'revision',
      });
    }
    const started = await this.repository.startOperation({
      name,
      kind: 'rollback',
      actor,
      expectedVersion,
      request: { revision },
    });
    return this.queued(started.store, started.operation, actor);
  }

  /**
   * The release's history; none while the store is being created or deleted: its namespace may not (or no longer)
   * grant the provisioner access, so Helm would fail (a 500 the API fuzz found), and there is nothing to roll back to.
   */
  private async history(store: Store) {
    if (store.status === 'provisioning' || store.status === 'deleting') return [];
    try {
      return await this.helm.history(releaseOf(store.name), namespaceOf(store.name));
    } catch (error) {
      // A failed create removed its namespace, and the provisioner's rights there with it: there is no release (the
      // API fuzz found the 500 this was).
      if (store.status === 'failed' && error instanceof ClusterError && error.kind === 'forbidden') return [];
      throw error;
    }
  }

  private async existing(name: string): Promise<Store> {
    const store = await this.repository.getStore(name);
    if (!store) throw new PlatformError('not_found', `no store named "${name}"`);
    return store;
  }

  /** The store, when the rules let `request` apply to it as it is now; else the refusal as a 422. */
  private async refuseUnlessAllowed(name: string, request: UpdateStoreRequest): Promise<Store> {
    const store = await this.existing(name);
    // Read only for a plan change (the only one that could shrink the quota): the API stays fast otherwise.
    const used =
      request.plan !== undefined && request.plan !== store.plan
        ? (await this.kube.quotaUsage(namespaceOf(name))).used
        : undefined;
    const refusal = updateRefusal(store, request, {
      sharedUploads: this.settings.UPLOADS_ACCESS_MODE === 'ReadWriteMany',
      allowedVersions: allowedVersions(this.settings, store.engine),
      used,
    });
    if (refusal)
      throw new PlatformError('update_refused', refusal.message, { rule: refusal.rule, ...refusal.details });
    return store;
  }

  private async queued(store: Store, operation: Operation, actor: string): Promise<StoreView> {
    await this.queue.enqueue({ operationId: operation.id, storeName: store.name });
    await this.repository.appendActivity({
      actor,
      action: operation.kind,
      store: store.name,
      result: 'accepted',
    });
    return storeView(store, operation, this.settings.BASE_DOMAIN);
  }
}

/** The chart values (`store.plan`, `engines.woocommerce.image.tag`...) that differ between two sets. */
function chartValueChanges(
  before: Record<string, string | number | boolean>,
  after: Record<string, string | number | boolean>,
): ValueChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys
    .filter((key) => before[key] !== after[key])
    .map((key) => ({ field: `values.${key}`, from: before[key] ?? null, to: after[key] ?? null }));
}
