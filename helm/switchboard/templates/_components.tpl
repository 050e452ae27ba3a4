{{/*
Configuration of each component: the plain environment (its ConfigMap) and the Secret-backed entries.
The pod templates carry a checksum of the ConfigMap data so a configuration change rolls the pods.
*/}}

{{/* call-ingest, one PBX. Call with (dict "root" $ "pbx" $pbx). */}}
{{- define "switchboard.env.callIngest" -}}
{{- $root := .root -}}
{{- $pbx := .pbx -}}
{{- $svc := $root.Values.callIngest -}}
{{ include "switchboard.kafkaEnv" (dict "root" $root) }}
SWITCHBOARD_PBX_ID: {{ $pbx.id | quote }}
SWITCHBOARD_AMI_HOST: {{ required (printf "callIngest.pbxs[%s].ami.host is required" $pbx.id) $pbx.ami.host | quote }}
SWITCHBOARD_AMI_PORT: {{ $pbx.ami.port | default 5038 | toString | quote }}
SWITCHBOARD_AMI_TLS: {{ $pbx.ami.tls | default false | toString | quote }}
{{- with $pbx.provider }}
SWITCHBOARD_PROVIDER: {{ . | quote }}
{{- end }}
{{- with $pbx.region }}
SWITCHBOARD_REGION: {{ . | quote }}
{{- end }}
{{ include "switchboard.jvmEnv" (dict "svc" $svc) }}
{{- include "switchboard.tracingEnv" (dict "root" $root) }}
{{- include "switchboard.extraEnvMap" (dict "env" $svc.env) }}
{{- include "switchboard.extraEnvMap" (dict "env" $pbx.env) }}
{{- end -}}

{{- define "switchboard.env.triageService" -}}
{{- $root := .root -}}
{{- $svc := $root.Values.triageService -}}
{{ include "switchboard.kafkaEnv" (dict "root" $root) }}
QUARKUS_DATASOURCE_JDBC_URL: {{ required "triageService.database.jdbcUrl is required" $svc.database.jdbcUrl | quote }}
{{ include "switchboard.jwtEnv" (dict "root" $root) }}
{{ include "switchboard.jvmEnv" (dict "svc" $svc) }}
{{- include "switchboard.tracingEnv" (dict "root" $root) }}
{{- include "switchboard.extraEnvMap" (dict "env" $svc.env) }}
{{- end -}}

{{- define "switchboard.env.directoryService" -}}
{{- $root := .root -}}
{{- $svc := $root.Values.directoryService -}}
{{ include "switchboard.kafkaEnv" (dict "root" $root) }}
QUARKUS_DATASOURCE_JDBC_URL: {{ required "directoryService.database.jdbcUrl is required" $svc.database.jdbcUrl | quote }}
SWITCHBOARD_DIRECTORY_INTERNAL_TOPIC_REPLICATION: {{ $root.Values.kafka.replicationFactor | toString | quote }}
{{ include "switchboard.jwtEnv" (dict "root" $root) }}
{{ include "switchboard.jvmEnv" (dict "svc" $svc) }}
{{- include "switchboard.tracingEnv" (dict "root" $root) }}
{{- include "switchboard.extraEnvMap" (dict "env" $svc.env) }}
{{- end -}}

{{- define "switchboard.env.kpiService" -}}
{{- $root := .root -}}
{{- $svc := $root.Values.kpiService -}}
{{ include "switchboard.kafkaEnv" (dict "root" $root) }}
{{ include "switchboard.kafkaStreamsEnv" (dict "root" $root) }}
QUARKUS_DATASOURCE_JDBC_URL: {{ required "kpiService.database.jdbcUrl is required" $svc.database.jdbcUrl | quote }}
SWITCHBOARD_KPI_STATE_DIR: {{ $svc.stateDir | quote }}
SWITCHBOARD_KPI_REPLICATION: {{ $root.Values.kafka.replicationFactor | toString | quote }}
SWITCHBOARD_KPI_INTERNAL_TOPIC_REPLICATION: {{ $root.Values.kafka.replicationFactor | toString | quote }}
SWITCHBOARD_KPI_REGION_PARTITIONS: {{ $svc.regionPartitions | toString | quote }}
{{ include "switchboard.jwtEnv" (dict "root" $root) }}
{{ include "switchboard.jvmEnv" (dict "svc" $svc) }}
{{- include "switchboard.tracingEnv" (dict "root" $root) }}
{{- include "switchboard.extraEnvMap" (dict "env" $svc.env) }}
{{- end -}}

