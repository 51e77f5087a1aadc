// What tests elsewhere in the repository use of the local control plane, as `@store-platform/test-cluster`.
export { adminKube } from './admin-kube.js';
export {
  startLocalCluster,
  type LocalCluster,
  type RestartableComponent,
  type StartOptions,
} from './local-cluster.js';
export { freePort } from './net.js';
export { createProvisionerIdentity, type ProvisionerIdentity } from './provisioner-identity.js';
export { resolveTools, repoRoot, toolsBinDir, type ToolName } from './tools.js';
export { waitFor } from './wait.js';
export { createDatabase, startLocalPostgres, type LocalPostgres } from './postgres.js';
export { startLocalS3, type LocalS3 } from './s3-server.js';
export { startLocalMariaDb, mariaDbClient, type LocalMariaDb } from './mariadb.js';
