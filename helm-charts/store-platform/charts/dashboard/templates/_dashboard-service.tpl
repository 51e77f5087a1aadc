{{/* The dashboard's Service (port 8080, named http), behind the Ingress. Call with (dict "root" $). */}}
{{- define "dashboard.service" -}}
{{- $root := .root -}}
{{- $id := dict "root" $root "name" "dashboard" "component" "web" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "storePlatform.name" (dict "root" $root "name" "dashboard") }}
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
