import { describe, expect, it } from 'vitest';

import type { StoreJobSpec } from '../../ports/kube-client.js';
import { backupJobManifest } from './backup-job.js';

const spec: StoreJobSpec = {
  namespace: 'store-shop',
  name: 'shop-backup-1a2b3c4d',
  image: 'store-platform/store-backup:0.1.0',
  command: 'backup',
  env: { STORE_NAME: 'shop', UPLOADS_DIR: '/uploads' },
  secretEnv: {
    DB_PASSWORD: { secret: 'shop-credentials', key: 'db-password' },
    AWS_ACCESS_KEY_ID: { secret: 'shop-backup-target', key: 'access-key-id' },
  },
  uploads: { claim: 'shop-uploads', readOnly: true, besideApp: true },
  labels: { 'app.kubernetes.io/component': 'backup' },
  activeDeadlineSeconds: 1800,
  ttlSecondsAfterFinished: 3600,
};

describe('backup Job manifest', () => {
  it('mounts the uploads claim read-only beside the app pod, with secrets by reference only', () => {
    const job = backupJobManifest(spec);
    const pod = job.spec?.template.spec;
    const container = pod?.containers[0];
    expect(container?.args).toEqual(['backup']);
    expect(pod?.volumes).toContainEqual({
      name: 'uploads',
      persistentVolumeClaim: { claimName: 'shop-uploads', readOnly: true },
    });
    expect(container?.volumeMounts).toContainEqual({
      name: 'uploads',
      mountPath: '/uploads',
      readOnly: true,
    });
    expect(container?.volumeMounts).toContainEqual({ name: 'tmp', mountPath: '/tmp' });
    expect(pod?.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution).toEqual([
      {
        labelSelector: { matchLabels: { 'app.kubernetes.io/component': 'app' } },
        topologyKey: 'kubernetes.io/hostname',
      },
    ]);
    expect(container?.env).toContainEqual({
      name: 'DB_PASSWORD',
      valueFrom: { secretKeyRef: { name: 'shop-credentials', key: 'db-password' } },
    });
    expect(container?.env?.filter((e) => e.value !== undefined).map((e) => e.name)).toEqual([
      'STORE_NAME',
      'UPLOADS_DIR',
    ]);
  });

  it('runs once, as uid 33 under Pod Security "restricted", within the plan\'s limits', () => {
    const job = backupJobManifest(spec);
    const pod = job.spec?.template.spec;
    expect(job.spec).toMatchObject({
      backoffLimit: 0,
      activeDeadlineSeconds: 1800,
      ttlSecondsAfterFinished: 3600,
    });
    expect(pod?.restartPolicy).toBe('Never');
    expect(pod?.securityContext).toMatchObject({
      runAsNonRoot: true,
      runAsUser: 33,
      fsGroup: 33,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(pod?.containers[0]?.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    // The basic plan's LimitRange allows at most 1 CPU and 1Gi per container.
    expect(pod?.containers[0]?.resources?.limits).toEqual({
      cpu: '500m',
      memory: '512Mi',
      'ephemeral-storage': '1Gi',
    });
    expect(job.metadata?.labels).toEqual(spec.labels);
    expect(job.spec?.template.metadata?.labels).toEqual(spec.labels);
  });

  it('a restore mounts the claim read-write without affinity (its app is at zero)', () => {
    const job = backupJobManifest({
      ...spec,
      command: 'restore',
      uploads: { claim: 'shop-uploads', readOnly: false, besideApp: false },
    });
    const pod = job.spec?.template.spec;
    expect(pod?.affinity).toBeUndefined();
    expect(pod?.containers[0]?.args).toEqual(['restore']);
    expect(pod?.containers[0]?.volumeMounts).toContainEqual({ name: 'uploads', mountPath: '/uploads' });
    expect(pod?.volumes).toContainEqual({
      name: 'uploads',
      persistentVolumeClaim: { claimName: 'shop-uploads' },
    });
  });
});
