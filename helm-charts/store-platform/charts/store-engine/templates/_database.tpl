{{/*
Single-replica database StatefulSet `{store}-db` with the volume claim template `data` (claim
`data-{store}-db-0`). Claims follow the store's deletion policy through the StatefulSet's own retention policy:
https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#persistentvolumeclaim-retention
Its governing Service is the headless `{store}-db-headless` (storeEngine.database.headlessService), which gives
the pod its stable name `{store}-db-0.{store}-db-headless`; clients use the ClusterIP Service `{store}-db`.
The root filesystem is read-only: the image writes to the data claim, /tmp and runPath (its socket and pid
directory), both emptyDirs.
Call with (dict "root" $ "image" "mysql:8.4.3" "uid" 999 "port" 3306 "portName" "mysql" "dataPath" "/var/lib/mysql"
  "runPath" "/var/run/mysqld" "env" (list ...) "probes" (dict "readiness" ... "liveness" ... "startup" ...)
  "args" (list ...)).
*/}}
{{- define "storeEngine.database.statefulset" -}}
{{- $ctx := merge (dict "suffix" "db" "component" "database") . -}}
{{- $root := .root -}}
{{- /* The live StatefulSet's claim size: its claim template cannot change once created. */ -}}
{{- $existing := lookup "apps/v1" "StatefulSet" $root.Release.Namespace (include "storeEngine.name" $ctx) -}}
{{- $live := "" -}}
{{- with $existing }}{{ with (first .spec.volumeClaimTemplates) }}{{ $live = .spec.resources.requests.storage }}{{ end }}{{ end -}}
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: {{ include "storeEngine.name" $ctx }}
  labels:
    {{- include "storeEngine.labels" $ctx | nindent 4 }}
spec:
  serviceName: {{ include "storeEngine.database.serviceName" $ctx }}
  replicas: 1
  selector:
    matchLabels:
      {{- include "storeEngine.selectorLabels" $ctx | nindent 6 }}
  persistentVolumeClaimRetentionPolicy:
    whenDeleted: {{ ternary "Retain" "Delete" $root.Values.deletionPolicy.retainData }}
    whenScaled: Retain
  template:
    metadata:
      labels:
        {{- include "storeEngine.labels" $ctx | nindent 8 }}
    spec:
      automountServiceAccountToken: false
      enableServiceLinks: false
      terminationGracePeriodSeconds: 30
      securityContext:
        {{- include "storeEngine.podSecurityContext" (dict "uid" .uid) | nindent 8 }}
      containers:
        - name: {{ .portName }}
          image: {{ .image | quote }}
          imagePullPolicy: IfNotPresent
          {{- with .args }}
          args:
            {{- toYaml . | nindent 12 }}
          {{- end }}
          ports:
            - name: {{ .portName }}
              containerPort: {{ .port }}
              protocol: TCP
          env:
            {{- toYaml .env | nindent 12 }}
          resources:
            {{- include "storeEngine.resources" (dict "root" $root "component" "database") | nindent 12 }}
          securityContext:
            {{- include "storeEngine.storeContainerSecurityContext" . | nindent 12 }}
          startupProbe:
            {{- toYaml .probes.startup | nindent 12 }}
          readinessProbe:
            {{- toYaml .probes.readiness | nindent 12 }}
          livenessProbe:
            {{- toYaml .probes.liveness | nindent 12 }}
          volumeMounts:
            - name: data
              mountPath: {{ .dataPath }}
            - name: tmp
              mountPath: /tmp
            - name: run
              mountPath: {{ .runPath }}
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: 256Mi
        - name: run
          emptyDir:
            sizeLimit: 16Mi
  volumeClaimTemplates:
    - metadata:
        name: data
        labels:
          {{- include "storeEngine.selectorLabels" $ctx | nindent 10 }}
      spec:
        accessModes: ["ReadWriteOnce"]
        {{- include "storeEngine.storageClass" $root | nindent 8 }}
        resources:
          requests:
            storage: {{ include "storeEngine.volumeSize" (dict "root" $root "volume" "database" "live" $live) }}
{{- end -}}


{{/*
The StatefulSet's serviceName: `{store}-db-headless`. serviceName cannot change on a live StatefulSet, so a
store installed before the headless Service existed keeps the name it has (read with `lookup`; offline
renders see no live object and print the new name). Call with (dict "root" $ "suffix" "db").
*/}}
{{- define "storeEngine.database.serviceName" -}}
{{- $name := include "storeEngine.name" . -}}
{{- $live := lookup "apps/v1" "StatefulSet" .root.Release.Namespace $name | default dict -}}
{{- if and $live $live.spec -}}
{{- $live.spec.serviceName -}}
{{- else -}}
{{- printf "%s-headless" $name -}}
{{- end -}}
{{- end -}}

{{/*
Headless Service `{store}-db-headless` that governs the database StatefulSet: DNS answers with the pod's own
address (no virtual IP), for the stable network identity of a StatefulSet pod:
https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#stable-network-id
Call with (dict "root" $ "port" 3306 "portName" "mysql").
*/}}
{{- define "storeEngine.database.headlessService" -}}
{{- $ctx := merge (dict "suffix" "db-headless" "component" "database") . -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "storeEngine.name" $ctx }}
  labels:
    {{- include "storeEngine.labels" $ctx | nindent 4 }}
spec:
  type: ClusterIP
  clusterIP: None
  selector:
    {{- include "storeEngine.selectorLabels" $ctx | nindent 4 }}
  ports:
    - name: {{ .portName }}
      port: {{ .port }}
      targetPort: {{ .portName }}
      protocol: TCP
{{- end -}}
