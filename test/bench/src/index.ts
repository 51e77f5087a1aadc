export { apiWithToken, signIn, type ApiResponse, type BenchApi } from './api.js';
export { buildProvisioner, tsxEntry, type ProvisionerEntry } from './build.js';
export { startBenchPlatform, type BenchPlatform, type PlatformOptions } from './platform.js';
export { rssOf, startProvisionerChild, type ProvisionerChild } from './provisioner.js';
