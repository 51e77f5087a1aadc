{{/*
The provisioner's PodDisruptionBudget and HorizontalPodAutoscaler, through the umbrella's shared templates (the
dashboard's use the same ones). Call each with (dict "root" $).
*/}}
{{- define "provisioner.podDisruptionBudget" -}}
{{- $p := .root.Values.provisioner -}}
{{- $args := dict "root" .root "name" "provisioner" "component" "api" "replicas" $p.replicas "hpa" $p.hpa -}}
{{- include "storePlatform.podDisruptionBudget" $args -}}
{{- end -}}

{{- define "provisioner.horizontalPodAutoscaler" -}}
{{- $args := dict "root" .root "name" "provisioner" "component" "api" "hpa" .root.Values.provisioner.hpa -}}
{{- include "storePlatform.horizontalPodAutoscaler" $args -}}
{{- end -}}
