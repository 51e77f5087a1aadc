import { setTimeout as delay } from 'node:timers/promises';

import type { Settings } from '../config/settings.js';
import { retainedVolumeLabels, type DeletedStore } from '../domain/deletion.js';
import type { KubeClient } from '../ports/kube-client.js';
import type { OperationLock } from '../ports/operation-lock.js';
import type { StoreRepository } from '../ports/store-repository.js';
import type { StoreBackups } from './provisioning/store-backups.js';

/** What the purge uses. */
export interface StorePurgeDeps {
  repository: StoreRepository;
  kube: KubeClient;
  /** Absent when backups are not configured: there are none to remove. */
  backups?: StoreBackups;
  /** One replica purges at a time: the others skip the cycle. */
  lock: OperationLock;
  settings: Pick<Settings, 'PURGE_INTERVAL_SECONDS' | 'PLATFORM_INSTANCE'>;
  /** Waits `ms`, or rejects once `signal` aborts (unit tests run cycles themselves instead). */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  log: (message: string, fields: Record<string, unknown>) => void;
}

const lockKey = 'deleted-store-purge';

/**
 * Purges deleted stores whose retention has ended (docs/decisions/012-backups.md, "Deletion policy and soft
 * delete"): their backups are removed, their kept PersistentVolumes released, and each purge is written to the
 * activity log; they then leave the Deleted stores list. Every worker replica runs it, as the health monitor; the
 * advisory lock lets one purge per cycle.
 */
export class StorePurge {
  private readonly aborts = new AbortController();

  constructor(private readonly deps: StorePurgeDeps) {}

  /** Runs one cycle when this replica gets the lock; resolves with the number of stores purged, or undefined. */
  async runCycle(): Promise<number | undefined> {
    let purged: number | undefined;
    await this.deps.lock.tryRun(lockKey, async () => {
      purged = 0;
      for (const store of await this.deps.repository.purgeDue()) {
        // One store that cannot be purged now (storage unreachable) waits for the next cycle; the others go on.
        try {
          await this.purge(store);
          purged += 1;
        } catch (error) {
          this.deps.log('purging a deleted store failed; the next cycle tries again', {
            store: store.name,
            deletedAt: store.deletedAt,
            err: error,
          });
        }
      }
    });
    return purged;
  }

  /** Starts a cycle every PURGE_INTERVAL_SECONDS; the returned function stops it. */
  start(): () => Promise<void> {
    const intervalMs = this.deps.settings.PURGE_INTERVAL_SECONDS * 1000;
    const sleep = this.deps.sleep ?? ((ms, signal) => delay(ms, undefined, { signal }));
    const loop = (async () => {
      while (!this.aborts.signal.aborted) {
        await this.runCycle().catch((error: unknown) => {
          if (!this.aborts.signal.aborted) this.deps.log('purge cycle failed', { err: error });
        });
        await sleep(intervalMs, this.aborts.signal).catch(() => undefined);
      }
    })();
    return async () => {
      this.aborts.abort();
      await loop;
    };
  }

  private async purge(store: DeletedStore): Promise<void> {
    const backups = await this.removeBackups(store);
    const volumes = await this.releaseVolumes(store);
    await this.deps.repository.markPurged(store.id, {
      actor: 'platform',
      action: 'purge',
      store: store.name,
      result: 'succeeded',
      detail: [backups, volumes].join(', '),
    });
  }

  /**
   * Removes the store's backups, by name (StoreBackups.removeAll): not while a store of the same name is live or
   * still restorable, whose backups share that name; they go with that store's own purge.
   */
  private async removeBackups(store: DeletedStore): Promise<string> {
    if (!this.deps.backups) return 'backups removed: 0 (backups are not configured)';
    const live = await this.deps.repository.getStore(store.name);
    const others = (await this.deps.repository.listDeleted()).filter(
      (d) => d.name === store.name && d.id !== store.id,
    );
    if (live || others.length > 0) {
      return `backups removed: 0 (kept: another store named "${store.name}" is ${live ? 'live' : 'still restorable'} and shares them)`;
    }
    return `backups removed: ${await this.deps.backups.removeAll(store.name)}`;
  }

  /**
   * Releases the volumes the delete kept (reclaim policy Delete again: the PersistentVolume controller deletes them
   * and their storage): only those it recorded, still labelled for this store and install, and no longer bound to
   * a claim (Released); a volume bound again since (a restore that took it) is left.
   */
  private async releaseVolumes(store: DeletedStore): Promise<string> {
    if (store.retainedVolumes.length === 0) return 'volumes released: 0';
    const labels = retainedVolumeLabels(store.name, this.deps.settings.PLATFORM_INSTANCE);
    const labelled = new Map((await this.deps.kube.labelledVolumes(labels)).map((v) => [v.name, v.phase]));
    let released = 0;
    const kept: string[] = [];
    for (const volume of store.retainedVolumes) {
      const phase = labelled.get(volume.name);
      if (phase === undefined) continue;
      if (phase === 'Bound') {
        kept.push(volume.name);
        continue;
      }
      await this.deps.kube.releaseVolume(volume.name);
      released += 1;
    }
    return `volumes released: ${released}${kept.length ? ` (kept, bound again: ${kept.join(', ')})` : ''}`;
  }
}
