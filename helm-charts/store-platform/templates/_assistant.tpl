{{/*
The assistant of store creation (the provisioner's ASSISTANT_* settings, apps/provisioner/src/config/settings.ts):
an OpenAI-compatible chat-completions API at `assistant.baseUrl`. These helpers say whether it is on and where it
is, for the provisioner's settings and its network policy, so both agree.
*/}}

{{/* "true" when the assistant is configured (a base URL; the model comes with it). Call with (dict "root" $). */}}
{{- define "storePlatform.assistantEnabled" -}}
{{- if .root.Values.assistant.baseUrl -}}true{{- end -}}
{{- end -}}

{{/*
The TCP port of assistant.baseUrl: the URL's own, else 443 for https and 80 for http (as
storePlatform.backupEndpointPort for the object storage). Call with (dict "root" $).
*/}}
{{- define "storePlatform.assistantPort" -}}
{{- $url := urlParse .root.Values.assistant.baseUrl -}}
{{- $parts := splitList ":" $url.host -}}
{{- if gt (len $parts) 1 -}}
{{- last $parts -}}
{{- else -}}
{{- ternary "443" "80" (eq $url.scheme "https") -}}
{{- end -}}
{{- end -}}

{{/*
Refuses a half-configured assistant, which would be off without saying so: a base URL and a model go together.
Call with (dict "root" $).
*/}}
{{- define "storePlatform.validateAssistant" -}}
{{- $a := .root.Values.assistant -}}
{{- if and $a.baseUrl (not $a.model) -}}
{{- fail "assistant.baseUrl is set: set assistant.model too (the model the provisioner asks), or empty both to leave the assistant off" -}}
{{- end -}}
{{- if and $a.model (not $a.baseUrl) -}}
{{- fail "assistant.model is set: set assistant.baseUrl too (the OpenAI-compatible API, e.g. https://api.openai.com/v1), or empty both to leave the assistant off" -}}
{{- end -}}
{{- end -}}
