{{/*
The dashboard's Deployment: nginx-unprivileged (uid 101) serving the built app on 8080. Call with
(dict "root" $).
*/}}
{{- define "dashboard.deployment" -}}
{{- $root := .root -}}
{{- $d := $root.Values.dashboard -}}
{{- $id := dict "root" $root "name" "dashboard" "component" "web" -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "storePlatform.name" (dict "root" $root "name" "dashboard") }}
  labels:
    {{- include "storePlatform.labels" $id | nindent 4 }}
spec:
  {{- if not $d.hpa.enabled }}
  replicas: {{ include "dashboard.replicas" (dict "root" $root) }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "storePlatform.selectorLabels" $id | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "storePlatform.labels" $id | nindent 8 }}
      annotations:
        # nginx reads its configuration at start: a new one rolls the pods.
        checksum/nginx-conf: {{ include "dashboard.nginxConf" (dict "root" $root) | sha256sum }}
    spec:
      automountServiceAccountToken: false
      enableServiceLinks: false
      securityContext:
        {{- include "storeEngine.podSecurityContext" (dict "uid" 101) | nindent 8 }}
      {{- include "storePlatform.topologySpread" $id | nindent 6 }}
      containers:
        - name: nginx
          image: {{ include "storePlatform.image" (dict "root" $root "image" $d.image) | quote }}
          imagePullPolicy: {{ $d.image.pullPolicy }}
          ports:
            - name: http
              containerPort: 8080
              protocol: TCP
          resources:
            {{- include "storePlatform.resources" (dict "root" $root "name" "dashboard") | nindent 12 }}
          securityContext:
            {{- include "storePlatform.containerSecurityContext" (dict "root" $root) | nindent 12 }}
          readinessProbe:
            httpGet: { path: /healthz, port: 8080 }
            periodSeconds: 10
            failureThreshold: 3
          livenessProbe:
            httpGet: { path: /healthz, port: 8080 }
            periodSeconds: 20
            failureThreshold: 3
          volumeMounts:
            - name: nginx-conf
              mountPath: /etc/nginx/conf.d
              readOnly: true
            # nginx-unprivileged keeps its pid and temporary files here; the root filesystem is read-only.
            - name: tmp
              mountPath: /tmp
            - name: cache
              mountPath: /var/cache/nginx
      volumes:
        - name: nginx-conf
          configMap:
            name: {{ include "storePlatform.name" (dict "root" $root "name" "dashboard") }}
        - name: tmp
          emptyDir:
            sizeLimit: 64Mi
        - name: cache
          emptyDir:
            sizeLimit: 64Mi
{{- end -}}

{{/* dashboard.replicas, else environments.{environment}.dashboardReplicas. Call with (dict "root" $). */}}
{{- define "dashboard.replicas" -}}
{{- $root := .root -}}
{{- if kindIs "invalid" $root.Values.dashboard.replicas -}}
{{- (index $root.Values.environments $root.Values.global.environment).dashboardReplicas -}}
{{- else -}}
{{- $root.Values.dashboard.replicas -}}
{{- end -}}
{{- end -}}
