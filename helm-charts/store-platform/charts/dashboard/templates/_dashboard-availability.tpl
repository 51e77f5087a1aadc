{{/*
The dashboard's PodDisruptionBudget and HorizontalPodAutoscaler, through the umbrella's shared templates (the
provisioner's use the same ones). Call each with (dict "root" $).
*/}}
{{- define "dashboard.podDisruptionBudget" -}}
{{- $replicas := include "dashboard.replicas" . | int -}}
{{- $args := dict "root" .root "name" "dashboard" "component" "web" "replicas" $replicas "hpa" .root.Values.dashboard.hpa -}}
{{- include "storePlatform.podDisruptionBudget" $args -}}
{{- end -}}

{{- define "dashboard.horizontalPodAutoscaler" -}}
{{- $args := dict "root" .root "name" "dashboard" "component" "web" "hpa" .root.Values.dashboard.hpa -}}
{{- include "storePlatform.horizontalPodAutoscaler" $args -}}
{{- end -}}
