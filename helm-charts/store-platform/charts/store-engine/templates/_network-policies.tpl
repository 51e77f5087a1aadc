{{/*
NetworkPolicies of a store namespace: deny all ingress and egress, then allow only
  - DNS to the cluster resolver, for every pod;
  - the ingress controller's namespace, and the provisioner's pods (networkPolicy.platformPodSelector in the
    platform's namespace), to the app port (the storefront);
  - each "service" (database, cache) from the components that use it, and their egress to it;
  - the helm test pod to the app;
  - when enabled, internet egress for the components that need it, except private and link-local ranges;
  - the platform's backup, restore and rotation Jobs (pods labelled app.kubernetes.io/component: backup, made by
    the provisioner, not this chart) to each service marked "backup" (the database), and to the backup store
    of networkPolicy.backupStore (docs/decisions/012-backups.md). Nothing else reaches the backup store.
https://kubernetes.io/docs/concepts/services-networking/network-policies/
Call with (dict "root" $ "appPort" 8080
  "services" (list (dict "component" "database" "port" 3306 "clients" (list "app" "setup" "migrate") "backup" true))
  "internetClients" (list "app")).
*/}}
{{- define "storeEngine.networkPolicies" -}}
{{- $root := .root -}}
{{- $np := $root.Values.networkPolicy -}}
{{- $name := $root.Values.store.name -}}
{{- $labels := include "storeEngine.labels" (dict "root" $root "component" "network-policy") -}}
{{- $select := include "storeEngine.selectorLabels" (dict "root" $root) -}}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ $name }}-default-deny
  labels:
    {{- $labels | nindent 4 }}
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ $name }}-allow-dns
  labels:
    {{- $labels | nindent 4 }}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
    - to:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: {{ $np.dns.namespace }}
          podSelector:
            matchLabels:
              {{- toYaml $np.dns.podLabels | nindent 14 }}
      ports:
        - { protocol: UDP, port: 53 }
        - { protocol: TCP, port: 53 }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ $name }}-app-ingress
  labels:
    {{- $labels | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "storeEngine.selectorLabels" (dict "root" $root "component" "app") | nindent 6 }}
  policyTypes: [Ingress]
  ingress:
    - from:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: {{ $np.ingressControllerNamespace }}
        # Namespace and pod selectors in one peer: both must match.
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: {{ $np.platformNamespace }}
          podSelector:
            matchLabels:
              {{- toYaml $np.platformPodSelector | nindent 14 }}
        - podSelector:
            matchLabels:
              {{- include "storeEngine.selectorLabels" (dict "root" $root "component" "test") | nindent 14 }}
      ports:
        - { protocol: TCP, port: {{ .appPort }} }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ $name }}-test-egress
  labels:
    {{- $labels | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "storeEngine.selectorLabels" (dict "root" $root "component" "test") | nindent 6 }}
  policyTypes: [Egress]
  egress:
    - to:
        - podSelector:
            matchLabels:
              {{- include "storeEngine.selectorLabels" (dict "root" $root "component" "app") | nindent 14 }}
      ports:
        - { protocol: TCP, port: {{ .appPort }} }
{{- range .services }}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ $name }}-{{ .component }}-ingress
  labels:
    {{- $labels | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "storeEngine.selectorLabels" (dict "root" $root "component" .component) | nindent 6 }}
  policyTypes: [Ingress]
  ingress:
    - from:
        - podSelector:
            matchLabels:
              {{- $select | nindent 14 }}
            matchExpressions:
              - { key: app.kubernetes.io/component, operator: In, values: {{ toJson .clients }} }
        {{- if .backup }}
        - podSelector:
            matchLabels:
              app.kubernetes.io/component: backup
        {{- end }}
      ports:
        - { protocol: TCP, port: {{ .port }} }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ $name }}-{{ .component }}-clients-egress
  labels:
    {{- $labels | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- $select | nindent 6 }}
    matchExpressions:
      - { key: app.kubernetes.io/component, operator: In, values: {{ toJson .clients }} }
  policyTypes: [Egress]
  egress:
    - to:
        - podSelector:
            matchLabels:
              {{- include "storeEngine.selectorLabels" (dict "root" $root "component" .component) | nindent 14 }}
      ports:
        - { protocol: TCP, port: {{ .port }} }
{{- end }}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ $name }}-backup-egress
  labels:
    {{- $labels | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      app.kubernetes.io/component: backup
  policyTypes: [Egress]
  egress:
    {{- range .services }}
    {{- if .backup }}
    - to:
        - podSelector:
            matchLabels:
              {{- include "storeEngine.selectorLabels" (dict "root" $root "component" .component) | nindent 14 }}
      ports:
        - { protocol: TCP, port: {{ .port }} }
    {{- end }}
    {{- end }}
    {{- with $np.backupStore }}
    {{- if .ports }}
    {{- if .namespace }}
    - to:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: {{ .namespace }}
          {{- with .podLabels }}
          podSelector:
            matchLabels:
              {{- toYaml . | nindent 14 }}
          {{- end }}
    {{- else if .cidrs }}
    - to:
        {{- range .cidrs }}
        - ipBlock: { cidr: {{ . }} }
        {{- end }}
    {{- else }}
    # External object storage at any address: only its ports are known.
    - to: []
    {{- end }}
      ports:
        {{- range .ports }}
        - { protocol: TCP, port: {{ . }} }
        {{- end }}
    {{- end }}
    {{- end }}
{{- if $np.internetEgress.enabled }}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ $name }}-internet-egress
  labels:
    {{- $labels | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- $select | nindent 6 }}
    matchExpressions:
      - { key: app.kubernetes.io/component, operator: In, values: {{ toJson .internetClients }} }
  policyTypes: [Egress]
  egress:
    - to:
        - ipBlock:
            cidr: 0.0.0.0/0
            except:
              {{- toYaml $np.internetEgress.exceptCidrs | nindent 14 }}
{{- end }}
{{- end -}}
