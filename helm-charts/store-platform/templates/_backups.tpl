{{/*
Where backups go (docs/decisions/012-backups.md): always an S3 API, either the operator's object storage
(`backups.s3.endpoint`) or the platform's own backup store (`backups.local`, backup-store-*.yaml). These helpers
say which, for the provisioner's settings, the network policies and the store values, so all three agree.
*/}}

{{/*
"true" when the chart runs its own backup store: backups on, no endpoint of the operator's, local enabled.
Call with (dict "root" $).
*/}}
{{- define "storePlatform.backupStoreEnabled" -}}
{{- $b := .root.Values.backups -}}
{{- if and $b.enabled (not $b.s3.endpoint) $b.local.enabled -}}true{{- end -}}
{{- end -}}

{{/* The endpoint the provisioner and the Jobs use; empty: backups are off. Call with (dict "root" $). */}}
{{- define "storePlatform.backupEndpoint" -}}
{{- $root := .root -}}
{{- if $root.Values.backups.enabled -}}
{{- if $root.Values.backups.s3.endpoint -}}
{{- $root.Values.backups.s3.endpoint | trimSuffix "/" -}}
{{- else if include "storePlatform.backupStoreEnabled" . -}}
{{- printf "http://%s.%s.svc:8080" (include "storePlatform.name" (dict "root" $root "name" "backup-store")) $root.Release.Namespace -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/*
Secret and keys of the bucket's access key, as YAML (name, accessKeyIdKey, secretAccessKeyKey): the operator's
Secret with an endpoint, the generated one of the local backup store otherwise. Call with (dict "root" $).
*/}}
{{- define "storePlatform.backupCredentials" -}}
{{- $s3 := .root.Values.backups.s3 -}}
{{- if $s3.endpoint -}}
name: {{ $s3.existingSecret }}
accessKeyIdKey: {{ $s3.accessKeyIdKey }}
secretAccessKeyKey: {{ $s3.secretAccessKeyKey }}
{{- else -}}
name: {{ include "storePlatform.name" (dict "root" .root "name" "backup-store") }}
accessKeyIdKey: access-key-id
secretAccessKeyKey: secret-access-key
{{- end -}}
{{- end -}}

{{/*
The TCP port of the operator's endpoint: the URL's own, else 443 for https and 80 for http.
Call with (dict "root" $).
*/}}
{{- define "storePlatform.backupEndpointPort" -}}
{{- $url := urlParse .root.Values.backups.s3.endpoint -}}
{{- $parts := splitList ":" $url.host -}}
{{- if gt (len $parts) 1 -}}
{{- last $parts -}}
{{- else -}}
{{- ternary "443" "80" (eq $url.scheme "https") -}}
{{- end -}}
{{- end -}}

{{/*
Where backup Jobs in store namespaces may send archives, as the store chart's networkPolicy.backupStore: the
local backup store's pods, or the operator's endpoint's port (at egressCidrs, or any address). Empty when
backups are off. Call with (dict "root" $).
*/}}
{{- define "storePlatform.storeBackupTarget" -}}
{{- $root := .root -}}
{{- if include "storePlatform.backupStoreEnabled" . -}}
namespace: {{ $root.Release.Namespace }}
podLabels:
  {{- include "storePlatform.selectorLabels" (dict "root" $root "name" "backup-store" "component" "storage") | nindent 2 }}
ports: [8080]
{{- else if and $root.Values.backups.enabled $root.Values.backups.s3.endpoint -}}
cidrs: {{ toJson $root.Values.backups.s3.egressCidrs }}
ports: [{{ include "storePlatform.backupEndpointPort" . }}]
{{- end -}}
{{- end -}}

{{/* Refuses backup settings the schema cannot express, each with what to set. Call with (dict "root" $). */}}
{{- define "storePlatform.validateBackups" -}}
{{- $b := .root.Values.backups -}}
{{- if and $b.enabled $b.s3.endpoint (not $b.s3.existingSecret) -}}
{{- fail "backups.s3.endpoint is set: set backups.s3.existingSecret too, a Secret with the bucket's access key id and secret access key (backups.s3.accessKeyIdKey, backups.s3.secretAccessKeyKey)" -}}
{{- end -}}
{{- end -}}
