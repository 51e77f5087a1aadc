{{/* The first version of the credentials: secrets.existingSecret, else the generated `{name}-credentials`. */}}
{{- define "storeInstance.firstSecretName" -}}
{{- .Values.secrets.existingSecret | default (printf "%s-credentials" .Values.store.name) -}}
{{- end -}}

{{/*
Name of the Secret the pods and Jobs read, chosen by secrets.version (docs/decisions/012-backups.md): version 1 is
the first one, version N > 1 is `{name}-credentials-v{N}`, made by the provisioner when it rotates secrets. An
operator's own Secret (an existingSecret other than `{name}-credentials`) is rotated at its source instead.
*/}}
{{- define "storeInstance.secretName" -}}
{{- $version := int .Values.secrets.version -}}
{{- $generated := printf "%s-credentials" .Values.store.name -}}
{{- if eq $version 1 -}}
{{- include "storeInstance.firstSecretName" . -}}
{{- else if and .Values.secrets.existingSecret (ne .Values.secrets.existingSecret $generated) -}}
{{- fail (printf "secrets.version %d needs the versioned Secrets `%s-v{N}`; with your own secrets.existingSecret, rotate it at its source and keep secrets.version 1" $version $generated) -}}
{{- else -}}
{{- printf "%s-v%d" $generated $version -}}
{{- end -}}
{{- end -}}

{{/*
The database user of the app and Jobs: the `db-user` key of the chosen version's Secret (a database rotation makes
a new user), else the chart's first user `wordpress` (MYSQL_USER at the database's first start). Read with `lookup`
and set as a literal (a user name is no secret), so that WORDPRESS_DB_USER has the same shape in every version:
Helm's three-way merge cannot turn a `valueFrom` back into a `value` (the API server refuses an env with both), so a
rollback from version N+1 to N would fail. Offline renders (`helm template`) see no Secret: `wordpress`.
*/}}
{{- define "storeInstance.wordpressDbUser" -}}
{{- $secret := lookup "v1" "Secret" .Release.Namespace (include "storeInstance.secretName" .) | default dict -}}
{{- $user := get ($secret.data | default dict) "db-user" -}}
{{- if $user -}}{{ b64dec $user }}{{- else -}}wordpress{{- end -}}
{{- end -}}

{{/* An env entry read from the credentials Secret. Call with (list $ "ENV_NAME" "secret-key"). */}}
{{- define "storeInstance.secretEnv" -}}
- name: {{ index . 1 }}
  valueFrom:
    secretKeyRef:
      name: {{ include "storeInstance.secretName" (index . 0) }}
      key: {{ index . 2 }}
{{- end -}}

{{/*
An env entry of the databases, read from the first version of the credentials. Their MYSQL_* and POSTGRES_* env
only matter when the database starts on an empty claim; reading a rotated version would restart the database at
every rotation for nothing (the root password never rotates; a rotated app user is made by `rotate-db-user`).
*/}}
{{- define "storeInstance.initSecretEnv" -}}
- name: {{ index . 1 }}
  valueFrom:
    secretKeyRef:
      name: {{ include "storeInstance.firstSecretName" (index . 0) }}
      key: {{ index . 2 }}
{{- end -}}

{{/* Administrator e-mail: store.adminEmail, else admin@{host}. */}}
{{- define "storeInstance.adminEmail" -}}
{{- .Values.store.adminEmail | default (printf "admin@%s" (include "storeEngine.host" .)) -}}
{{- end -}}

{{/* WordPress salts: env name -> Secret key. https://developer.wordpress.org/reference/functions/wp_salt/ */}}
{{- define "storeInstance.wordpressSalts" -}}
WORDPRESS_AUTH_KEY: wp-auth-key
WORDPRESS_SECURE_AUTH_KEY: wp-secure-auth-key
WORDPRESS_LOGGED_IN_KEY: wp-logged-in-key
WORDPRESS_NONCE_KEY: wp-nonce-key
WORDPRESS_AUTH_SALT: wp-auth-salt
WORDPRESS_SECURE_AUTH_SALT: wp-secure-auth-salt
WORDPRESS_LOGGED_IN_SALT: wp-logged-in-salt
WORDPRESS_NONCE_SALT: wp-nonce-salt
{{- end -}}

