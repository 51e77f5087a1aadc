{{/*
Namespace guardrails of one store: the plan's ResourceQuota and LimitRange, and NetworkPolicies that deny
everything not listed. Call with (dict "root" $ "appPort" 8080 "databasePort" 3306 "extraRules" (list ...)).
*/}}
{{- define "storeEngine.guardrails" -}}
{{- $root := .root -}}
{{- $plan := include "storeEngine.plan" $root | fromYaml -}}
{{- $labels := include "storeEngine.labels" (dict "root" $root "component" "guardrails") -}}
apiVersion: v1
kind: ResourceQuota
metadata:
  name: {{ $root.Values.store.name }}-quota
  labels:
    {{- $labels | nindent 4 }}
spec:
  hard:
    {{- toYaml $plan.quota | nindent 4 }}
    # Stores are reached through the Ingress only.
    services.loadbalancers: "0"
    services.nodeports: "0"
---
apiVersion: v1
kind: LimitRange
metadata:
  name: {{ $root.Values.store.name }}-limits
  labels:
    {{- $labels | nindent 4 }}
spec:
  limits:
    - type: Container
      {{- toYaml $plan.limitRange | nindent 6 }}
{{- end -}}
