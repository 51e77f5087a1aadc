export { reservedStoreNames, storeNameLength, storeNamePattern, storeNameProblem } from './store-name.js';
export * from './stores.js';
export * from './auth.js';
export * from './accounts.js';
export * from './plans.js';
export * from './health.js';
export * from './titles.js';
export * from './updates.js';
export * from './deletion.js';
