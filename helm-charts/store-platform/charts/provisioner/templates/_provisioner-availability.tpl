{{/*
The provisioner's PodDisruptionBudget and HorizontalPodAutoscaler, through the umbrella's shared templates
(dashboard.availability uses the same ones).
*/}}
{{- define "provisioner.availability" -}}
{{- $id := dict "root" . "name" "provisioner" "component" "api" -}}
{{ include "storePlatform.podDisruptionBudget" (merge (dict "replicas" .Values.provisioner.replicas "hpa" .Values.provisioner.hpa) $id) }}
{{ include "storePlatform.horizontalPodAutoscaler" (merge (dict "replicas" .Values.provisioner.replicas "hpa" .Values.provisioner.hpa) $id) }}
{{- end -}}
