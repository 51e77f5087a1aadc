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
            {{- include "storeEngine.storeContainerSecurityContext" $ | nindent 12 }}
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
            {{- include "storeEngine.storeContainerSecurityContext" . | nindent 12 }}
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
