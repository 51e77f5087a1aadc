{{/*
What RBAC cannot say about the provisioner: RBAC grants `create rolebindings` and `delete namespaces` for every
namespace (a namespace's labels are not part of a rule), so on its own it would let the provisioner bind itself
in kube-system, or delete any namespace Kubernetes does not protect. These ValidatingAdmissionPolicies
(admissionregistration.k8s.io/v1, GA in Kubernetes 1.30:
https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/) apply to the provisioner's
ServiceAccount only, and let it touch only:
- namespaces named store-{name}, labelled store-platform.io/store={name},
  app.kubernetes.io/managed-by=store-platform-provisioner and store-platform.io/instance={release} (the labels
  this release's provisioner puts on them), and only with Pod Security `restricted` enforced;
- RoleBindings in such namespaces only, binding {release}-store-manager to itself and nobody else.
Namespaces an administrator made keep none of these labels, and another install's store namespaces carry its own
release in store-platform.io/instance, so both are out of its reach.
Rendered with provisioner.rbac.create, and only when the cluster serves the API (Kubernetes 1.30+; `helm
install` asks the cluster, `helm template` needs
`--api-versions admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy`). Without it the provisioner runs
with RBAC alone: docs/security.md says what that leaves open.
Call with (dict "root" $); templates/provisioner-admission-policies.yaml renders it.
*/}}
{{- define "provisioner.admissionPolicies" -}}
{{- $root := .root -}}
{{- if and $root.Values.provisioner.rbac.create ($root.Capabilities.APIVersions.Has "admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy") }}
{{- $name := include "storePlatform.name" (dict "root" $root "name" "provisioner") -}}
{{- $user := printf "system:serviceaccount:%s:%s" $root.Release.Namespace $name -}}
{{- $labels := include "storePlatform.labels" (dict "root" $root "name" "provisioner" "component" "rbac") -}}
{{- $who := printf "the store-platform provisioner of install %s may only" $root.Release.Name -}}
{{- $words := include "provisioner.storeNamespaceWords" (dict "root" $root) -}}
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: {{ $name }}-namespaces
  labels:
    {{- $labels | nindent 4 }}
spec:
  # An expression that cannot be evaluated refuses the request.
  failurePolicy: Fail
  matchConstraints:
    resourceRules:
      - apiGroups: ['']
        apiVersions: [v1]
        resources: [namespaces]
        operations: [CREATE, UPDATE, DELETE]
  matchConditions:
    - name: only-the-provisioner
      expression: "request.userInfo.username == '{{ $user }}'"
  variables:
    # The namespace as created, or as it was before the update or delete.
    - name: current
      expression: "request.operation == 'CREATE' ? object : oldObject"
  validations:
    - expression: >-
        {{- include "provisioner.isStoreNamespaceCel" (dict "root" $root "object" "variables.current") | nindent 8 }}
      reason: Forbidden
      messageExpression: >-
        '{{ $who }} create, change and delete its own store namespaces ({{ $words }}); namespace '
        + variables.current.metadata.name + ' is not one'
    - expression: >-
        request.operation == 'DELETE' || (
        {{- include "provisioner.isStoreNamespaceCel" (dict "root" $root "object" "object") | nindent 8 }}
        && object.metadata.labels[?'pod-security.kubernetes.io/enforce'].orValue('') == 'restricted')
      reason: Forbidden
      message: >-
        a namespace of the store-platform provisioner must keep its store labels and enforce Pod Security
        "restricted" (pod-security.kubernetes.io/enforce=restricted)
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: {{ $name }}-namespaces
  labels:
    {{- $labels | nindent 4 }}
spec:
  policyName: {{ $name }}-namespaces
  validationActions: [Deny]
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: {{ $name }}-rolebindings
  labels:
    {{- $labels | nindent 4 }}
spec:
  failurePolicy: Fail
  matchConstraints:
    resourceRules:
      - apiGroups: [rbac.authorization.k8s.io]
        apiVersions: [v1]
        resources: [rolebindings]
        operations: [CREATE, UPDATE, DELETE]
  matchConditions:
    - name: only-the-provisioner
      expression: "request.userInfo.username == '{{ $user }}'"
  validations:
    - expression: >-
        {{- include "provisioner.isStoreNamespaceCel" (dict "root" $root "object" "namespaceObject") | nindent 8 }}
      reason: Forbidden
      messageExpression: >-
        '{{ $who }} bind roles in its own store namespaces ({{ $words }}); namespace '
        + namespaceObject.metadata.name + ' is not one'
    - expression: >-
        request.operation == 'DELETE' || (
        object.roleRef.kind == 'ClusterRole' && object.roleRef.name == '{{ $root.Release.Name }}-store-manager'
        && has(object.subjects) && object.subjects.all(s, s.kind == 'ServiceAccount' && s.name == '{{ $name }}'
        && has(s.namespace) && s.namespace == '{{ $root.Release.Namespace }}'))
      reason: Forbidden
      message: >-
        {{ $who }} bind ClusterRole {{ $root.Release.Name }}-store-manager, and only to its own ServiceAccount
        {{ $root.Release.Namespace }}/{{ $name }}
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: {{ $name }}-rolebindings
  labels:
    {{- $labels | nindent 4 }}
spec:
  policyName: {{ $name }}-rolebindings
  validationActions: [Deny]
{{- end }}
{{- end -}}

{{/*
CEL: whether a namespace object is a store namespace of this install: named store-{name} and labelled by this
release's provisioner as it creates one (domain/ownership.ts storeLabels), its install label included. Call with
(dict "root" $ "object" "namespaceObject"); object is the CEL variable: "object", "oldObject", "namespaceObject"
or "variables.current".
*/}}
{{- define "provisioner.isStoreNamespaceCel" -}}
{{ .object }}.metadata.name.startsWith('store-')
&& has({{ .object }}.metadata.labels)
&& {{ .object }}.metadata.labels[?'app.kubernetes.io/managed-by'].orValue('') == 'store-platform-provisioner'
&& 'store-' + {{ .object }}.metadata.labels[?'store-platform.io/store'].orValue('') == {{ .object }}.metadata.name
&& {{ .object }}.metadata.labels[?'store-platform.io/instance'].orValue('') == '{{ .root.Release.Name }}'
{{- end -}}

{{/* What a store namespace of this install is, in the policies' messages. Call with (dict "root" $). */}}
{{- define "provisioner.storeNamespaceWords" -}}
named store-{name}, labelled store-platform.io/store={name}, app.kubernetes.io/managed-by=store-platform-provisioner and store-platform.io/instance={{ .root.Release.Name }}
{{- end -}}
