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
}
