import type * as k8s from '@kubernetes/client-node';

import type { StoreJobSpec } from '../../ports/kube-client.js';

/** Where the uploads claim is mounted in the tool's container (its UPLOADS_DIR). */
export const uploadsMountPath = '/uploads';

/**
 * Fits every plan's LimitRange (helm-charts/store-instance values: the smallest, basic, allows at most 1 CPU,
 * 1Gi of memory and 1Gi of ephemeral storage per container) and leaves room in its ResourceQuota beside the store.
 */
const resources = {
  requests: { cpu: '100m', memory: '128Mi', 'ephemeral-storage': '64Mi' },
  limits: { cpu: '500m', memory: '512Mi', 'ephemeral-storage': '1Gi' },
};

/**
 * The manifest of a backup or restore Job (docs/decisions/012-backups.md): the project's image run as uid 33 (the
 * uploads' owner in WordPress images) under Pod Security "restricted", one attempt (a failed backup is reported,
 * not retried into a half-written archive), a deadline, and kept a while after it ends for its log.
 */
export function backupJobManifest(spec: StoreJobSpec): k8s.V1Job {
  const env: k8s.V1EnvVar[] = [
    ...Object.entries(spec.env).map(([name, value]) => ({ name, value })),
    ...Object.entries(spec.secretEnv).map(([name, ref]) => ({
      name,
      valueFrom: { secretKeyRef: { name: ref.secret, key: ref.key } },
    })),
  ];
  const volumes: k8s.V1Volume[] = [{ name: 'tmp', emptyDir: { sizeLimit: '512Mi' } }];
  const mounts: k8s.V1VolumeMount[] = [{ name: 'tmp', mountPath: '/tmp' }];
  if (spec.uploads) {
    volumes.push({
      name: 'uploads',
      persistentVolumeClaim: {
        claimName: spec.uploads.claim,
        ...(spec.uploads.readOnly ? { readOnly: true } : {}),
      },
    });
    // Left out when false, as the API server leaves it out.
    mounts.push({
      name: 'uploads',
      mountPath: uploadsMountPath,
      ...(spec.uploads.readOnly ? { readOnly: true } : {}),
    });
  }
  // A ReadWriteOnce claim mounts only on the node of the pod that has it: the app's.
  // https://kubernetes.io/docs/concepts/storage/persistent-volumes/#access-modes
  const affinity: k8s.V1Affinity | undefined = spec.uploads?.besideApp
    ? {
        podAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [
            {
              labelSelector: { matchLabels: { 'app.kubernetes.io/component': 'app' } },
              topologyKey: 'kubernetes.io/hostname',
            },
          ],
        },
      }
    : undefined;
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: spec.name, namespace: spec.namespace, labels: spec.labels },
    spec: {
      backoffLimit: 0,
      activeDeadlineSeconds: spec.activeDeadlineSeconds,
      ttlSecondsAfterFinished: spec.ttlSecondsAfterFinished,
      template: {
        metadata: { labels: spec.labels },
        spec: {
          restartPolicy: 'Never',
          automountServiceAccountToken: false,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: 33,
            runAsGroup: 33,
            fsGroup: 33,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          ...(affinity ? { affinity } : {}),
          containers: [
            {
              name: spec.command,
              image: spec.image,
              args: [spec.command],
              env,
              resources,
              volumeMounts: mounts,
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ['ALL'] },
              },
            },
          ],
          volumes,
        },
      },
    },
  };
}
