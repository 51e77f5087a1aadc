/** Namespace of a store: one store per namespace. */
export const namespaceOf = (store: string) => `store-${store}`;

/** Helm release of a store (the same name as the namespace, as in the chart's documented install command). */
export const releaseOf = (store: string) => `store-${store}`;
