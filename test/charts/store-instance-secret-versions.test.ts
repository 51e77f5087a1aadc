/** `secrets.version` of helm-charts/store-instance (secret rotation): which Secret the pods read (real helm). */
import { engineIds } from '@store-platform/contracts';
import { describe, expect, it } from 'vitest';

import { find, podSpecs, render, type K8sObject, type Rendered } from './helm.js';

const base = { 'store.name': 'my-store' };

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string } };
}

/** Every container's env (init containers too), by owner `Kind/name`. */
function envByOwner(all: K8sObject[]): Map<string, EnvVar[]> {
  return new Map(
    podSpecs(all).map(({ owner, spec }) => [
      `${owner.kind}/${owner.metadata.name}`,
      [...(spec.initContainers ?? []), ...spec.containers].flatMap(
        (c: Rendered) => (c.env ?? []) as EnvVar[],
      ),
    ]),
  );
}

const secretRefs = (env: EnvVar[]) =>
  env.flatMap((e) => (e.valueFrom?.secretKeyRef ? [e.valueFrom.secretKeyRef.name] : []));

describe.each(engineIds)('store-instance secrets.version (%s)', (engine) => {
  it('reads version 1, the first Secret, by default', async () => {
    const all = await render('store-instance', { ...base, 'store.engine': engine });
    const refs = [...envByOwner(all).values()].flatMap(secretRefs);
    expect(new Set(refs)).toEqual(new Set(['my-store-credentials']));
  });

  it('points the app and Jobs at `{name}-credentials-v{N}`, the databases at the first version, and keeps rendering it', async () => {
    const all = await render('store-instance', { ...base, 'store.engine': engine, 'secrets.version': 3 });
    for (const [owner, env] of envByOwner(all)) {
      const refs = new Set(secretRefs(env));
      if (refs.size === 0) continue;
      // MYSQL_*/POSTGRES_* matter only on an empty claim: a rotation must not restart the database.
      const expected =
        owner === 'StatefulSet/my-store-db' ? 'my-store-credentials' : 'my-store-credentials-v3';
      expect([...refs], owner).toEqual([expected]);
    }
    // The app's pod template changes with the version: that is what rolls the app.
    expect(secretRefs(envByOwner(all).get('Deployment/my-store-app') ?? [])).toContain(
      'my-store-credentials-v3',
    );
    // Version 1 stays in the release (a rollback needs it); later versions are the provisioner's, never Helm's.
    expect(all.filter((o) => o.kind === 'Secret').map((o) => o.metadata.name)).toEqual([
      'my-store-credentials',
    ]);
  });

  it('keeps an existingSecret named as the platform names it, and refuses another one past version 1', async () => {
    const platform = await render('store-instance', {
      ...base,
      'store.engine': engine,
      'secrets.existingSecret': 'my-store-credentials',
      'secrets.version': 2,
    });
    expect(secretRefs(envByOwner(platform).get('Deployment/my-store-app') ?? [])).toContain(
      'my-store-credentials-v2',
    );
    await expect(
      render('store-instance', {
        ...base,
        'store.engine': engine,
        'secrets.existingSecret': 'shop-keys',
        'secrets.version': 2,
      }),
    ).rejects.toThrow(/rotate it at its source/);
  });

  it('refuses a version below 1', async () => {
    await expect(
      render('store-instance', { ...base, 'store.engine': engine, 'secrets.version': 0 }),
    ).rejects.toThrow(/version/);
  });
});

describe('store-instance WordPress database user per version', () => {
  const dbUser = (all: K8sObject[], owner: string) =>
    (envByOwner(all).get(owner) ?? []).find((e) => e.name === 'WORDPRESS_DB_USER');

  // The user comes from the version's Secret through `lookup` (a live cluster: secret-rotation.int.test.ts); it is a
  // literal in every version, so that Helm can patch a rollback from one version to another.
  it('is a literal in every version, `wordpress` when no Secret names another', async () => {
    const first = await render('store-instance', { ...base, 'store.engine': 'woocommerce' });
    const rotated = await render('store-instance', {
      ...base,
      'store.engine': 'woocommerce',
      'secrets.version': 2,
    });
    for (const owner of [
      'Deployment/my-store-app',
      'Job/my-store-migrate',
      'Job/my-store-setup',
      'CronJob/my-store-cron',
    ]) {
      expect(dbUser(first, owner), owner).toEqual({ name: 'WORDPRESS_DB_USER', value: 'wordpress' });
      expect(dbUser(rotated, owner), owner).toEqual({ name: 'WORDPRESS_DB_USER', value: 'wordpress' });
    }
    // The database's first user stays what it was created with.
    const mysqlUser = (all: K8sObject[]) =>
      (envByOwner(all).get('StatefulSet/my-store-db') ?? []).find((e) => e.name === 'MYSQL_USER');
    expect(mysqlUser(rotated)).toEqual({ name: 'MYSQL_USER', value: 'wordpress' });
    find(rotated, 'Secret', 'my-store-credentials');
  });
});
