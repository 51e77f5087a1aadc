{{/*
Single-replica database StatefulSet `{store}-db` with the volume claim template `data` (claim
`data-{store}-db-0`). Claims follow the store's deletion policy through the StatefulSet's own retention policy:
https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#persistentvolumeclaim-retention
Call with (dict "root" $ "image" "mysql:8.4.3" "uid" 999 "port" 3306 "portName" "mysql" "dataPath" "/var/lib/mysql"
  "env" (list ...) "probes" (dict "readiness" ... "liveness" ... "startup" ...) "args" (list ...)).
*/}}
{{- define "storeEngine.database.statefulset" -}}
{{- $ctx := merge (dict "suffix" "db" "component" "database") . -}}
{{- $root := .root -}}
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: {{ include "storeEngine.name" $ctx }}
  labels:
    {{- include "storeEngine.labels" $ctx | nindent 4 }}
spec:
  serviceName: {{ include "storeEngine.name" $ctx }}
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
            {{- include "storeEngine.containerSecurityContext" . | nindent 12 }}
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
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: 256Mi
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
            storage: {{ $root.Values.persistence.database.size }}
{{- end -}}
