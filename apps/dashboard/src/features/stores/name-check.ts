import { storeNameProblem } from '@store-platform/contracts';

/** What is wrong with a store name as the user types it, or undefined: the API's rules, and names in use. */
export function nameCheck(name: string, taken: readonly string[]): string | undefined {
  if (name === '') return undefined;
  const problem = storeNameProblem(name);
  if (problem) return `The name ${problem}.`;
  if (taken.includes(name)) return `A store named "${name}" already exists.`;
  return undefined;
}
