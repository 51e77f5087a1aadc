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
CEL: whether the namespace object named by the argument ("object", "oldObject", "namespaceObject") is a store
namespace: named store-{name} and labelled by the provisioner as it creates one (deps.ts storeLabels).
*/}}
{{- define "provisioner.isStoreNamespaceCel" -}}
{{ . }}.metadata.name.startsWith('store-')
&& has({{ . }}.metadata.labels)
&& {{ . }}.metadata.labels[?'app.kubernetes.io/managed-by'].orValue('') == 'store-platform-provisioner'
&& 'store-' + {{ . }}.metadata.labels[?'store-platform.io/store'].orValue('') == {{ . }}.metadata.name
{{- end -}}
