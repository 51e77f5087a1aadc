export { reservedStoreNames, storeNameLength, storeNamePattern, storeNameProblem } from './store-name.js';
