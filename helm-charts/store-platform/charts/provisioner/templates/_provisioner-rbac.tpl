{{/*
The provisioner's identity and what it may do, least privilege (docs/security.md has the table and the reasons):
- ServiceAccount {release}-provisioner, always made: the Deployment runs as it even when
  provisioner.rbac.create is false and the operator grants the rights some other way.
- ClusterRole {release}-provisioner, bound cluster-wide: only what a store needs before its namespace exists
  (namespaces, the pre-flight reads, and creating the RoleBinding below).
- ClusterRole {release}-store-manager: everything a store's Helm release needs inside its namespace. Never bound
  cluster-wide: the provisioner binds it in each store namespace it creates (RoleBinding), which RBAC allows
  because it holds `bind` on exactly this ClusterRole.
  https://kubernetes.io/docs/reference/access-authn-authz/rbac/#restrictions-on-role-binding-creation-or-update
- ValidatingAdmissionPolicies {release}-provisioner-namespaces and -rolebindings (provisioner.admissionPolicies):
  what RBAC cannot say, on clusters that serve them (Kubernetes 1.30+).
Call with (dict "root" $); templates/provisioner-rbac.yaml renders it.
*/}}
{{- define "provisioner.rbac" -}}
{{- $root := .root -}}
{{- $name := include "storePlatform.name" (dict "root" $root "name" "provisioner") -}}
{{- $labels := include "storePlatform.labels" (dict "root" $root "name" "provisioner" "component" "rbac") -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ $name }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- $labels | nindent 4 }}
{{- if $root.Values.provisioner.rbac.create }}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: {{ $name }}
  labels:
    {{- $labels | nindent 4 }}
rules:
  # Store namespaces: read (pre-flight, waiting until one is gone; listed by the health checks), create, delete.
  # No update or patch: the provisioner never changes a namespace's labels, so it cannot turn another namespace into a "store" one.
  - apiGroups: ['']
    resources: [namespaces]
    verbs: [get, list, create, delete]
  # Pre-flight: the storage class and ingress class exist, and the cluster has room for the plan (nodes'
  # allocatable minus what running pods request; pods can only be listed across namespaces as a whole). Updates:
  # whether a store claim's class allows expansion before the claim is grown.
  - apiGroups: [storage.k8s.io]
    resources: [storageclasses]
    verbs: [get, list]
  - apiGroups: [networking.k8s.io]
    resources: [ingressclasses]
    verbs: [get]
  - apiGroups: ['']
    resources: [nodes]
    verbs: [list]
  - apiGroups: ['']
    resources: [pods]
    verbs: [list]
  # Health checks: one list per kind across the cluster per interval, selected by the install's label (the
  # namespaces and pods above too), instead of one request per object per store. List only: no watch, no get.
  # Certificates only where cert-manager is installed (an absent CRD is no certificate, not an error).
  - apiGroups: [apps]
    resources: [deployments, statefulsets]
    verbs: [list]
  - apiGroups: ['']
    resources: [resourcequotas]
    verbs: [list]
  - apiGroups: [cert-manager.io]
    resources: [certificates]
    verbs: [list]
  # The deletion policy (deletionPolicy.retainData): before a store's namespace is deleted, the volumes bound to
  # its claims are set to Retain (patch), and at purge those retained volumes are released (delete). Volumes
  # are cluster-scoped and RBAC cannot select them by label or claim: the provisioner itself touches only
  # volumes whose claimRef is in one of its store-* namespaces, and labels the ones it retains
  # (docs/security.md). No create or update.
  - apiGroups: ['']
    resources: [persistentvolumes]
    verbs: [get, list, patch, delete]
  # One RoleBinding per new store namespace; which namespace and subject is checked by the admission policy.
  - apiGroups: [rbac.authorization.k8s.io]
    resources: [rolebindings]
    verbs: [create]
  - apiGroups: [rbac.authorization.k8s.io]
    resources: [clusterroles]
    verbs: [bind]
    resourceNames: [{{ $root.Release.Name }}-store-manager]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: {{ $name }}
  labels:
    {{- $labels | nindent 4 }}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: {{ $name }}
subjects:
  - kind: ServiceAccount
    name: {{ $name }}
    namespace: {{ $root.Release.Namespace }}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: {{ $root.Release.Name }}-store-manager
  labels:
    {{- $labels | nindent 4 }}
rules:
  # What helm-charts/store-instance renders, plus Helm's release records (Secrets, read back by `lookup` too).
  - apiGroups: ['']
    resources: [secrets, configmaps, services, persistentvolumeclaims, resourcequotas, limitranges]
    verbs: [get, list, watch, create, update, patch, delete]
  - apiGroups: [apps]
    resources: [deployments, statefulsets]
    verbs: [get, list, watch, create, update, patch, delete]
  - apiGroups: [batch]
    resources: [jobs, cronjobs]
    verbs: [get, list, watch, create, update, patch, delete]
  - apiGroups: [networking.k8s.io]
    resources: [ingresses, networkpolicies]
    verbs: [get, list, watch, create, update, patch, delete]
  # `helm test` creates its Pod and deletes it before the next run; `helm --wait` and the failure evidence read
  # pods, ReplicaSets and events, and the evidence includes the setup Job's log tail.
  - apiGroups: ['']
    resources: [pods]
    verbs: [get, list, watch, create, delete]
  - apiGroups: ['']
    resources: [pods/log, events]
    verbs: [get, list, watch]
  - apiGroups: [apps]
    resources: [replicasets]
    verbs: [get, list, watch]
  # Deleting a store scales its workloads to zero first.
  - apiGroups: [apps]
    resources: [deployments/scale, statefulsets/scale]
    verbs: [get, update, patch]
{{- end }}
{{- end -}}
