{{/* The dashboard's Service (port 8080, named http), behind the Ingress. */}}
{{- define "dashboard.service" -}}
{{- $id := dict "root" . "name" "dashboard" "component" "web" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "storePlatform.name" (list . "dashboard") }}
  labels:
    {{- include "storePlatform.labels" $id | nindent 4 }}
spec:
  type: ClusterIP
  selector:
    {{- include "storePlatform.selectorLabels" $id | nindent 4 }}
  ports:
    - name: http
      port: 8080
      targetPort: http
      protocol: TCP
{{- end -}}

{{/* The dashboard's PodDisruptionBudget and HorizontalPodAutoscaler (see storePlatform.podDisruptionBudget). */}}
{{- define "dashboard.availability" -}}
{{- $id := dict "root" . "name" "dashboard" "component" "web" -}}
{{- $args := merge (dict "replicas" (include "dashboard.replicas" . | int) "hpa" .Values.dashboard.hpa) $id -}}
{{ include "storePlatform.podDisruptionBudget" $args }}
{{ include "storePlatform.horizontalPodAutoscaler" $args }}
{{- end -}}
