{{/*
The provisioner's Service: the dashboard proxies /api/ to it (port 8080, named http). Call with (dict "root" $).
*/}}
{{- define "provisioner.service" -}}
{{- $root := .root -}}
{{- $id := dict "root" $root "name" "provisioner" "component" "api" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "storePlatform.name" (dict "root" $root "name" "provisioner") }}
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
