import { credentialsSecretOf } from '../../domain/naming.js';
import type { Store } from '../../domain/store.js';
import type { ProvisioningDeps } from './deps.js';

/**
 * The store chart's values for a store as recorded: what every install, repair and update sets with `--set`
 * (the operator's values files come first). A setting an operator never changed is left out, so the chart's
 * default applies (the plan's replicas, the store's name as title, the engine version of the values files).
 */
export function storeValues(
  store: Pick<Store, 'name' | 'engine' | 'plan' | 'settings' | 'secretVersion'>,
  settings: ProvisioningDeps['settings'],
): Record<string, string | number | boolean> {
  const { replicas, title, adminEmail, engineVersion } = store.settings;
  return {
    'store.name': store.name,
    'store.engine': store.engine,
    'store.plan': store.plan,
    'global.environment': settings.ENVIRONMENT,
    'global.baseDomain': settings.BASE_DOMAIN,
    'global.storageClass': settings.STORAGE_CLASS,
    'ingress.class': settings.INGRESS_CLASS,
    'secrets.existingSecret': credentialsSecretOf(store.name),
    // The credentials version it runs on (secret rotation): v1 is the Secret above, N > 1 `{name}-credentials-v{N}`.
    'secrets.version': store.secretVersion ?? 1,
    'store.instance': settings.PLATFORM_INSTANCE,
    ...(replicas !== undefined ? { 'store.appReplicas': replicas } : {}),
    ...(title !== undefined ? { 'store.title': title } : {}),
    ...(adminEmail !== undefined ? { 'store.adminEmail': adminEmail } : {}),
    ...(engineVersion !== undefined ? { [`engines.${store.engine}.image.tag`]: engineVersion } : {}),
  };
}
