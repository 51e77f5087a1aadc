{{/*
nginx's server for the dashboard: the built single-page app, /api/ proxied to the provisioner, /healthz for the
probes. Mounted over the image's /etc/nginx/conf.d/default.conf. Call with (dict "root" $).
*/}}
{{- define "dashboard.configmap" -}}
{{- $root := .root -}}
{{- $id := dict "root" $root "name" "dashboard" "component" "web" -}}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "storePlatform.name" (dict "root" $root "name" "dashboard") }}
  labels:
    {{- include "storePlatform.labels" $id | nindent 4 }}
data:
  default.conf: |
    {{- include "dashboard.nginxConf" (dict "root" $root) | nindent 4 }}
{{- end -}}

{{/* The nginx configuration, also hashed into the pods' annotation. Call with (dict "root" $). */}}
{{- define "dashboard.nginxConf" -}}
{{- $root := .root -}}
upstream provisioner {
  server {{ include "storePlatform.name" (dict "root" $root "name" "provisioner") }}:8080;
  keepalive 16;
}
server {
  listen 8080;
  server_name _;
  root /usr/share/nginx/html;
  server_tokens off;
  # The sign-in cookie is HTTP-only; the page may not be framed. The policy lets the page load only its own
  # files and API, with no inline script; inline <style> elements only for the dialog's scroll lock. The same
  # headers as the provisioner's when it serves the dashboard (apps/provisioner/src/routes/security-headers.ts).
  # No Referer leaves for the store links. `always`: error answers get them too.
  add_header X-Frame-Options DENY always;
  add_header X-Content-Type-Options nosniff always;
  add_header Content-Security-Policy "default-src 'self'; style-src-elem 'self' 'unsafe-inline'; frame-ancestors 'none'; object-src 'none'; base-uri 'none'" always;
  add_header Referrer-Policy no-referrer always;

  location = /healthz {
    access_log off;
    default_type text/plain;
    return 200 "ok\n";
  }
  # Server-sent events: no buffering, and a read timeout longer than the stream's keep-alive interval.
  location /api/v1/stream {
    proxy_pass http://provisioner;
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host $host;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Proto $http_x_forwarded_proto;
    proxy_buffering off;
    proxy_cache off;
    proxy_read_timeout 1h;
  }
  location /api/ {
    proxy_pass http://provisioner;
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host $host;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Proto $http_x_forwarded_proto;
    proxy_read_timeout 120s;
  }
  # Caching by `expires`, not add_header: a location's add_header would drop the server's headers above.
  # Built files have content hashes in their names: cache them for good.
  location /assets/ {
    expires max;
  }
  # Any other path is a route of the single-page app; index.html is checked again on every visit.
  location / {
    try_files $uri /index.html;
    expires -1;
  }
}
{{- end -}}
