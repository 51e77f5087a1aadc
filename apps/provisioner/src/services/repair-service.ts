import type { StoreView } from '@store-platform/contracts';

import type { Settings } from '../config/settings.js';
import type { JobQueue } from '../ports/job-queue.js';
import type { StoreRepository } from '../ports/store-repository.js';
import { storeView } from './views.js';

/** The API's side of Repair: records the operation, queues it and answers at once, as every store write does. */
export class RepairService {
  constructor(
    private readonly repository: StoreRepository,
    private readonly queue: JobQueue,
    private readonly settings: Pick<Settings, 'BASE_DOMAIN'>,
  ) {}

  /**
   * Starts a repair of a Running store (services/provisioning/repair-flow.ts): refused while another operation
   * runs, when the store is not Running, or when `expectedVersion` is not its version.
   */
  async repair(name: string, actor: string, expectedVersion?: number): Promise<StoreView> {
    const { store, operation } = await this.repository.startOperation({
      name,
      kind: 'repair',
      actor,
      expectedVersion,
    });
    await this.queue.enqueue({ operationId: operation.id, storeName: store.name });
    await this.repository.appendActivity({ actor, action: 'repair', store: store.name, result: 'accepted' });
    return storeView(store, operation, this.settings.BASE_DOMAIN);
  }
}
