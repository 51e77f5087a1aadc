{{/*
Helpers of the store-platform chart and of its library charts (charts/dashboard, charts/provisioner), which all
render in this chart's one values scope (docs/decisions/008-chart-scopes.md).

One calling convention: every `storePlatform.*`, `dashboard.*` and `provisioner.*` template takes a dict with
`root`, the chart's root context (`$` in a template file), and the named fields its comment gives; its comment
is its call line, e.g. (dict "root" $ "name" "provisioner" "component" "api"). Inside a helper the root is
`$root := .root`, passed on the same way. `name` is always a component's name (app.kubernetes.io/name, and the
suffix of `{release}-{name}`); `component` its role. The store-engine library's own helpers (`storeEngine.*`) are
called as that chart documents them.

The defaults of each environment are values (`environments` in values.yaml, checked by values.schema.json); a
helper takes the environment's default when the value it reads is left empty.
*/}}

{{/*
Base domain: global.baseDomain, else the environment's; production has none and needs it.
Call with (dict "root" $).
*/}}
{{- define "storePlatform.baseDomain" -}}
{{- $root := .root -}}
{{- $defaults := index $root.Values.environments $root.Values.global.environment -}}
{{- $domain := $root.Values.global.baseDomain | default $defaults.baseDomain -}}
{{- if not $domain -}}
{{- fail "global.baseDomain is required in production: the dashboard is served at dashboard.{baseDomain} and each store at {store}.{baseDomain} (e.g. --set global.baseDomain=example.com)" -}}
{{- end -}}
{{- $domain -}}
{{- end -}}

{{/* The dashboard's host. Call with (dict "root" $). */}}
{{- define "storePlatform.dashboardHost" -}}
{{- printf "dashboard.%s" (include "storePlatform.baseDomain" .) -}}
{{- end -}}

{{/*
StorageClass name: global.storageClass when set (even ''), else the environment's; '' is the cluster default.
Call with (dict "root" $).
*/}}
{{- define "storePlatform.storageClass" -}}
{{- $root := .root -}}
{{- if kindIs "invalid" $root.Values.global.storageClass -}}
{{- (index $root.Values.environments $root.Values.global.environment).storageClass -}}
{{- else -}}
{{- $root.Values.global.storageClass -}}
{{- end -}}
{{- end -}}

{{/* ClusterIssuer name: certManager.issuer, else the environment's. Call with (dict "root" $). */}}
{{- define "storePlatform.issuer" -}}
{{- $root := .root -}}
{{- $defaults := index $root.Values.environments $root.Values.global.environment -}}
{{- $root.Values.certManager.issuer | default $defaults.issuer -}}
{{- end -}}

{{/*
Requests and limits of a component (dashboard, provisioner or postgresql): `{name}.resources` when set, else the
environment's. Call with (dict "root" $ "name" "dashboard").
*/}}
{{- define "storePlatform.resources" -}}
{{- $root := .root -}}
{{- $defaults := index $root.Values.environments $root.Values.global.environment -}}
{{- $values := get (get $root.Values .name) "resources" -}}
{{- toYaml ($values | default (get $defaults.resources .name)) -}}
{{- end -}}

{{/*
Object name: {release}-{name}, e.g. store-platform-provisioner; at most 63 characters, a DNS label's length
(https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#dns-label-names).
Call with (dict "root" $ "name" "provisioner").
*/}}
{{- define "storePlatform.name" -}}
{{- printf "%s-%s" .root.Release.Name .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
Selector labels: name, instance and component only (a Deployment's selector cannot change after install).
Call with (dict "root" $ "name" "provisioner" "component" "api").
*/}}
{{- define "storePlatform.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* Labels of every object. Call with (dict "root" $ "name" "provisioner" "component" "api"). */}}
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
https://kubernetes.io/docs/concepts/containers/images/#image-names).
Call with (dict "root" $ "image" .Values.dashboard.image).
*/}}
{{- define "storePlatform.image" -}}
{{- $image := .image -}}
{{- $registry := .root.Values.global.imageRegistry -}}
{{- printf "%s%s:%s" (ternary (printf "%s/" $registry) "" (ne $registry "")) $image.repository $image.tag -}}
{{- with $image.digest }}@{{ . }}{{ end -}}
{{- end -}}

{{/*
Pod Security "restricted" for a container, with a read-only root filesystem (writable paths are emptyDirs):
https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
Call with (dict "root" $).
*/}}
{{- define "storePlatform.containerSecurityContext" -}}
{{ include "storeEngine.containerSecurityContext" .root }}
readOnlyRootFilesystem: true
{{- end -}}

{{/*
Pods of a component spread over nodes, so that one node going away leaves the others serving. matchLabelKeys
keeps the count per rollout: https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/
It is on by default from Kubernetes 1.27 (beta); older API servers do not know the field, and Helm's validation
would refuse the Deployment, so it is left out there (the spread then counts old and new pods together).
Call with (dict "root" $ "name" "provisioner" "component" "api").
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

{{/* Secret and key of the platform database's password, as YAML. Call with (dict "root" $). */}}
{{- define "storePlatform.databaseSecret" -}}
{{- $root := .root -}}
{{- if $root.Values.postgresql.enabled -}}
name: {{ include "storePlatform.name" (dict "root" $root "name" "postgresql") }}
key: password
{{- else -}}
name: {{ $root.Values.externalDatabase.existingSecret }}
key: {{ $root.Values.externalDatabase.passwordKey }}
{{- end -}}
{{- end -}}

{{/*
The database URL; Kubernetes puts the password in from the env var DB_PASSWORD, so none is written here.
Call with (dict "root" $).
*/}}
{{- define "storePlatform.databaseUrl" -}}
{{- $root := .root -}}
{{- if $root.Values.postgresql.enabled -}}
{{- $pg := $root.Values.postgresql -}}
{{- $host := include "storePlatform.name" (dict "root" $root "name" "postgresql") -}}
{{- printf "postgres://%s:$(DB_PASSWORD)@%s:5432/%s?sslmode=disable" $pg.user $host $pg.database -}}
{{- else -}}
{{- $db := $root.Values.externalDatabase -}}
{{- printf "postgres://%s:$(DB_PASSWORD)@%s:%d/%s?sslmode=%s" $db.user $db.host (int $db.port) $db.database $db.sslMode -}}
{{- end -}}
{{- end -}}

{{/* Refuses combinations the schema cannot express, each with what to set. Call with (dict "root" $). */}}
{{- define "storePlatform.validate" -}}
{{- $_ := include "storePlatform.baseDomain" . -}}
{{- $_ := include "storePlatform.validateBackups" . -}}
{{- $_ := include "storePlatform.validateAssistant" . -}}
{{- $db := .root.Values.externalDatabase -}}
{{- if and (not .root.Values.postgresql.enabled) (not (and $db.host $db.existingSecret)) -}}
{{- fail "postgresql.enabled is false: set externalDatabase.host and externalDatabase.existingSecret (a Secret holding the password)" -}}
{{- end -}}
{{- end -}}
