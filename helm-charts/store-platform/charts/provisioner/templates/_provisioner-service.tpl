{{/* The provisioner's Service: the dashboard proxies /api/ to it (port 8080, named http). */}}
{{- define "provisioner.service" -}}
{{- $id := dict "root" . "name" "provisioner" "component" "api" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "storePlatform.name" (list . "provisioner") }}
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
