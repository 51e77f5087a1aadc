{{/* Labels of the provisioner's RBAC objects (rbac.yaml, rbac-admission-policy.yaml). */}}
{{- define "provisioner.rbacLabels" -}}
app.kubernetes.io/name: provisioner
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: rbac
app.kubernetes.io/version: {{ .Chart.AppVersion | default .Chart.Version | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: store-platform
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end -}}

{{/*
CEL: whether a namespace object is a store namespace of this install: named store-{name} and labelled by this
release's provisioner as it creates one (domain/ownership.ts storeLabels), its install label included. Call with
(dict "object" "namespaceObject" "instance" .Release.Name); object is the CEL variable: "object", "oldObject",
"namespaceObject" or "variables.current".
*/}}
{{- define "provisioner.isStoreNamespaceCel" -}}
{{ .object }}.metadata.name.startsWith('store-')
&& has({{ .object }}.metadata.labels)
&& {{ .object }}.metadata.labels[?'app.kubernetes.io/managed-by'].orValue('') == 'store-platform-provisioner'
&& 'store-' + {{ .object }}.metadata.labels[?'store-platform.io/store'].orValue('') == {{ .object }}.metadata.name
&& {{ .object }}.metadata.labels[?'store-platform.io/instance'].orValue('') == '{{ .instance }}'
{{- end -}}

{{/* What a store namespace of this install is, in the policies' messages. Call with .Release.Name. */}}
{{- define "provisioner.storeNamespaceWords" -}}
named store-{name}, labelled store-platform.io/store={name}, app.kubernetes.io/managed-by=store-platform-provisioner and store-platform.io/instance={{ . }}
{{- end -}}
