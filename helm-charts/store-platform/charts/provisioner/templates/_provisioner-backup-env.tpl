{{/*
The provisioner's settings for backups and the deletion policy (apps/provisioner/src/config/settings.ts;
docs/decisions/012-backups.md). An empty BACKUP_S3_ENDPOINT turns backups off. The bucket's access key comes
from a Secret (secretKeyRef), never from values: the operator's (`backups.s3.existingSecret`) or the one the
local backup store generates. Call with (dict "root" $).
*/}}
{{- define "provisioner.backupEnv" -}}
{{- $root := .root -}}
{{- $b := $root.Values.backups -}}
{{- $endpoint := include "storePlatform.backupEndpoint" . -}}
- name: BACKUP_S3_ENDPOINT
  value: {{ $endpoint | quote }}
{{- if $endpoint }}
{{- $secret := include "storePlatform.backupCredentials" . | fromYaml }}
- name: BACKUP_S3_BUCKET
  value: {{ $b.s3.bucket | quote }}
- name: BACKUP_S3_REGION
  value: {{ $b.s3.region | quote }}
- name: BACKUP_S3_PREFIX
  value: {{ $b.s3.prefix | quote }}
# rclone serves buckets by path only; the operator's storage takes what is set.
- name: BACKUP_S3_FORCE_PATH_STYLE
  value: {{ or $b.s3.forcePathStyle (not $b.s3.endpoint) | quote }}
- name: BACKUP_S3_ACCESS_KEY_ID
  valueFrom:
    secretKeyRef:
      name: {{ $secret.name }}
      key: {{ $secret.accessKeyIdKey }}
- name: BACKUP_S3_SECRET_ACCESS_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $secret.name }}
      key: {{ $secret.secretAccessKeyKey }}
- name: BACKUP_IMAGE
  value: {{ include "storePlatform.image" (dict "root" $root "image" $b.image) | quote }}
- name: BACKUP_JOB_TIMEOUT_SECONDS
  value: {{ $b.jobTimeoutSeconds | quote }}
{{- end }}
- name: DELETION_RETAIN_DATA
  value: {{ $root.Values.deletionPolicy.retainData | quote }}
- name: DELETION_BACKUP_BEFORE_DELETE
  value: {{ $root.Values.deletionPolicy.backupBeforeDelete | quote }}
- name: DELETION_RETENTION_DAYS
  value: {{ $root.Values.deletionPolicy.retentionDays | quote }}
- name: PURGE_INTERVAL_SECONDS
  value: {{ $root.Values.deletionPolicy.purgeIntervalSeconds | quote }}
{{- end -}}
