{{/*
Helpers of the store-platform umbrella. The dashboard and provisioner subcharts render their objects through
these with the umbrella's context (`$`), so every helper reads the umbrella's values.
*/}}

{{/*
Defaults of each environment, used when a value is left empty. README.md shows this table; keep them in step.
*/}}
{{- define "storePlatform.environmentDefaults" -}}
local:
  baseDomain: 127.0.0.1.nip.io
  storageClass: ''
  issuer: selfsigned
  dashboardReplicas: 1
  resources:
    dashboard: { requests: { cpu: 10m, memory: 32Mi }, limits: { cpu: 200m, memory: 128Mi } }
    provisioner: { requests: { cpu: 100m, memory: 256Mi }, limits: { cpu: '1', memory: 1Gi } }
    postgresql: { requests: { cpu: 100m, memory: 256Mi }, limits: { cpu: '1', memory: 1Gi } }
production:
  baseDomain: ''
  storageClass: local-path
  issuer: letsencrypt-prod
  dashboardReplicas: 2
  resources:
    dashboard: { requests: { cpu: 50m, memory: 64Mi }, limits: { cpu: 500m, memory: 256Mi } }
    provisioner: { requests: { cpu: 250m, memory: 512Mi }, limits: { cpu: '2', memory: 2Gi } }
    postgresql: { requests: { cpu: 500m, memory: 1Gi }, limits: { cpu: '2', memory: 4Gi } }
{{- end -}}

{{/* The defaults of global.environment, as YAML. */}}
{{- define "storePlatform.defaults" -}}
{{- toYaml (get (include "storePlatform.environmentDefaults" . | fromYaml) .Values.global.environment) -}}
{{- end -}}

{{/* Base domain: global.baseDomain, else the environment's; production has none and needs it. */}}
{{- define "storePlatform.baseDomain" -}}
{{- $domain := .Values.global.baseDomain | default (include "storePlatform.defaults" . | fromYaml).baseDomain -}}
{{- if not $domain -}}
{{- fail "global.baseDomain is required in production: the dashboard is served at dashboard.{baseDomain} and each store at {store}.{baseDomain} (e.g. --set global.baseDomain=example.com)" -}}
{{- end -}}
{{- $domain -}}
{{- end -}}

{{/* The dashboard's host. */}}
{{- define "storePlatform.dashboardHost" -}}
{{- printf "dashboard.%s" (include "storePlatform.baseDomain" .) -}}
{{- end -}}

{{/* StorageClass name: global.storageClass when set (even ''), else the environment's; '' is the cluster default. */}}
{{- define "storePlatform.storageClass" -}}
{{- if kindIs "invalid" .Values.global.storageClass -}}
{{- (include "storePlatform.defaults" . | fromYaml).storageClass -}}
{{- else -}}
{{- .Values.global.storageClass -}}
{{- end -}}
{{- end -}}

{{/* ClusterIssuer name: certManager.issuer, else the environment's. */}}
{{- define "storePlatform.issuer" -}}
{{- .Values.certManager.issuer | default (include "storePlatform.defaults" . | fromYaml).issuer -}}
{{- end -}}

{{/* Requests and limits of a component: its values when set, else the environment's. Call with (list $ "dashboard"). */}}
{{- define "storePlatform.resources" -}}
{{- $root := index . 0 -}}
{{- $component := index . 1 -}}
{{- $values := get (get $root.Values $component) "resources" -}}
{{- toYaml ($values | default (get (include "storePlatform.defaults" $root | fromYaml).resources $component)) -}}
{{- end -}}

