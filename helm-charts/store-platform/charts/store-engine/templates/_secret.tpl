{{/*
A Secret whose generated entries are made once and then kept: on upgrade the live Secret is read back with
`lookup` (https://helm.sh/docs/chart_template_guide/functions_and_pipelines/#using-the-lookup-function), so
passwords never change under a running database. Offline renders (`helm template`, --dry-run) cannot look up
and generate new values each time, by design.
Call with (dict "root" $ "name" "my-store-credentials" "generate" (dict "db-password" 32) "values" (dict "admin-user" "admin")).
Entries in "values" are set from configuration on every render; entries in "generate" are random alphanumerics
of the given length.
*/}}
{{- define "storeEngine.secret" -}}
{{- $live := lookup "v1" "Secret" .root.Release.Namespace .name | default dict -}}
{{- $kept := $live.data | default dict -}}
apiVersion: v1
kind: Secret
metadata:
  name: {{ .name }}
  labels:
    {{- include "storeEngine.labels" (dict "root" .root "component" "credentials") | nindent 4 }}
type: Opaque
data:
  {{- range $key, $value := .values }}
  {{ $key }}: {{ $value | toString | b64enc | quote }}
  {{- end }}
  {{- range $key, $length := .generate }}
  {{ $key }}: {{ get $kept $key | default (randAlphaNum (int $length) | b64enc) | quote }}
  {{- end }}
{{- end -}}
