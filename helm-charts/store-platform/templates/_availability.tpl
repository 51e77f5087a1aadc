{{/*
PodDisruptionBudget of a component that runs more than one pod: a node drain keeps one serving.
https://kubernetes.io/docs/tasks/run-application/configure-pdb/
Call with (dict "root" $ "name" "provisioner" "component" "api" "replicas" 2 "hpa" .Values.provisioner.hpa).
*/}}
{{- define "storePlatform.podDisruptionBudget" -}}
{{- $replicas := .hpa.enabled | ternary .hpa.minReplicas .replicas -}}
{{- if and .root.Values.podDisruptionBudget.enabled (gt (int $replicas) 1) -}}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "storePlatform.name" . }}
  labels:
    {{- include "storePlatform.labels" . | nindent 4 }}
spec:
  minAvailable: 1
  selector:
    matchLabels:
      {{- include "storePlatform.selectorLabels" . | nindent 6 }}
{{- end }}
{{- end -}}

{{/*
HorizontalPodAutoscaler on CPU (autoscaling/v2) when `hpa.enabled`.
Call with (dict "root" $ "name" "provisioner" "component" "api" "hpa" .Values.provisioner.hpa).
*/}}
{{- define "storePlatform.horizontalPodAutoscaler" -}}
{{- if .hpa.enabled -}}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "storePlatform.name" . }}
  labels:
    {{- include "storePlatform.labels" . | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ include "storePlatform.name" . }}
  minReplicas: {{ .hpa.minReplicas }}
  maxReplicas: {{ .hpa.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ .hpa.targetCPUUtilizationPercentage }}
{{- end }}
{{- end -}}
