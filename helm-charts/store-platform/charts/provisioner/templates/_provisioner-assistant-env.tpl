{{/*
The provisioner's settings of the assistant of store creation (apps/provisioner/src/config/settings.ts): none while
assistant.baseUrl is empty (the assistant is off). The API's bearer token comes from the operator's Secret
(secretKeyRef), never from values, and only when one is named. Call with (dict "root" $).
*/}}
{{- define "provisioner.assistantEnv" -}}
{{- $a := .root.Values.assistant -}}
{{- if include "storePlatform.assistantEnabled" . -}}
- name: ASSISTANT_BASE_URL
  value: {{ $a.baseUrl | trimSuffix "/" | quote }}
- name: ASSISTANT_MODEL
  value: {{ $a.model | quote }}
{{- with $a.apiKeySecret.name }}
- name: ASSISTANT_API_KEY
  valueFrom:
    secretKeyRef:
      name: {{ . | quote }}
      key: {{ $a.apiKeySecret.key | quote }}
{{- end }}
- name: ASSISTANT_TIMEOUT_SECONDS
  value: {{ $a.timeoutSeconds | quote }}
{{- end -}}
{{- end -}}
