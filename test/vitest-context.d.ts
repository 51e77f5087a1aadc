// Values the integration global setup (test/cluster/src/global-setup.ts) hands to every test file via inject().
import 'vitest';

import type { ProvisionerIdentity } from '@store-platform/test-cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin kubeconfig of the local control plane started for this run. */
    kubeconfig: string;
    /** URL of the throwaway PostgreSQL database `platform` started for this run. */
    databaseUrl: string;
    /** The provisioner's ServiceAccount (store-platform chart RBAC): its kubeconfig and store ClusterRole. */
    provisionerIdentity: ProvisionerIdentity;
  }
}
