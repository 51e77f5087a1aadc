/** Shortest and longest store name; the name becomes the namespace `store-{name}` and a DNS host label. */
export const storeNameLength = { min: 3, max: 40 } as const;

/** A DNS label (RFC 1123): lower-case letters, digits and inner hyphens. */
export const storeNamePattern = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

/** Names that would clash with the platform's own host names or read as official. */
export const reservedStoreNames: ReadonlySet<string> = new Set([
  'admin',
  'api',
  'app',
  'dashboard',
  'default',
  'kube-system',
  'platform',
  'status',
  'store',
  'www',
]);

/** Returns why `name` cannot name a store, in words a user can act on, or undefined when it can. */
export function storeNameProblem(name: string): string | undefined {
  if (name.length < storeNameLength.min || name.length > storeNameLength.max) {
    return `must be ${storeNameLength.min} to ${storeNameLength.max} characters long (got ${name.length})`;
  }
  if (!storeNamePattern.test(name)) {
    return 'may contain only lower-case letters, digits and hyphens, and must start and end with a letter or digit';
  }
  if (reservedStoreNames.has(name)) {
    return `"${name}" is reserved by the platform`;
  }
  return undefined;
}