{{/*
Env of every WordPress container (app and jobs): database and salts, all secrets by reference. The image's
wp-config.php reads them (wp-config-docker.php of the official image), and evaluates WORDPRESS_CONFIG_EXTRA:
with cron.enabled, WP-Cron is off there, as the CronJob `{name}-cron` runs the due events instead
(https://developer.wordpress.org/plugins/cron/hooking-wp-cron-into-the-system-task-scheduler/).
*/}}
{{- define "storeInstance.wordpressEnv" -}}
- name: WORDPRESS_DB_HOST
  value: {{ printf "%s-db:3306" .Values.store.name | quote }}
- name: WORDPRESS_DB_NAME
  value: wordpress
- name: WORDPRESS_DB_USER
  value: {{ include "storeInstance.wordpressDbUser" . | quote }}
{{ include "storeInstance.secretEnv" (list . "WORDPRESS_DB_PASSWORD" "db-password") }}
{{- range $env, $key := include "storeInstance.wordpressSalts" . | fromYaml }}
{{ include "storeInstance.secretEnv" (list $ $env $key) }}
{{- end }}
{{- if .Values.cron.enabled }}
- name: WORDPRESS_CONFIG_EXTRA
  value: "define( 'DISABLE_WP_CRON', true );"
{{- end }}
{{- end -}}

{{/*
Env of the WordPress Jobs (setup, migrate, cron): wordpressEnv, and HOME on the /tmp emptyDir, where wp-cli
keeps its cache (the root filesystem is read-only).
*/}}
{{- define "storeInstance.wordpressJobEnv" -}}
{{ include "storeInstance.wordpressEnv" . }}
- name: HOME
  value: /tmp
{{- end -}}

{{/*
Volumes and mounts of the WordPress Jobs that write media (setup, cron): the uploads claim and /tmp. The claim
may be ReadWriteOnce, so these pods run on the node of an app pod (storeInstance.appNodeAffinity).
*/}}
{{- define "storeInstance.wordpressJobVolumes" -}}
- name: uploads
  persistentVolumeClaim:
    claimName: {{ .Values.store.name }}-uploads
- name: tmp
  emptyDir:
    sizeLimit: 256Mi
{{- end -}}

{{- define "storeInstance.wordpressJobVolumeMounts" -}}
- name: uploads
  mountPath: /var/www/html/wp-content/uploads
- name: tmp
  mountPath: /tmp
{{- end -}}

{{/* Pod affinity to the node of an app pod (for the ReadWriteOnce uploads claim). */}}
{{- define "storeInstance.appNodeAffinity" -}}
{{- $appSelector := include "storeEngine.selectorLabels" (dict "root" . "component" "app") | fromYaml -}}
podAffinity:
  requiredDuringSchedulingIgnoredDuringExecution:
    - labelSelector:
        matchLabels:
          {{- toYaml $appSelector | nindent 10 }}
      topologyKey: kubernetes.io/hostname
{{- end -}}

{{/* Env of the WooCommerce setup Job: what the shop should look like. */}}
{{- define "storeInstance.setupEnv" -}}
{{ include "storeInstance.wordpressJobEnv" . }}
- name: STORE_URL
  value: {{ include "storeEngine.url" . | quote }}
- name: STORE_TITLE
  value: {{ .Values.store.title | default .Values.store.name | quote }}
{{ include "storeInstance.secretEnv" (list . "STORE_ADMIN_USER" "admin-user") }}
{{ include "storeInstance.secretEnv" (list . "STORE_ADMIN_EMAIL" "admin-email") }}
{{ include "storeInstance.secretEnv" (list . "STORE_ADMIN_PASSWORD" "admin-password") }}
- name: STORE_CURRENCY
  value: {{ .Values.store.currency | quote }}
- name: STORE_COUNTRY
  value: {{ .Values.store.address.country | quote }}
