import { storeNameProblem } from '@store-platform/contracts';

/** Placeholder entry until the provisioner exists (issue 4); proves the workspace links to contracts. */
export const validateStoreName = storeNameProblem;
