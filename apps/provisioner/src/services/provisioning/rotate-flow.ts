import { rotateSecretsRequestSchema, type RotationKind } from '@store-platform/contracts';

import { namespaceOf, releaseOf } from '../../domain/naming.js';
import type { Operation, RotateStep } from '../../domain/operation.js';
import { storeLabels } from '../../domain/ownership.js';
import {
  databaseUserOf,
  rotatedCredentials,
  rotationRefusal,
  secretNameOf,
  secretVersionLabel,
} from '../../domain/secret-rotation.js';
import type { Store } from '../../domain/store.js';
import { randomSecret } from './create-flow.js';
import type { ProvisioningDeps } from './deps.js';
import { deployedRevision, recordNewestRevision } from './revisions.js';
import { failRotation, type Rotation } from './rotate-revert.js';
import { runJob } from './run-job.js';
import {
  adminPasswordJob,
  createDatabaseUserJob,
  dropDatabaseUserJob,
  rotationJobName,
  type RotationJobTarget,
} from './rotation-jobs.js';
import { Skipped, StepFailed, StepRecorder } from './step-recorder.js';
import { watchStore } from './step-watch.js';
import { storeValues } from './store-values.js';

/** What each kind renews, as its prepare step says it. */
const renewed: Record<RotationKind, string> = {
  database: 'a new database user and password',
  salts: 'new sign-in salts',
  admin: 'a new administrator password',
};

/** The rotation of `store` asked by `operation`: its versions, Secrets and Jobs' target. */
function rotationOf(deps: ProvisioningDeps, operation: Operation, store: Store): Rotation {
  const { what } = rotateSecretsRequestSchema.parse(operation.request ?? {});
  const current = store.secretVersion ?? 1;
  const target: RotationJobTarget = {
    store: store.name,
    engine: store.engine,
    timeoutSeconds: deps.settings.BACKUP_JOB_TIMEOUT_SECONDS,
  };
  return {
    what,
    current,
    next: current + 1,
    currentSecret: secretNameOf(store.name, current),
    nextSecret: secretNameOf(store.name, current + 1),
    target,
    oldUser: undefined,
    newUser: undefined,
    revision: undefined,
  };
}

/**
 * Rotates a running store's secrets (docs/decisions/012-backups.md, "Secret rotation"): makes version N+1 of its
 * credentials Secret, a copy of version N with what is rotated renewed; for the database, creates the new user
 * (the old one keeps working); rolls the release to N+1 (`helm upgrade --wait`); for the administrator, sets the
 * new password with wp-cli instead (no restart); drops the old database user only once the rollout is ready; then
 * the store runs on N+1. On a failure before that, everything made is undone and the store runs on version N.
 */
export async function runRotateSecrets(
  deps: ProvisioningDeps,
  operation: Operation,
  store: Store,
): Promise<void> {
  const steps = new StepRecorder<RotateStep>(
    deps.repository,
    operation.id,
    operation.steps,
    deps.log,
    deps.now,
  );
  const namespace = namespaceOf(store.name);
  const rotation = rotationOf(deps, operation, store);
  const { what, next, nextSecret, target } = rotation;
  const image = deps.settings.BACKUP_IMAGE;
  try {
    await steps.run('prepare', async () => {
      const refusal = rotationRefusal(store.engine, what);
      if (refusal) throw new Error(refusal);
      rotation.revision = await deployedRevision(deps, store.name);
      if (rotation.revision === undefined) {
        throw new Error(`release ${releaseOf(store.name)} has no deployed revision (repair the store first)`);
      }
      const current = await deps.kube.readSecret(namespace, rotation.currentSecret);
      if (!current)
        throw new Error(`the Secret ${rotation.currentSecret} of version ${rotation.current} is missing`);
      const data = rotatedCredentials(what, store.engine, current, next, randomSecret);
      const labels = {
        ...storeLabels(store, deps.settings.PLATFORM_INSTANCE),
        [secretVersionLabel]: String(next),
      };
      await deps.kube.createSecret(namespace, nextSecret, data, labels);
      // A resumed operation keeps the Secret it made first: the users are read back from what exists.
      const made = (await deps.kube.readSecret(namespace, nextSecret)) ?? data;
      if (store.engine === 'woocommerce') {
        rotation.oldUser = databaseUserOf(current);
        rotation.newUser = databaseUserOf(made);
      }
      return `Secret ${nextSecret} (version ${next}): a copy of version ${rotation.current} with ${renewed[what]}`;
    });
    await steps.run('database-user', async (signal) => {
      if (what !== 'database') return new Skipped('skipped: only a database rotation makes a new user');
      const secrets = { current: rotation.currentSecret, next: nextSecret };
      await runJob(deps, store.name, createDatabaseUserJob(target, image, secrets, next), signal);
      return `database user ${rotation.newUser} created with the new password; ${rotation.oldUser} still works`;
    });
    await steps.run(
      'rollout',
      async (signal) => {
        if (what === 'admin') {
          return new Skipped(
            `skipped: an administrator password needs no restart; the release reads version ${next} from its next upgrade`,
          );
        }
        await deps.helm.upgrade({
          release: releaseOf(store.name),
          namespace,
          chart: deps.settings.STORE_CHART,
          valuesFiles: deps.settings.STORE_VALUES_FILES,
          timeoutSeconds: deps.settings.UPDATE_TIMEOUT_SECONDS,
          values: storeValues({ ...store, secretVersion: next }, deps.settings),
          signal,
        });
        return `release ${releaseOf(store.name)} upgraded to Secret ${nextSecret}; every workload is ready`;
      },
      watchStore(deps, store.name, deps.settings.UPDATE_TIMEOUT_SECONDS),
    );
    await steps.run('admin-password', async (signal) => {
      if (what !== 'admin') return new Skipped('skipped: only an administrator rotation sets a password');
      const appImage = await deps.kube.deploymentImage(namespace, `${store.name}-app`);
      if (!appImage) throw new Error(`the Deployment ${store.name}-app is missing: its image runs wp-cli`);
      await runJob(deps, store.name, adminPasswordJob(target, appImage, nextSecret, next), signal);
      return 'the administrator’s new password is set in WordPress; reveal the credentials to see it';
    });
    await steps.run('retire', async (signal) => {
      if (what !== 'database') return new Skipped('skipped: no database user to drop');
      const name = rotationJobName(store.name, 'retire', next);
      await runJob(
        deps,
        store.name,
        dropDatabaseUserJob(target, image, nextSecret, rotation.oldUser ?? '', name),
        signal,
      );
      return `database user ${rotation.oldUser} dropped: the old password no longer works`;
    });
    await steps.run('revert', async () => new Skipped('skipped: the rotation succeeded; nothing to undo'));
    await deps.repository.recordSecretVersion(store.name, {
      version: next,
      what,
      operationId: operation.id,
      actor: operation.startedBy,
    });
    if (what !== 'admin') {
      await recordNewestRevision(deps, store.name, {
        operationId: operation.id,
        actor: operation.startedBy,
        changes: [{ field: 'secrets.version', from: rotation.current, to: next }],
      });
    }
    await deps.repository.finishOperation(operation.id, { phase: 'succeeded', storeStatus: 'running' });
  } catch (error) {
    if (!(error instanceof StepFailed)) throw error;
    await failRotation(deps, steps, operation, store, error, rotation);
  }
}