{{/* Object name of a component: {release}-{component}, e.g. store-platform-provisioner. */}}
{{- define "storePlatform.name" -}}
{{- printf "%s-%s" (index . 0).Release.Name (index . 1) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Selector labels: name, instance and component only. Call with (dict "root" $ "name" "provisioner" "component" "api"). */}}
{{- define "storePlatform.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* Labels of every object; same call as the selector labels. */}}
{{- define "storePlatform.labels" -}}
{{ include "storePlatform.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: store-platform
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end -}}

{{/*
An image reference `[registry/]repository:tag[@digest]`: global.imageRegistry in front when set, the digest
after the tag when set (the runtime then pulls by digest and the tag is only for people:
https://kubernetes.io/docs/concepts/containers/images/#image-names). Call with (list $ .Values.dashboard.image).
*/}}
{{- define "storePlatform.image" -}}
{{- $image := index . 1 -}}
{{- $registry := (index . 0).Values.global.imageRegistry -}}
{{- printf "%s%s:%s" (ternary (printf "%s/" $registry) "" (ne $registry "")) $image.repository $image.tag -}}
{{- with $image.digest }}@{{ . }}{{ end -}}
{{- end -}}

{{/*
Pod Security "restricted" for a container, with a read-only root filesystem (writable paths are emptyDirs):
https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
*/}}
{{- define "storePlatform.containerSecurityContext" -}}
{{ include "storeEngine.containerSecurityContext" . }}
readOnlyRootFilesystem: true
{{- end -}}

{{/*
Pods of a component spread over nodes, so that one node going away leaves the others serving. matchLabelKeys
keeps the count per rollout: https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/
It is on by default from Kubernetes 1.27 (beta); older API servers do not know the field, and Helm's validation
would refuse the Deployment, so it is left out there (the spread then counts old and new pods together).
Call like the selector labels.
*/}}
{{- define "storePlatform.topologySpread" -}}
{{- if .root.Values.topologySpread.enabled -}}
topologySpreadConstraints:
  - maxSkew: 1
    topologyKey: kubernetes.io/hostname
    whenUnsatisfiable: {{ .root.Values.topologySpread.whenUnsatisfiable }}
    {{- if semverCompare ">=1.27.0-0" .root.Capabilities.KubeVersion.Version }}
    matchLabelKeys: [pod-template-hash]
    {{- end }}
    labelSelector:
      matchLabels:
        {{- include "storePlatform.selectorLabels" . | nindent 8 }}
{{- end }}
{{- end -}}

{{/*
A generated password, base64 for a Secret's data: the one already in the Secret when it exists (so upgrades keep
it), else 32 random letters and digits (URL-safe, as it goes into a connection URL). `helm template` has no
cluster and always generates. Call with (dict "root" $ "secret" "name" "key" "password").
*/}}
{{- define "storePlatform.generatedPassword" -}}
{{- $existing := lookup "v1" "Secret" .root.Release.Namespace .secret -}}
{{- $data := dig "data" .key "" ($existing | default dict) -}}
{{- $data | default (randAlphaNum 32 | b64enc) -}}
{{- end -}}

{{/* Secret and key of the platform database's password. */}}
{{- define "storePlatform.databaseSecret" -}}
{{- if .Values.postgresql.enabled -}}
name: {{ include "storePlatform.name" (list . "postgresql") }}
key: password
{{- else -}}
name: {{ .Values.externalDatabase.existingSecret }}
key: {{ .Values.externalDatabase.passwordKey }}
{{- end -}}
{{- end -}}

{{/* The database URL; Kubernetes puts the password in from the env var DB_PASSWORD, so none is written here. */}}
{{- define "storePlatform.databaseUrl" -}}
{{- if .Values.postgresql.enabled -}}
{{- $pg := .Values.postgresql -}}
{{- printf "postgres://%s:$(DB_PASSWORD)@%s:5432/%s?sslmode=disable" $pg.user (include "storePlatform.name" (list . "postgresql")) $pg.database -}}
{{- else -}}
{{- $db := .Values.externalDatabase -}}
{{- printf "postgres://%s:$(DB_PASSWORD)@%s:%d/%s?sslmode=%s" $db.user $db.host (int $db.port) $db.database $db.sslMode -}}
{{- end -}}
{{- end -}}

{{/* Refuses combinations the schema cannot express, each with what to set. */}}
{{- define "storePlatform.validate" -}}
{{- $_ := include "storePlatform.baseDomain" . -}}
{{- if and (not .Values.postgresql.enabled) (not (and .Values.externalDatabase.host .Values.externalDatabase.existingSecret)) -}}
{{- fail "postgresql.enabled is false: set externalDatabase.host and externalDatabase.existingSecret (a Secret holding the password)" -}}
{{- end -}}
{{- end -}}