{{/*
The container of a component. Call with (dict "root" $ "svc" <values block> "component" <name> "configName" <name
of the env ConfigMap> "properties" <map> "secretEnv" <yaml list> "jwt" bool "extraMounts" <yaml list>).
*/}}
{{- define "switchboard.container" -}}
{{- $root := .root -}}
{{- $svc := .svc -}}
- name: {{ .component }}
  image: {{ include "switchboard.image" (dict "root" $root "svc" $svc) }}
  imagePullPolicy: {{ $root.Values.image.pullPolicy }}
  ports:
    - name: http
      containerPort: {{ $svc.service.port }}
      protocol: TCP
  envFrom:
    - configMapRef:
        name: {{ .configName }}
  env:
    {{- regexReplaceAll "(?m)^[ \\t]*\\n" .secretEnv "" | trim | nindent 4 }}
    {{- with $svc.extraEnv }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  resources:
    {{- toYaml $svc.resources | nindent 4 }}
  securityContext:
    {{- toYaml $root.Values.containerSecurityContext | nindent 4 }}
  {{- include "switchboard.probes" (dict "root" $root "svc" $svc) | nindent 2 }}
  {{- if $svc.preStopSleepSeconds }}
  lifecycle:
    preStop:
      sleep:
        seconds: {{ $svc.preStopSleepSeconds }}
  {{- end }}
  volumeMounts:
    - name: tmp
      mountPath: /tmp
    {{- if .properties }}
    - name: config
      mountPath: {{ $root.Values.configDir }}
      readOnly: true
    {{- end }}
    {{- if and .jwt $root.Values.jwt.publicKeyConfigMap.name }}
    - name: jwt
      mountPath: /etc/switchboard/jwt
      readOnly: true
    {{- end }}
    {{- with (include "switchboard.kafkaVolumeMounts" (dict "root" $root) | trim) }}{{ . | nindent 4 }}{{ end }}
    {{- with .extraMounts }}
    {{- . | nindent 4 }}
    {{- end }}
{{- end -}}

{{/* The volumes matching switchboard.container. Same arguments. */}}
{{- define "switchboard.volumes" -}}
{{- $root := .root -}}
- name: tmp
  emptyDir:
    sizeLimit: 256Mi
{{- if .properties }}
- name: config
  configMap:
    name: {{ .configName }}-properties
{{- end }}
{{- if and .jwt $root.Values.jwt.publicKeyConfigMap.name }}
- name: jwt
  configMap:
    name: {{ $root.Values.jwt.publicKeyConfigMap.name }}
    items:
      - key: {{ $root.Values.jwt.publicKeyConfigMap.key }}
        path: {{ $root.Values.jwt.publicKeyConfigMap.key }}
{{- end }}
{{- include "switchboard.kafkaVolumes" (dict "root" $root "svc" .svc "component" .component) }}
{{- end -}}

{{/* The env ConfigMap (and the properties ConfigMap when there are properties) of a component. */}}
{{- define "switchboard.configMaps" -}}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .configName }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- .labels | nindent 4 }}
data:
  {{- regexReplaceAll "(?m)^[ \\t]*\\n" .envData "" | trim | nindent 2 }}
{{- if .properties }}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .configName }}-properties
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- .labels | nindent 4 }}
data:
  application.properties: |
    {{- with (include "switchboard.properties" .properties | trim) }}{{ . | nindent 4 }}{{ end }}
{{- end }}
{{- end -}}
