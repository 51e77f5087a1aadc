import type { EngineId } from '@store-platform/contracts';

import type { JobManifest } from '../../ports/kube-client.js';

/**
 * The one-off Jobs of a secret rotation (docs/decisions/012-backups.md), as manifests for KubeClient.createJob.
 * Secrets reach them only by secretKeyRef, never as literals. Their pods are labelled with the component `backup`:
 * the store's NetworkPolicy lets that component reach the database. Restricted like the chart's Jobs: non-root,
 * read-only root with /tmp an emptyDir, no capabilities, the runtime's seccomp profile, no API token; resources
 * below the smallest plan's LimitRange maximum (1 CPU, 1Gi, 1Gi of ephemeral storage), no retry (backoffLimit 0:
 * a second `create` of the same user would fail on the first's work, and the flow reads one outcome).
 */

/** Who a rotation Job is for: its store and what it may take. */
export interface RotationJobTarget {
  store: string;
  engine: EngineId;
  /** How long it may run (BACKUP_JOB_TIMEOUT_SECONDS). */
  timeoutSeconds: number;
}

const secretEnv = (name: string, secret: string, key: string) => ({
  name,
  valueFrom: { secretKeyRef: { name: secret, key } },
});

function labels(target: RotationJobTarget) {
  return {
    'app.kubernetes.io/name': target.engine,
    'app.kubernetes.io/instance': target.store,
    'app.kubernetes.io/component': 'backup',
    'app.kubernetes.io/part-of': 'store-platform',
    'app.kubernetes.io/managed-by': 'store-platform-provisioner',
  };
}

/** A restricted run-once Job of one container running as `uid`. */
function job(
  target: RotationJobTarget,
  name: string,
  uid: number,
  container: { image: string; command?: string[]; args?: string[]; env: unknown[] },
): JobManifest {
  const podLabels = labels(target);
  return {
    metadata: { name, labels: podLabels },
    spec: {
      backoffLimit: 0,
      activeDeadlineSeconds: target.timeoutSeconds,
      // Kept a day after it ended: its pod's log is the evidence of a failed rotation.
      ttlSecondsAfterFinished: 86_400,
      template: {
        metadata: { labels: podLabels },
        spec: {
          restartPolicy: 'Never',
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: uid,
            runAsGroup: uid,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          containers: [
            {
              name: 'rotate',
              image: container.image,
              imagePullPolicy: 'IfNotPresent',
              ...(container.command ? { command: container.command } : {}),
              ...(container.args ? { args: container.args } : {}),
              env: [...container.env, { name: 'HOME', value: '/tmp' }],
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ['ALL'] },
              },
              resources: {
                requests: { cpu: '50m', memory: '64Mi', 'ephemeral-storage': '16Mi' },
                limits: { cpu: '250m', memory: '256Mi', 'ephemeral-storage': '64Mi' },
              },
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
            },
          ],
          volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }],
        },
      },
    },
  };
}

/** The database's address and root password, from `secret` (the root password never rotates). */
const databaseEnv = (store: string, secret: string) => [
  { name: 'DB_HOST', value: `${store}-db` },
  { name: 'DB_PORT', value: '3306' },
  { name: 'DB_NAME', value: 'wordpress' },
  secretEnv('DB_ROOT_PASSWORD', secret, 'db-root-password'),
];

/** Name of a rotation Job: per store, step and version, so that a resumed operation finds its own. */
export const rotationJobName = (store: string, step: string, version: number) =>
  `${store}-rotate-${step}-v${version}`;

/**
 * `rotate-db-user create` (apps/store-backup, BACKUP_IMAGE, uid 33): a new MySQL user NEW_DB_USER with
 * NEW_DB_PASSWORD and the app user's grants, both from the new version's Secret `next`.
 */
export function createDatabaseUserJob(
  target: RotationJobTarget,
  image: string,
  secrets: { current: string; next: string },
  version: number,
): JobManifest {
  return job(target, rotationJobName(target.store, 'db-user', version), 33, {
    image,
    // The image's entrypoint is the store-backup CLI: the command is its arguments.
    args: ['rotate-db-user', 'create'],
    env: [
      ...databaseEnv(target.store, secrets.current),
      secretEnv('NEW_DB_USER', secrets.next, 'db-user'),
      secretEnv('NEW_DB_PASSWORD', secrets.next, 'db-password'),
    ],
  });
}

/** `rotate-db-user drop`: drops OLD_DB_USER (a name, not a secret), the user a version no longer uses. */
export function dropDatabaseUserJob(
  target: RotationJobTarget,
  image: string,
  secret: string,
  user: string,
  name: string,
): JobManifest {
  return job(target, name, 33, {
    image,
    args: ['rotate-db-user', 'drop'],
    env: [...databaseEnv(target.store, secret), { name: 'OLD_DB_USER', value: user }],
  });
}

/**
 * Sets the administrator's password in WordPress to the new version's `admin-password`, with wp-cli in the store's
 * own image (uid 33, as the chart's setup and migrate Jobs). The password is read from the environment by PHP, so
 * that it is never on a command line.
 */
export function adminPasswordJob(
  target: RotationJobTarget,
  image: string,
  secret: string,
  version: number,
): JobManifest {
  const script =
    "$u = get_user_by('login', getenv('STORE_ADMIN_USER')); if (!$u) { fwrite(STDERR, 'no such administrator' . PHP_EOL); exit(1); } " +
    "wp_set_password(getenv('STORE_ADMIN_PASSWORD'), $u->ID); echo 'password set' . PHP_EOL;";
  return job(target, rotationJobName(target.store, 'admin', version), 33, {
    image,
    command: ['wp', '--path=/var/www/html', '--no-color', 'eval', script],
    env: [
      { name: 'WORDPRESS_DB_HOST', value: `${target.store}-db:3306` },
      { name: 'WORDPRESS_DB_NAME', value: 'wordpress' },
      secretEnv('WORDPRESS_DB_USER', secret, 'db-user'),
      secretEnv('WORDPRESS_DB_PASSWORD', secret, 'db-password'),
      secretEnv('STORE_ADMIN_USER', secret, 'admin-user'),
      secretEnv('STORE_ADMIN_PASSWORD', secret, 'admin-password'),
    ],
  });
}
