{{/*
Services in this install's store namespaces stay inside the cluster (docs/security.md): type ClusterIP (headless
included) and no externalIPs. A store is reached through its Ingress only. Refused:
- externalIPs, which let whoever can create a Service take traffic for any address the nodes route
  (CVE-2020-8554: https://github.com/kubernetes/kubernetes/issues/97076);
- NodePort and LoadBalancer, which open the store on every node or on an outside address, bypassing the
  Ingress, its TLS and the NetworkPolicies' ingress-controller rule (the store chart's ResourceQuota also counts
  them to 0, but quota cannot see externalIPs);
- ExternalName, a DNS alias to any name, which the store chart never needs.
RBAC cannot tell a Service's type or fields apart (the store-manager role must create Services for the store
chart), so this policy is the control. It applies to every request in those namespaces, whoever makes it: the
provisioner, Helm under it, a store's own workloads or an administrator. Not part of the provisioner's RBAC, so it
is rendered with provisioner.rbac.create=false too, wherever the cluster serves the API (Kubernetes 1.30+; see
provisioner.admissionPolicies for `helm template`).
Call with (dict "root" $); templates/provisioner-store-services-policy.yaml renders it.
*/}}
{{- define "provisioner.storeServicesPolicy" -}}
{{- $root := .root -}}
{{- if $root.Capabilities.APIVersions.Has "admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy" }}
{{- $name := include "storePlatform.name" (dict "root" $root "name" "store-services") -}}
{{- $labels := include "storePlatform.labels" (dict "root" $root "name" "provisioner" "component" "rbac") -}}
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: {{ $name }}
  labels:
    {{- $labels | nindent 4 }}
spec:
  failurePolicy: Fail
  matchConstraints:
    resourceRules:
      - apiGroups: ['']
        apiVersions: [v1]
        resources: [services]
        operations: [CREATE, UPDATE]
  validations:
    - expression: >-
        object.spec.?type.orValue('ClusterIP') == 'ClusterIP'
        && object.spec.?externalIPs.orValue([]).size() == 0
      reason: Invalid
      messageExpression: >-
        'a Service in a store namespace must stay inside the cluster: type ClusterIP and no externalIPs (stores
        are reached through their Ingress); Service ' + object.metadata.name + ' is '
        + object.spec.?type.orValue('ClusterIP')
        + (object.spec.?externalIPs.orValue([]).size() > 0 ? ' with externalIPs' : '')
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: {{ $name }}
  labels:
    {{- $labels | nindent 4 }}
spec:
  policyName: {{ $name }}
  validationActions: [Deny]
  # This install's store namespaces (the labels its provisioner puts on them); other installs bind their own.
  matchResources:
    namespaceSelector:
      matchLabels:
        app.kubernetes.io/managed-by: store-platform-provisioner
        store-platform.io/instance: {{ $root.Release.Name | quote }}
      matchExpressions:
        - { key: store-platform.io/store, operator: Exists }
{{- end }}
{{- end -}}
