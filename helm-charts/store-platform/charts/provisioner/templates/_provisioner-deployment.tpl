{{/*
The provisioner's Deployment: API and worker in each pod (ROLE=all), with the platform's database, ingress and
store settings. Settings: apps/provisioner/src/config/settings.ts. Call with (dict "root" $).
*/}}
{{- define "provisioner.deployment" -}}
{{- $root := .root -}}
{{- $p := $root.Values.provisioner -}}
{{- $id := dict "root" $root "name" "provisioner" "component" "api" -}}
{{- $db := include "storePlatform.databaseSecret" (dict "root" $root) | fromYaml -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "storePlatform.name" (dict "root" $root "name" "provisioner") }}
  labels:
    {{- include "storePlatform.labels" $id | nindent 4 }}
spec:
  {{- if not $p.hpa.enabled }}
  replicas: {{ $p.replicas }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "storePlatform.selectorLabels" $id | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "storePlatform.labels" $id | nindent 8 }}
      annotations:
        # A change of the store values restarts the pods, which read the file once at start.
        checksum/store-values: {{ include "storePlatform.storeValues" (dict "root" $root) | sha256sum }}
    spec:
      serviceAccountName: {{ include "storePlatform.name" (dict "root" $root "name" "provisioner") }}
      enableServiceLinks: false
      # Lets a running store operation finish its current step; the worker stops taking new ones at once.
      terminationGracePeriodSeconds: 60
      securityContext:
        {{- include "storeEngine.podSecurityContext" (dict "uid" 1000) | nindent 8 }}
      {{- include "storePlatform.topologySpread" $id | nindent 6 }}
      containers:
        - name: provisioner
          image: {{ include "storePlatform.image" (dict "root" $root "image" $p.image) | quote }}
          imagePullPolicy: {{ $p.image.pullPolicy }}
          ports:
            - name: http
              containerPort: 8080
              protocol: TCP
          env:
            - name: ROLE
              value: all
            - name: PORT
              value: '8080'
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: {{ $db.name }}
                  key: {{ $db.key }}
            # $(DB_PASSWORD) is expanded by Kubernetes from the entry above:
            # https://kubernetes.io/docs/tasks/inject-data-application/define-interdependent-environment-variables/
            - name: DATABASE_URL
              value: {{ include "storePlatform.databaseUrl" (dict "root" $root) | quote }}
            # Each running operation holds a connection for its store's lock; the API and queue need a few more.
            - name: DATABASE_POOL_SIZE
              value: {{ add $p.workerConcurrency 5 | quote }}
            - name: WORKER_CONCURRENCY
              value: {{ $p.workerConcurrency | quote }}
            - name: ENVIRONMENT
              value: {{ $root.Values.global.environment | quote }}
            - name: BASE_DOMAIN
              value: {{ include "storePlatform.baseDomain" (dict "root" $root) | quote }}
            - name: INGRESS_CLASS
              value: {{ $root.Values.ingress.class | quote }}
            - name: STORAGE_CLASS
              value: {{ include "storePlatform.storageClass" (dict "root" $root) | quote }}
            # The image ships the store charts here (images/provisioner).
            - name: STORE_CHART
              value: /app/helm-charts/store-instance
            - name: STORE_VALUES_FILES
              value: /etc/store-platform/store-values.yaml
            - name: HELM_BINARY
              value: helm
            {{- if $p.rbac.create }}
            # The ClusterRole (rbac.yaml) the provisioner binds in each store namespace it creates; without the
            # chart's RBAC the operator grants rights some other way and nothing is bound.
            - name: STORE_CLUSTER_ROLE
              value: {{ printf "%s-store-manager" $root.Release.Name | quote }}
            {{- end }}
            # Which install its stores belong to (their label store-platform.io/instance, which the admission
            # policies check), and the namespace no store may take.
            - name: PLATFORM_INSTANCE
              value: {{ $root.Release.Name | quote }}
            - name: PLATFORM_NAMESPACE
              value: {{ $root.Release.Namespace | quote }}
            - name: MEDUSA_ENABLED
              value: {{ $p.medusaEnabled | quote }}
            - name: STOREFRONT_CHECK
              value: {{ $p.storefrontCheck | quote }}
            - name: HEALTH_INTERVAL_SECONDS
              value: {{ $p.healthIntervalSeconds | quote }}
            # What an update may set (services/update-service.ts): the allowed engine versions, and whether
            # stores' uploads are shared (more than one app replica).
            - name: ENGINE_VERSIONS_WOOCOMMERCE
              value: {{ join "," $root.Values.store.engineVersions.woocommerce | quote }}
            - name: ENGINE_VERSIONS_MEDUSA
              value: {{ join "," $root.Values.store.engineVersions.medusa | quote }}
            - name: UPLOADS_ACCESS_MODE
              value: {{ $root.Values.store.uploadsAccessMode | quote }}
            {{- include "provisioner.backupEnv" (dict "root" $root) | nindent 12 }}
            {{- with include "provisioner.assistantEnv" (dict "root" $root) }}
            {{- . | nindent 12 }}
            {{- end }}
            - name: PLATFORM_ADMIN_USER
              value: {{ $p.adminUser | quote }}
            - name: PLATFORM_ADMIN_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: {{ $p.adminPassword.existingSecret | default (include "storePlatform.name" (dict "root" $root "name" "admin")) }}
                  key: {{ ternary $p.adminPassword.existingSecretKey "password" (ne $p.adminPassword.existingSecret "") }}
            {{- if gt (int $p.tokens.defaultTtlDays) (int $p.tokens.maxTtlDays) }}
            {{- fail "provisioner.tokens.defaultTtlDays must not exceed provisioner.tokens.maxTtlDays (the default lifetime of a token must be one it may have)" }}
            {{- end }}
            - name: TOKEN_DEFAULT_TTL_DAYS
              value: {{ $p.tokens.defaultTtlDays | quote }}
            - name: TOKEN_MAX_TTL_DAYS
              value: {{ $p.tokens.maxTtlDays | quote }}
            - name: COOKIE_SECURE
              value: {{ and $root.Values.ingress.enabled $root.Values.ingress.tls.enabled | quote }}
            - name: SESSION_IDLE_MINUTES
              value: {{ $p.sessionIdleMinutes | quote }}
            - name: LOGIN_FAILURES_PER_USER
              value: {{ $p.login.failuresPerUser | quote }}
            - name: LOGIN_FAILURES_PER_ADDRESS
              value: {{ $p.login.failuresPerAddress | quote }}
            - name: LOGIN_LOCKOUT_SECONDS
              value: {{ $p.login.lockoutSeconds | quote }}
            - name: LOGIN_LOCKOUT_MAX_SECONDS
              value: {{ $p.login.maxLockoutSeconds | quote }}
            - name: LOGIN_ATTEMPTS_PER_MINUTE
              value: {{ $p.login.attemptsPerMinute | quote }}
            - name: LOGIN_HASH_CONCURRENCY
              value: {{ $p.login.concurrentHashes | quote }}
            - name: CREDENTIAL_CREATES_PER_HOUR
              value: {{ $p.credentialCreatesPerHour | quote }}
            - name: STREAMS_PER_USER
              value: {{ $p.streamsPerUser | quote }}
            # The client's address, as the Ingress controller saw it: it and the dashboard's nginx each add a hop.
            - name: TRUSTED_PROXY_HOPS
              value: {{ kindIs "invalid" $p.trustedProxyHops | ternary (ternary 2 1 $root.Values.ingress.enabled) $p.trustedProxyHops | quote }}
            - name: LOG_LEVEL
              value: {{ $p.logLevel | quote }}
            # helm keeps its cache and config under HOME; the root filesystem is read-only.
            - name: HOME
              value: /home/provisioner
          resources:
            {{- include "storePlatform.resources" (dict "root" $root "name" "provisioner") | nindent 12 }}
          securityContext:
            {{- include "storePlatform.containerSecurityContext" (dict "root" $root) | nindent 12 }}
          # Startup allows the database migrations of a first start (up to 5 minutes).
          startupProbe:
            httpGet: { path: /health/startup, port: 8080 }
            periodSeconds: 5
            failureThreshold: 60
          readinessProbe:
            httpGet: { path: /health/ready, port: 8080 }
            periodSeconds: 10
            timeoutSeconds: 5
            failureThreshold: 3
          livenessProbe:
            httpGet: { path: /health/live, port: 8080 }
            periodSeconds: 20
            timeoutSeconds: 5
            failureThreshold: 3
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            - name: home
              mountPath: /home/provisioner
            - name: store-values
              mountPath: /etc/store-platform
              readOnly: true
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: 512Mi
        - name: home
          emptyDir:
            sizeLimit: 256Mi
        - name: store-values
          configMap:
            name: {{ include "storePlatform.name" (dict "root" $root "name" "store-values") }}
{{- end -}}
