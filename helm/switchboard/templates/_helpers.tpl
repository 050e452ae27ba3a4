{{/*
Names and labels.
*/}}
{{- define "switchboard.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "switchboard.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "switchboard.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels shared by every resource. */}}
{{- define "switchboard.commonLabels" -}}
helm.sh/chart: {{ include "switchboard.chart" . }}
app.kubernetes.io/name: {{ include "switchboard.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: switchboard
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Labels of one component's resources. Call with (dict "root" $ "component" "kpi-service"). */}}
{{- define "switchboard.labels" -}}
{{ include "switchboard.commonLabels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* Selector labels of one component (never change between releases: selectors are immutable). */}}
{{- define "switchboard.selectorLabels" -}}
app.kubernetes.io/name: {{ include "switchboard.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* Name of a component's resources: <fullname>-<component>. */}}
{{- define "switchboard.componentName" -}}
{{- printf "%s-%s" (include "switchboard.fullname" .root) .component | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "switchboard.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "switchboard.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* Container image of a component. Call with (dict "root" $ "svc" .Values.kpiService). */}}
{{- define "switchboard.image" -}}
{{- $registry := .root.Values.image.registry -}}
{{- $repository := .svc.image.repository -}}
{{- $tag := .svc.image.tag | default .root.Values.image.tag | default .root.Chart.AppVersion -}}
{{- if .svc.image.digest -}}
{{- printf "%s%s@%s" (ternary "" (printf "%s/" $registry) (empty $registry)) $repository .svc.image.digest -}}
{{- else -}}
{{- printf "%s%s:%s" (ternary "" (printf "%s/" $registry) (empty $registry)) $repository $tag -}}
{{- end -}}
{{- end -}}

{{/*
Kafka client settings shared by every service, as environment entries for the component's ConfigMap.
MicroProfile Config maps KAFKA_SECURITY_PROTOCOL to kafka.security.protocol, which every Kafka client of the
services (SmallRye Reactive Messaging channels, call-ingest's producer, the admin clients) takes from the
"default-kafka-broker" configuration. kpi-service's Kafka Streams reads quarkus.kafka-streams.* instead: see
switchboard.kafkaStreamsEnv.
*/}}
{{- define "switchboard.kafkaEnv" -}}
{{- $k := .root.Values.kafka -}}
KAFKA_BOOTSTRAP_SERVERS: {{ required "kafka.bootstrapServers is required" $k.bootstrapServers | quote }}
KAFKA_SECURITY_PROTOCOL: {{ $k.securityProtocol | quote }}
{{- if hasPrefix "SASL_" $k.securityProtocol }}
KAFKA_SASL_MECHANISM: {{ $k.sasl.mechanism | quote }}
{{- end }}
{{- if hasSuffix "SSL" $k.securityProtocol }}
{{- if $k.tls.caSecret }}
KAFKA_SSL_TRUSTSTORE_LOCATION: {{ printf "/etc/switchboard/kafka-ca/%s" $k.tls.caKey | quote }}
KAFKA_SSL_TRUSTSTORE_TYPE: "PEM"
{{- end }}
KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM: {{ $k.tls.endpointIdentificationAlgorithm | quote }}
{{- if $k.tls.clientAuthentication }}
KAFKA_SSL_KEYSTORE_LOCATION: "/etc/switchboard/kafka-user/user.p12"
KAFKA_SSL_KEYSTORE_TYPE: "PKCS12"
{{- end }}
{{- end }}
{{- end -}}

{{/* The same settings for Kafka Streams (kpi-service), whose configuration is quarkus.kafka-streams.*. */}}
{{- define "switchboard.kafkaStreamsEnv" -}}
{{- $k := .root.Values.kafka -}}
QUARKUS_KAFKA_STREAMS_SECURITY_PROTOCOL: {{ $k.securityProtocol | quote }}
{{- if hasPrefix "SASL_" $k.securityProtocol }}
QUARKUS_KAFKA_STREAMS_SASL_MECHANISM: {{ $k.sasl.mechanism | quote }}
{{- end }}
{{- if hasSuffix "SSL" $k.securityProtocol }}
{{- if $k.tls.caSecret }}
QUARKUS_KAFKA_STREAMS_SSL_TRUSTSTORE_LOCATION: {{ printf "/etc/switchboard/kafka-ca/%s" $k.tls.caKey | quote }}
QUARKUS_KAFKA_STREAMS_SSL_TRUSTSTORE_TYPE: "PEM"
{{- end }}
QUARKUS_KAFKA_STREAMS_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM: {{ $k.tls.endpointIdentificationAlgorithm | quote }}
{{- if $k.tls.clientAuthentication }}
QUARKUS_KAFKA_STREAMS_SSL_KEYSTORE_LOCATION: "/etc/switchboard/kafka-user/user.p12"
QUARKUS_KAFKA_STREAMS_SSL_KEYSTORE_TYPE: "PKCS12"
{{- end }}
{{- end }}
{{- end -}}

{{/* Name of the Secret with a component's Kafka credentials (Strimzi names it after the KafkaUser). */}}
{{- define "switchboard.kafkaUserSecret" -}}
{{- .svc.kafkaUser.secretName | default (include "switchboard.componentName" (dict "root" .root "component" .component)) -}}
{{- end -}}

{{/* Secret-backed Kafka environment entries (container env). Call with (dict "root" $ "svc" ... "component" ... "streams" bool). */}}
{{- define "switchboard.kafkaSecretEnv" -}}
{{- $k := .root.Values.kafka -}}
{{- $secret := include "switchboard.kafkaUserSecret" . -}}
{{- $prefixes := list "KAFKA_" -}}
{{- if .streams }}{{ $prefixes = append $prefixes "QUARKUS_KAFKA_STREAMS_" }}{{ end -}}
{{- range $prefixes }}
{{- if hasPrefix "SASL_" $k.securityProtocol }}
- name: {{ . }}SASL_JAAS_CONFIG
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ $k.sasl.jaasConfigKey }}
{{- end }}
{{- if and (hasSuffix "SSL" $k.securityProtocol) $k.tls.clientAuthentication }}
- name: {{ . }}SSL_KEYSTORE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: user.password
{{- end }}
{{- end }}
{{- end -}}

{{/* Volumes for the Kafka CA and the client keystore. */}}
{{- define "switchboard.kafkaVolumes" -}}
{{- $k := .root.Values.kafka -}}
{{- if and (hasSuffix "SSL" $k.securityProtocol) $k.tls.caSecret }}
- name: kafka-ca
  secret:
    secretName: {{ $k.tls.caSecret }}
    items:
      - key: {{ $k.tls.caKey }}
        path: {{ $k.tls.caKey }}
{{- end }}
{{- if and (hasSuffix "SSL" $k.securityProtocol) $k.tls.clientAuthentication }}
- name: kafka-user
  secret:
    secretName: {{ include "switchboard.kafkaUserSecret" . }}
    items:
      - key: user.p12
        path: user.p12
{{- end }}
{{- end -}}

{{- define "switchboard.kafkaVolumeMounts" -}}
{{- $k := .root.Values.kafka -}}
{{- if and (hasSuffix "SSL" $k.securityProtocol) $k.tls.caSecret }}
- name: kafka-ca
  mountPath: /etc/switchboard/kafka-ca
  readOnly: true
{{- end }}
{{- if and (hasSuffix "SSL" $k.securityProtocol) $k.tls.clientAuthentication }}
- name: kafka-user
  mountPath: /etc/switchboard/kafka-user
  readOnly: true
{{- end }}
{{- end -}}

{{/* JWT verification settings of the services with a REST API. */}}
{{- define "switchboard.jwtEnv" -}}
{{- $j := .root.Values.jwt -}}
MP_JWT_VERIFY_ISSUER: {{ required "jwt.issuer is required: the issuer exactly as your identity provider writes iss (docs/operators/authentication.md)" $j.issuer | quote }}
{{- if $j.publicKeyConfigMap.name }}
MP_JWT_VERIFY_PUBLICKEY_LOCATION: {{ printf "file:/etc/switchboard/jwt/%s" $j.publicKeyConfigMap.key | quote }}
{{- else }}
MP_JWT_VERIFY_PUBLICKEY_LOCATION: {{ required "jwt.publicKeyLocation (a JWKS URL) or jwt.publicKeyConfigMap is required" $j.publicKeyLocation | quote }}
{{- end }}
{{- with $j.audiences }}
MP_JWT_VERIFY_AUDIENCES: {{ . | quote }}
{{- end }}
{{- end -}}

{{/* Tracing (docs/operators/tracing.md): nothing is set while it is off (the services' default: SDK disabled). */}}
{{- define "switchboard.tracingEnv" -}}
{{- $t := .root.Values.tracing -}}
{{- if $t.enabled }}
QUARKUS_OTEL_SDK_DISABLED: "false"
QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT: {{ required "tracing.otlpEndpoint is required when tracing is enabled" $t.otlpEndpoint | quote }}
QUARKUS_OTEL_RESOURCE_ATTRIBUTES: {{ printf "deployment.environment=%s" ($t.environment | default .root.Release.Namespace) | quote }}
{{- end }}
{{- end -}}

{{/* Database environment (URL in the ConfigMap; user and password from a Secret). */}}
{{- define "switchboard.databaseSecretEnv" -}}
{{- $db := .svc.database -}}
- name: QUARKUS_DATASOURCE_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ required (printf "%s.database.existingSecret is required" .key) $db.existingSecret }}
      key: {{ $db.usernameKey }}
- name: QUARKUS_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $db.existingSecret }}
      key: {{ $db.passwordKey }}
{{- end -}}

{{- define "switchboard.hmacSecretEnv" -}}
- name: SWITCHBOARD_HMAC_KEY
  valueFrom:
    secretKeyRef:
      name: {{ required "hmacKey.existingSecret is required" .root.Values.hmacKey.existingSecret }}
      key: {{ .root.Values.hmacKey.key }}
{{- end -}}

{{/* JVM options: heap as a share of the container's memory limit, exit on OutOfMemoryError so Kubernetes restarts. */}}
{{- define "switchboard.jvmEnv" -}}
JAVA_TOOL_OPTIONS: {{ printf "-XX:MaxRAMPercentage=%v -XX:+ExitOnOutOfMemoryError %s" .svc.jvm.maxRamPercentage (.svc.jvm.extraOptions | default "") | trim | quote }}
{{- end -}}

{{/* Extra environment of a service (plain values only: secrets go in extraEnv with valueFrom). */}}
{{- define "switchboard.extraEnvMap" -}}
{{- range $k, $v := .env }}
{{ $k }}: {{ $v | toString | quote }}
{{- end }}
{{- end -}}

{{/* application.properties overrides rendered from a map (key = property, value = value). */}}
{{- define "switchboard.properties" -}}
{{- range $k, $v := . }}
{{ $k }}={{ $v }}
{{- end }}
{{- end -}}

{{/* Pod-level settings shared by every component. Call with (dict "root" $ "svc" ... "selector" labels-yaml). */}}
{{- define "switchboard.podCommon" -}}
serviceAccountName: {{ include "switchboard.serviceAccountName" .root }}
automountServiceAccountToken: {{ .root.Values.serviceAccount.automountToken }}
{{- with .root.Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
securityContext:
  {{- toYaml .root.Values.podSecurityContext | nindent 2 }}
{{- with (.svc.nodeSelector | default .root.Values.nodeSelector) }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with (.svc.tolerations | default .root.Values.tolerations) }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with (.svc.affinity | default .root.Values.affinity) }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- if .root.Values.topologySpread.enabled }}
topologySpreadConstraints:
  - maxSkew: 1
    topologyKey: topology.kubernetes.io/zone
    whenUnsatisfiable: ScheduleAnyway
    labelSelector:
      matchLabels:
        {{- .selector | nindent 8 }}
  - maxSkew: 1
    topologyKey: kubernetes.io/hostname
    whenUnsatisfiable: ScheduleAnyway
    labelSelector:
      matchLabels:
        {{- .selector | nindent 8 }}
{{- end }}
{{- with .root.Values.priorityClassName }}
priorityClassName: {{ . }}
{{- end }}
{{- end -}}

{{/* Probes on the Quarkus health endpoints. Call with (dict "root" $ "svc" ...). */}}
{{- define "switchboard.probes" -}}
{{- $p := .root.Values.probes -}}
startupProbe:
  httpGet:
    path: /q/health/live
    port: http
  periodSeconds: {{ $p.startup.periodSeconds }}
  timeoutSeconds: {{ $p.startup.timeoutSeconds }}
  failureThreshold: {{ .svc.startupFailureThreshold | default $p.startup.failureThreshold }}
livenessProbe:
  httpGet:
    path: /q/health/live
    port: http
  periodSeconds: {{ $p.liveness.periodSeconds }}
  timeoutSeconds: {{ $p.liveness.timeoutSeconds }}
  failureThreshold: {{ $p.liveness.failureThreshold }}
readinessProbe:
  httpGet:
    path: /q/health/ready
    port: http
  periodSeconds: {{ $p.readiness.periodSeconds }}
  timeoutSeconds: {{ $p.readiness.timeoutSeconds }}
  failureThreshold: {{ $p.readiness.failureThreshold }}
{{- end -}}

{{/* Prometheus scraping annotations of a pod. */}}
{{- define "switchboard.scrapeAnnotations" -}}
{{- if .root.Values.metrics.podAnnotations -}}
prometheus.io/scrape: "true"
prometheus.io/path: /q/metrics
prometheus.io/port: {{ .port | quote }}
{{- end }}
{{- end -}}

{{/*
NetworkPolicy peers from a {namespaceSelector, podSelector, ipBlocks} block. A peer with only a podSelector means
pods in the release's namespace; with a namespaceSelector too, pods in the namespaces it selects.
*/}}
{{- define "switchboard.peers" -}}
{{- $peers := list -}}
{{- if or .namespaceSelector .podSelector -}}
{{- $peer := dict -}}
{{- with .namespaceSelector }}{{ $_ := set $peer "namespaceSelector" . }}{{ end -}}
{{- with .podSelector }}{{ $_ := set $peer "podSelector" . }}{{ end -}}
{{- $peers = append $peers $peer -}}
{{- end -}}
{{- range .ipBlocks }}{{ $peers = append $peers (dict "ipBlock" (dict "cidr" .)) }}{{ end -}}
{{- if $peers }}{{ toYaml $peers }}{{ end -}}
{{- end -}}

{{/* NetworkPolicy ports. Call with (dict "ports" list "protocol" "TCP"|"UDP"). */}}
{{- define "switchboard.ports" -}}
{{- $protocol := .protocol | default "TCP" -}}
{{- $ports := list -}}
{{- range .ports }}{{ $ports = append $ports (dict "port" (int .) "protocol" $protocol) }}{{ end -}}
{{- toYaml $ports -}}
{{- end -}}
