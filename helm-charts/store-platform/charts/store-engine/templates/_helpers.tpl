{{/*
Labels of every object of a store. Call with (dict "root" $ "component" "app").
The store name is the instance: one store per release and per namespace. store.instance, when the platform sets
it, names the install of the platform the store belongs to (several can share a cluster).
*/}}
{{- define "storeEngine.labels" -}}
{{ include "storeEngine.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | default .root.Chart.Version | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: store-platform
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
store-platform.io/store: {{ .root.Values.store.name | quote }}
store-platform.io/engine: {{ .root.Values.store.engine }}
{{- with .root.Values.store.instance }}
store-platform.io/instance: {{ . | quote }}
{{- end }}
{{- end -}}

{{/* Selector labels: name, instance and component only (they never change after install). */}}
{{- define "storeEngine.selectorLabels" -}}
app.kubernetes.io/name: {{ .root.Values.store.engine }}
app.kubernetes.io/instance: {{ .root.Values.store.name | quote }}
{{- with .component }}
app.kubernetes.io/component: {{ . }}
{{- end }}
{{- end -}}

{{/* Object name for a component: {store}-{suffix}, e.g. my-store-db. Call with (dict "root" $ "suffix" "db"). */}}
{{- define "storeEngine.name" -}}
{{- printf "%s-%s" .root.Values.store.name .suffix -}}
{{- end -}}

{{/*
Pod Security "restricted" at pod level for a numeric uid/gid:
https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
*/}}
{{- define "storeEngine.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .uid }}
runAsGroup: {{ .gid | default .uid }}
fsGroup: {{ .gid | default .uid }}
fsGroupChangePolicy: OnRootMismatch
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "storeEngine.containerSecurityContext" -}}
allowPrivilegeEscalation: false
runAsNonRoot: true
capabilities:
  drop: ["ALL"]
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/*
Every store container: "restricted", and a read-only root filesystem, so that nothing but the mounted volumes
(claims and emptyDirs, each sized) can be written. Each template mounts an emptyDir where its image writes.
Call with any context: (include "storeEngine.storeContainerSecurityContext" .).
*/}}
{{- define "storeEngine.storeContainerSecurityContext" -}}
{{ include "storeEngine.containerSecurityContext" . }}
readOnlyRootFilesystem: true
{{- end -}}

{{/* The active plan's settings; fails with a readable message for an unknown plan. */}}
{{- define "storeEngine.plan" -}}
{{- $plan := get .Values.plans .Values.store.plan -}}
{{- if not $plan -}}
{{- fail (printf "store.plan %q is not one of the plans: %s" .Values.store.plan (keys .Values.plans | sortAlpha | join ", ")) -}}
{{- end -}}
{{- toYaml $plan -}}
{{- end -}}

{{/* Requests and limits of one component of the active plan. Call with (dict "root" $ "component" "app"). */}}
{{- define "storeEngine.resources" -}}
{{- $plan := include "storeEngine.plan" .root | fromYaml -}}
{{- $resources := get $plan.resources .component -}}
{{- if not $resources -}}
{{- fail (printf "plan %q has no resources for component %q" .root.Values.store.plan .component) -}}
{{- end -}}
{{- toYaml $resources -}}
{{- end -}}

{{/* The store's public host: ingress.host, else {name}.{global.baseDomain}. */}}
{{- define "storeEngine.host" -}}
{{- .Values.ingress.host | default (printf "%s.%s" .Values.store.name .Values.global.baseDomain) -}}
{{- end -}}

{{/* The store's public URL. */}}
{{- define "storeEngine.url" -}}
{{- printf "%s://%s" (ternary "https" "http" .Values.ingress.tls.enabled) (include "storeEngine.host" .) -}}
{{- end -}}

{{/*
Size of a store volume (`database` or `uploads`): the live size once it exists, else persistence.{volume}.size,
else the plan's storage.{volume}. The live size wins so that no upgrade or re-rendered rollback ever asks a claim
to change: a StatefulSet's volumeClaimTemplates are immutable, and a bound claim cannot shrink. Claims grow only
through the provisioner, which patches them where their class allows expansion:
https://kubernetes.io/docs/concepts/storage/persistent-volumes/#expanding-persistent-volumes-claims
`lookup` answers nothing under `helm template` (no cluster), which then renders the configured size.
Call with (dict "root" $ "volume" "database" "live" $liveSize).
*/}}
{{- define "storeEngine.volumeSize" -}}
{{- $configured := get .root.Values.persistence .volume -}}
{{- $plan := include "storeEngine.plan" .root | fromYaml -}}
{{- .live | default $configured.size | default (get $plan.storage .volume) -}}
{{- end -}}

{{/* Storage class line for a claim: global.storageClass, else the cluster default (no line). */}}
{{- define "storeEngine.storageClass" -}}
{{- with .Values.global.storageClass }}
storageClassName: {{ . | quote }}
{{- end }}
{{- end -}}

{{/*
An image reference from {repository, tag, digest}: `repository:tag`, or `repository:tag@digest` when a digest
pins it (the runtime then pulls by digest; the tag only tells people which version it is).
Call with the image value: (include "storeEngine.image" .Values.engines.woocommerce.image).
*/}}
{{- define "storeEngine.image" -}}
{{- printf "%s:%s" .repository .tag -}}
{{- with .digest }}@{{ . }}{{ end -}}
{{- end -}}
