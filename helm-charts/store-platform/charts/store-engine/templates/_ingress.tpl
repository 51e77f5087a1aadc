{{/*
The store's Ingress `{store}` on its host, TLS from a cert-manager cluster issuer (through the ingress-shim
annotation: https://cert-manager.io/docs/usage/ingress/). The issuer is ingress.tls.clusterIssuer, else the one
of the environment (local: selfsigned, production: letsencrypt-prod).
Call with (dict "root" $ "paths" (list (dict "path" "/" "suffix" "app" "port" "http"))).
*/}}
{{- define "storeEngine.ingress" -}}
{{- $root := .root -}}
{{- $values := $root.Values -}}
{{- $host := include "storeEngine.host" $root -}}
{{- $issuer := $values.ingress.tls.clusterIssuer | default (get $values.ingress.tls.issuerByEnvironment $values.global.environment) -}}
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: {{ $values.store.name | quote }}
  labels:
    {{- include "storeEngine.labels" (dict "root" $root "component" "ingress") | nindent 4 }}
  annotations:
    {{- if $values.ingress.tls.enabled }}
    cert-manager.io/cluster-issuer: {{ $issuer | quote }}
    {{- end }}
    {{- with $values.ingress.annotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  ingressClassName: {{ $values.ingress.class | quote }}
  {{- if $values.ingress.tls.enabled }}
  tls:
    - hosts: [{{ $host | quote }}]
      secretName: {{ printf "%s-tls" $values.store.name }}
  {{- end }}
  rules:
    - host: {{ $host | quote }}
      http:
        paths:
          {{- range .paths }}
          - path: {{ .path }}
            pathType: Prefix
            backend:
              service:
                name: {{ include "storeEngine.name" (dict "root" $root "suffix" .suffix) }}
                port:
                  name: {{ .port }}
          {{- end }}
{{- end -}}
