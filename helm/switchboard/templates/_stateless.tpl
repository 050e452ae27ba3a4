{{/*
A stateless HTTP + Kafka consumer service (triage-service, directory-service): its ConfigMaps, Deployment and
Service. Call with (dict "root" $ "svc" <values block> "component" <name> "envTemplate" <env template name>).
Their state is in PostgreSQL and their Kafka consumers share one consumer group, so any number of replicas
works: Kafka spreads the partitions over them (replicas beyond the partition count only serve the REST API).
*/}}
{{- define "switchboard.statelessService" -}}
{{- $root := .root -}}
{{- $svc := .svc -}}
{{- $component := .component -}}
{{- $name := include "switchboard.componentName" (dict "root" $root "component" $component) -}}
{{- $labels := include "switchboard.labels" (dict "root" $root "component" $component) -}}
{{- $selector := include "switchboard.selectorLabels" (dict "root" $root "component" $component) -}}
{{- $properties := $svc.properties | default dict -}}
{{- $envData := include .envTemplate (dict "root" $root) -}}
{{- $secretEnv := printf "%s\n%s\n%s" (include "switchboard.hmacSecretEnv" (dict "root" $root)) (include "switchboard.databaseSecretEnv" (dict "svc" $svc "key" .key)) (include "switchboard.kafkaSecretEnv" (dict "root" $root "svc" $svc "component" $component "streams" false)) -}}
{{- $args := dict "root" $root "svc" $svc "component" $component "configName" $name "properties" $properties "secretEnv" $secretEnv "jwt" true -}}
{{ include "switchboard.configMaps" (dict "root" $root "configName" $name "labels" $labels "envData" $envData "properties" $properties) }}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $name }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- $labels | nindent 4 }}
spec:
  {{- if not $svc.autoscaling.enabled }}
  replicas: {{ $svc.replicaCount }}
  {{- end }}
  revisionHistoryLimit: 5
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
  selector:
    matchLabels:
      {{- $selector | nindent 6 }}
  template:
    metadata:
      labels:
        {{- $labels | nindent 8 }}
        {{- with $svc.podLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      annotations:
        checksum/config: {{ printf "%s%s" $envData (toYaml $properties) | sha256sum }}
        {{- with (include "switchboard.scrapeAnnotations" (dict "root" $root "port" $svc.service.port) | trim) }}{{ . | nindent 8 }}{{ end }}
        {{- with $svc.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      {{- include "switchboard.podCommon" (dict "root" $root "svc" $svc "selector" $selector) | nindent 6 }}
      terminationGracePeriodSeconds: 30
      containers:
        {{- include "switchboard.container" $args | nindent 8 }}
      volumes:
        {{- regexReplaceAll "(?m)^[ \\t]*\\n" (include "switchboard.volumes" $args) "" | trim | nindent 8 }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ $name }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- $labels | nindent 4 }}
spec:
  type: {{ $svc.service.type }}
  selector:
    {{- $selector | nindent 4 }}
  ports:
    - name: http
      port: {{ $svc.service.port }}
      targetPort: http
      protocol: TCP
{{- end -}}
