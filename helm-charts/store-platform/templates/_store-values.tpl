{{/*
The store-instance values every store gets: what this release knows about the cluster, then store.values on top.
The provisioner adds each store's own (name, engine, plan, domain, storage and ingress class) with --set.
Call with (dict "root" $).
*/}}
{{- define "storePlatform.storeValues" -}}
{{- $root := .root -}}
{{- $values := dict -}}
{{- $persistence := dict -}}
{{- with $root.Values.store.persistence.size }}
{{- $_ := set $persistence "database" (dict "size" .) -}}
{{- end }}
{{- /* The uploads claim's access mode, which the provisioner checks replicas against (UPLOADS_ACCESS_MODE); the
store chart's default (ReadWriteOnce) is left to it. */ -}}
{{- if ne $root.Values.store.uploadsAccessMode "ReadWriteOnce" }}
{{- $_ := set $persistence "uploads" (dict "accessMode" $root.Values.store.uploadsAccessMode) -}}
{{- end }}
{{- with $persistence }}
{{- $_ := set $values "persistence" . -}}
{{- end }}
{{- with $root.Values.store.defaultResources }}
{{- $limits := dict "defaultRequest" .requests "default" .limits -}}
{{- $_ := set $values "plans" (dict "basic" (dict "limitRange" $limits) "standard" (dict "limitRange" $limits) "premium" (dict "limitRange" $limits)) -}}
{{- end }}
{{- if $root.Values.certManager.enabled }}
{{- $_ := set $values "ingress" (dict "tls" (dict "clusterIssuer" (include "storePlatform.issuer" (dict "root" $root)))) -}}
{{- end }}
{{- /* Stores let the provisioner in for their health checks (its pods' selector labels, this release's), and the
ingress controller for customers. */ -}}
{{- $provisioner := include "storePlatform.selectorLabels" (dict "root" $root "name" "provisioner" "component" "api") | fromYaml -}}
{{- $policy := dict "platformNamespace" $root.Release.Namespace "platformPodSelector" $provisioner -}}
{{- with get $root.Values.networkPolicy.ingressNamespaceSelector "kubernetes.io/metadata.name" }}
{{- $_ := set $policy "ingressControllerNamespace" . -}}
{{- end }}
{{- /* Backup Jobs in the store's namespace reach the local backup store's pods, or the operator's endpoint. */ -}}
{{- with include "storePlatform.storeBackupTarget" (dict "root" $root) | fromYaml }}
{{- $_ := set $policy "backupStore" . -}}
{{- end }}
{{- $_ := set $values "networkPolicy" $policy -}}
{{- /* One deletion policy: the store chart keeps its claims on uninstall when the provisioner retains data. */ -}}
{{- $_ := set $values "deletionPolicy" (dict "retainData" $root.Values.deletionPolicy.retainData) -}}
{{- toYaml (mergeOverwrite $values (deepCopy $root.Values.store.values)) -}}
{{- end -}}
