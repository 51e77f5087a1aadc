import type { EngineId } from '@store-platform/contracts';

/** What the provisioner needs to know about one store engine. */
export interface Engine {
  id: EngineId;
  /** The Job (a Helm hook) that sets the store up after install: the setup step waits for its outcome. */
  setupJob: (store: string) => string;
  /** Credentials the store's Secret holds: key -> length of the random value. */
  generatedSecrets: Record<string, number>;
  /** The store administrator's sign-in name (the chart's `adminUser`, or Medusa's `admin@{host}`). */
  adminLogin: (host: string) => string;
  /** Admin URL path under the store's host. */
  adminPath: string;
  /** Path of the storefront's health check through its Service. */
  storefrontPath: string;
  appPort: number;
  /** The app's Deployment (`{store}-app`): what a restore scales to zero and back. */
  appDeployment: (store: string) => string;
  /**
   * The store's database as backup and restore Jobs reach it (helm-charts/store-instance): its Service
   * `{store}-db`, and the key of its password in the store's credentials Secret.
   */
  database: { kind: 'mysql' | 'postgres'; port: number; name: string; user: string; passwordKey: string };
  /** The uploads claim a backup archives (`{store}-uploads`, ReadWriteOnce); absent when the engine has none. */
  uploadsClaim?: (store: string) => string;
}
