import { storeNameProblem } from '@store-platform/contracts';

/** Placeholder entry until the dashboard exists (issue 5); proves the workspace links to contracts. */
export const validateStoreName = storeNameProblem;
