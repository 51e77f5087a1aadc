export { startLocalCluster, type LocalCluster, type StartOptions } from './local-cluster.js';
export { resolveTools, repoRoot, toolsBinDir, type ToolName } from './tools.js';
export { waitFor } from './wait.js';