- name: STORE_ADDRESS
  value: {{ .Values.store.address.street | quote }}
- name: STORE_CITY
  value: {{ .Values.store.address.city | quote }}
- name: STORE_POSTCODE
  value: {{ .Values.store.address.postcode | quote }}
- name: STORE_SAMPLE_PRODUCTS
  value: {{ .Values.store.sampleProducts | quote }}
{{- end -}}

{{/* Env of the WooCommerce migrate Job: the settings an update may change, only those set. */}}
{{- define "storeInstance.migrateEnv" -}}
{{- with .Values.store.title }}
- name: STORE_TITLE
  value: {{ . | quote }}
{{- end }}
{{- with .Values.store.adminEmail }}
- name: STORE_ADMIN_EMAIL
  value: {{ . | quote }}
{{- end }}
{{- end -}}

{{/* The three setup scripts, mounted at /scripts from the ConfigMap `{name}-scripts`. */}}
{{- define "storeInstance.scriptsVolume" -}}
- name: scripts
  configMap:
    name: {{ .Values.store.name }}-scripts
    defaultMode: 0555
{{- end -}}

{{/* Env of Medusa containers; DATABASE_URL is assembled by Kubernetes from the password env, never a literal. */}}
{{- define "storeInstance.medusaEnv" -}}
{{ include "storeInstance.secretEnv" (list . "MEDUSA_DB_PASSWORD" "db-password") }}
- name: DATABASE_URL
  value: {{ printf "postgres://medusa:$(MEDUSA_DB_PASSWORD)@%s-db:5432/medusa" .Values.store.name | quote }}
- name: REDIS_URL
  value: {{ printf "redis://%s-cache:6379" .Values.store.name | quote }}
{{ include "storeInstance.secretEnv" (list . "JWT_SECRET" "jwt-secret") }}
{{ include "storeInstance.secretEnv" (list . "COOKIE_SECRET" "cookie-secret") }}
- name: STORE_CORS
  value: {{ include "storeEngine.url" . | quote }}
- name: ADMIN_CORS
  value: {{ include "storeEngine.url" . | quote }}
- name: AUTH_CORS
  value: {{ include "storeEngine.url" . | quote }}
- name: MEDUSA_BACKEND_URL
  value: {{ include "storeEngine.url" . | quote }}
- name: PORT
  value: "9000"
{{- end -}}

{{/*
HTTP probes for a web container. Readiness asks path; startup and liveness ask livenessPath (default: path),
one the web server answers alone, so that a slow database takes the pods out of the Service (readiness) but
never restarts them; without livenessPath, liveness checks that the server accepts connections (tcpSocket), so that
it never equals readiness. The startup probe allows slow first boots (up to 5 minutes).
Call with (dict "path" "/wp-login.php" "livenessPath" "/wp-includes/version.php" "port" "http").
*/}}
{{- define "storeInstance.httpProbes" -}}
startup:
  httpGet: { path: {{ .livenessPath | default .path }}, port: {{ .port }} }
  periodSeconds: 5
  failureThreshold: 60
readiness:
  httpGet: { path: {{ .path }}, port: {{ .port }} }
  periodSeconds: 10
  timeoutSeconds: 5
  failureThreshold: 3
liveness:
  {{- if .livenessPath }}
  httpGet: { path: {{ .livenessPath }}, port: {{ .port }} }
  {{- else }}
  tcpSocket: { port: {{ .port }} }
  {{- end }}
  periodSeconds: 20
  timeoutSeconds: 5
  failureThreshold: 6
{{- end -}}

{{/* Probes that run a command (databases); the startup probe covers first initialisation. */}}
{{- define "storeInstance.execProbes" -}}
startup:
  exec: { command: {{ toJson .command }} }
  periodSeconds: 5
  failureThreshold: 60
readiness:
  exec: { command: {{ toJson .command }} }
  periodSeconds: 10
  timeoutSeconds: 5
  failureThreshold: 3
liveness:
  tcpSocket: { port: {{ .port }} }
  periodSeconds: 20
  timeoutSeconds: 5
  failureThreshold: 6
{{- end -}}
