import type { StoreCredentials } from '@store-platform/contracts';

import { PlatformError } from '../domain/errors.js';
import { namespaceOf, storeHostOf } from '../domain/naming.js';
import { foreignNamespaceReason } from '../domain/ownership.js';
import { secretNameOf } from '../domain/secret-rotation.js';
import { engineFor } from '../engines/index.js';
import type { KubeClient } from '../ports/kube-client.js';
import type { StoreRepository } from '../ports/store-repository.js';

/**
 * Reveals a store administrator's sign-in. The password lives only in the store's Secret (never in the platform's
 * database), and each reveal is written to the activity log, so that who saw it stays on record. Only from a
 * namespace of this install's store: a Secret of that name elsewhere is not the platform's to show.
 */
export class CredentialsService {
  constructor(
    private readonly repository: StoreRepository,
    private readonly kube: Pick<KubeClient, 'readSecret' | 'namespace'>,
    private readonly baseDomain: string,
    private readonly instance: string,
  ) {}

  async reveal(name: string, actor: string): Promise<StoreCredentials> {
    const store = await this.repository.getStore(name);
    if (!store) throw new PlatformError('not_found', `no store named "${name}"`);
    if (store.status !== 'running') {
      throw new PlatformError(
        'conflict',
        `store "${name}" is ${store.status}; its credentials can be shown once it is running`,
      );
    }
    const namespace = await this.kube.namespace(namespaceOf(name));
    const foreign =
      namespace &&
      foreignNamespaceReason({ name: namespaceOf(name), labels: namespace.labels }, name, this.instance);
    if (foreign) throw new PlatformError('conflict', `${foreign}; the store's sign-in is not shown`);
    // The version the store runs on: after an administrator rotation, the new password.
    const secretName = secretNameOf(name, store.secretVersion ?? 1);
    const secret = await this.kube.readSecret(namespaceOf(name), secretName);
    const password = secret?.['admin-password'];
    if (!password) {
      throw new PlatformError(
        'unavailable',
        `the Secret ${secretName} in namespace ${namespaceOf(name)} has no admin-password; retry the store to recreate it`,
      );
    }
    const engine = engineFor(store.engine);
    const host = storeHostOf(name, this.baseDomain);
    await this.repository.appendActivity({
      actor,
      action: 'reveal-credentials',
      store: name,
      result: 'succeeded',
    });
    return { username: engine.adminLogin(host), password, adminUrl: `https://${host}${engine.adminPath}` };
  }
}
