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
    {{- include "storeEngine.jobPodTemplate" (merge (dict "podAnnotations" $root.Values.jobs.podAnnotations) .) | nindent 4 }}
{{- end -}}

{{/*
A CronJob of the store (e.g. WordPress's scheduled events). One run at a time (concurrencyPolicy Forbid: a run
still going when the next is due makes the controller skip that one), no retry within a run (the next
schedule is the retry), the last successful and the last failed runs kept with their pods and logs.
startingDeadlineSeconds bounds how late a missed run may still start, and keeps the controller from counting
the runs missed while it was down: https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/
Call with (dict "root" $ "suffix" "cron" "component" "cron" "schedule" "@hourly" "activeDeadlineSeconds" 300
  "image" "..." "uid" 33 "command" (list ...) "env" (list ...) "volumes" (list ...) "volumeMounts" (list ...)
  "affinity" (dict ...)). volumes, volumeMounts and affinity are optional.
*/}}
{{- define "storeEngine.cronJob" -}}
apiVersion: batch/v1
kind: CronJob
metadata:
  name: {{ include "storeEngine.name" . }}
  labels:
    {{- include "storeEngine.labels" . | nindent 4 }}
spec:
  schedule: {{ .schedule | quote }}
  concurrencyPolicy: Forbid
  startingDeadlineSeconds: 120
  successfulJobsHistoryLimit: 1
  failedJobsHistoryLimit: 1
  jobTemplate:
    metadata:
      labels:
        {{- include "storeEngine.labels" . | nindent 8 }}
    spec:
      backoffLimit: 0
      activeDeadlineSeconds: {{ .activeDeadlineSeconds }}
      template:
        {{- include "storeEngine.jobPodTemplate" . | nindent 8 }}
{{- end -}}

{{/*
Pod template of a run-to-completion pod (hook Jobs, CronJobs): restricted, read-only root, no API token, the
plan's job resources. Call with the dict of storeEngine.hookJob (plus "podAnnotations", optional).
*/}}
{{- define "storeEngine.jobPodTemplate" -}}
{{- $root := .root -}}
metadata:
  labels:
    {{- include "storeEngine.labels" . | nindent 4 }}
  {{- with .podAnnotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  restartPolicy: Never
  automountServiceAccountToken: false
  enableServiceLinks: false
  securityContext:
    {{- include "storeEngine.podSecurityContext" (dict "uid" .uid) | nindent 4 }}
  {{- with .affinity }}
  affinity:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  containers:
    - name: {{ .component }}
      image: {{ .image | quote }}
      imagePullPolicy: IfNotPresent
      command:
        {{- toYaml .command | nindent 8 }}
      env:
        {{- toYaml .env | nindent 8 }}
      resources:
        {{- include "storeEngine.resources" (dict "root" $root "component" "job") | nindent 8 }}
      securityContext:
        {{- include "storeEngine.storeContainerSecurityContext" . | nindent 8 }}
      {{- with .volumeMounts }}
      volumeMounts:
        {{- toYaml . | nindent 8 }}
      {{- end }}
  {{- with .volumes }}
  volumes:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end -}}
