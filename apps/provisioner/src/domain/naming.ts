/** Namespace of a store: one store per namespace. */
export const namespaceOf = (store: string) => `store-${store}`;

/** The store's generated credentials Secret (in its namespace), which its chart reads as `secrets.existingSecret`. */
export const credentialsSecretOf = (store: string) => `${store}-credentials`;

/** Host of a store's storefront and admin: {store}.{baseDomain}. */
export const storeHostOf = (store: string, baseDomain: string) => `${store}.${baseDomain}`;

/** Helm release of a store (the same name as the namespace, as in the chart's documented install command). */
export const releaseOf = (store: string) => `store-${store}`;
