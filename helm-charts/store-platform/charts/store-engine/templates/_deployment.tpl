{{/*
Deployment of one stateless component. Call with (dict "root" $ "suffix" "app" "component" "app"
  "image" "..." "uid" 33 "replicas" 1 "port" 8080 "portName" "http" "env" (list ...) "command" (list ...)
  "probes" (dict "readiness" ... "liveness" ... "startup" ...) "volumes" (list ...) "volumeMounts" (list ...)).
port, command, volumes, volumeMounts and initCommand are optional. initCommand runs first in an init container
`init` of the same image, env and mounts (with the plan's job resources), e.g. database migrations. A rolling update adds one pod at a time (maxSurge 1) and
never goes below the replica count (maxUnavailable 0); the plan's quota leaves room for that.
*/}}
{{- define "storeEngine.deployment" -}}
{{- $root := .root -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "storeEngine.name" . }}
  labels:
    {{- include "storeEngine.labels" . | nindent 4 }}
spec:
  replicas: {{ .replicas }}
  revisionHistoryLimit: 3
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
  selector:
    matchLabels:
      {{- include "storeEngine.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "storeEngine.labels" . | nindent 8 }}
      {{- with .podAnnotations }}
      annotations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
    spec:
      automountServiceAccountToken: false
      enableServiceLinks: false
      terminationGracePeriodSeconds: 30
      securityContext:
        {{- include "storeEngine.podSecurityContext" (dict "uid" .uid) | nindent 8 }}
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: kubernetes.io/hostname
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels:
              {{- include "storeEngine.selectorLabels" . | nindent 14 }}
      {{- with .initCommand }}
      initContainers:
        - name: init
          image: {{ $.image | quote }}
          imagePullPolicy: IfNotPresent
          command:
            {{- toYaml . | nindent 12 }}
          env:
            {{- toYaml $.env | nindent 12 }}
          resources:
            {{- include "storeEngine.resources" (dict "root" $root "component" "job") | nindent 12 }}
          securityContext:
            {{- include "storeEngine.containerSecurityContext" $ | nindent 12 }}
          {{- with $.volumeMounts }}
          volumeMounts:
            {{- toYaml . | nindent 12 }}
          {{- end }}
      {{- end }}
      containers:
        - name: {{ .component }}
          image: {{ .image | quote }}
          imagePullPolicy: IfNotPresent
          {{- with .command }}
          command:
            {{- toYaml . | nindent 12 }}
          {{- end }}
          {{- if .port }}
          ports:
            - name: {{ .portName }}
              containerPort: {{ .port }}
              protocol: TCP
          {{- end }}
          env:
            {{- toYaml .env | nindent 12 }}
          resources:
            {{- include "storeEngine.resources" (dict "root" $root "component" .component) | nindent 12 }}
          securityContext:
            {{- include "storeEngine.containerSecurityContext" . | nindent 12 }}
          startupProbe:
            {{- toYaml .probes.startup | nindent 12 }}
          readinessProbe:
            {{- toYaml .probes.readiness | nindent 12 }}
          livenessProbe:
            {{- toYaml .probes.liveness | nindent 12 }}
          {{- with .volumeMounts }}
          volumeMounts:
            {{- toYaml . | nindent 12 }}
          {{- end }}
      {{- with .volumes }}
      volumes:
        {{- toYaml . | nindent 8 }}
      {{- end }}
{{- end -}}

{{/*
A Job run as a Helm hook (setup after install, migration after upgrade). Helm deletes it once it succeeded
(hook-succeeded): a finished pod that mounts a claim would otherwise hold that claim at `helm uninstall`
(kubernetes.io/pvc-protection). A failed Job is kept with its pod and logs, as evidence, until the hook runs
again (before-hook-creation) or the namespace goes. https://helm.sh/docs/topics/charts_hooks/
Call with (dict "root" $ "suffix" "setup" "component" "setup" "hook" "post-install" "image" "..." "uid" 33
  "command" (list ...) "env" (list ...) "volumes" (list ...) "volumeMounts" (list ...) "affinity" (dict ...)).
volumes, volumeMounts and affinity are optional.
*/}}
{{- define "storeEngine.hookJob" -}}
{{- $root := .root -}}
apiVersion: batch/v1
kind: Job
metadata:
  name: {{ include "storeEngine.name" . }}
  labels:
    {{- include "storeEngine.labels" . | nindent 4 }}
  annotations:
    helm.sh/hook: {{ .hook }}
    helm.sh/hook-weight: "0"
    helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded
spec:
  backoffLimit: {{ $root.Values.jobs.backoffLimit }}
  activeDeadlineSeconds: {{ $root.Values.jobs.activeDeadlineSeconds }}
  template:
    metadata:
      labels:
        {{- include "storeEngine.labels" . | nindent 8 }}
      {{- with $root.Values.jobs.podAnnotations }}
      annotations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
    spec:
      restartPolicy: Never
      automountServiceAccountToken: false
      enableServiceLinks: false
      securityContext:
        {{- include "storeEngine.podSecurityContext" (dict "uid" .uid) | nindent 8 }}
      {{- with .affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      containers:
        - name: {{ .component }}
          image: {{ .image | quote }}
          imagePullPolicy: IfNotPresent
          command:
            {{- toYaml .command | nindent 12 }}
          env:
            {{- toYaml .env | nindent 12 }}
          resources:
            {{- include "storeEngine.resources" (dict "root" $root "component" "job") | nindent 12 }}
          securityContext:
            {{- include "storeEngine.containerSecurityContext" . | nindent 12 }}
          {{- with .volumeMounts }}
          volumeMounts:
            {{- toYaml . | nindent 12 }}
          {{- end }}
      {{- with .volumes }}
      volumes:
        {{- toYaml . | nindent 8 }}
      {{- end }}
{{- end -}}
