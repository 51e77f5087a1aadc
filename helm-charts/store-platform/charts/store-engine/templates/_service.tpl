{{/*
ClusterIP Service for one component. Call with
(dict "root" $ "suffix" "app" "component" "app" "port" 8080 "portName" "http").
*/}}
{{- define "storeEngine.service" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "storeEngine.name" . }}
  labels:
    {{- include "storeEngine.labels" . | nindent 4 }}
spec:
  type: ClusterIP
  selector:
    {{- include "storeEngine.selectorLabels" . | nindent 4 }}
  ports:
    - name: {{ .portName }}
      port: {{ .port }}
      targetPort: {{ .portName }}
      protocol: TCP
{{- end -}}
