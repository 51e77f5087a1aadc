import { storeNameProblem } from '@store-platform/contracts';

/** What is wrong with a store name as the user types it, or undefined: the API's rules, and names in use. */
export function nameCheck(name: string, taken: readonly string[]): string | undefined {
  if (name === '') return undefined;
  const problem = storeNameProblem(name);
  if (problem) return `The name ${problem}.`;
  if (taken.includes(name)) return `A store named "${name}" already exists.`;
  return undefined;
}

/**
 * What the user types, as a store name can be, shown in the field as they type: lower case, accents dropped, and
 * each run of spaces or other characters one hyphen ("Demo Shop!" → "demo-shop-"). A hyphen at the end stays
 * while typing (the next word follows it); `settledName` drops it.
 */
export function slugify(typed: string): string {
  return typed
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '');
}

/** The name as it will be created: without the hyphens a word left at its end. */
export function settledName(slug: string): string {
  return slug.replace(/-+$/, '');
}
