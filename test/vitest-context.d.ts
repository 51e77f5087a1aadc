// Values the integration global setup (test/cluster/src/global-setup.ts) hands to every test file via inject().
import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin kubeconfig of the local control plane started for this run. */
    kubeconfig: string;
    /** URL of the throwaway PostgreSQL database `platform` started for this run. */
    databaseUrl: string;
  }
}
