package io.switchboard.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.LintResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * helm/switchboard renders with every values file of its ci/ folder, every rendered manifest validates against the
 * schema of its kind, and the rendered deployment has the properties the architecture needs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChartRenderingTest {

    private static final Set<String> SERVICES = Set.of("call-ingest", "triage-service", "directory-service",
            "kpi-service");
    private static final Set<String> API_SERVICES = Set.of("triage-service", "directory-service", "kpi-service");
    /** Names of ConfigMap keys that would be credentials: those belong in Secrets. */
    private static final Pattern SECRET_LIKE = Pattern.compile("(?i).*(PASSWORD|JAAS|HMAC|SECRET|TOKEN|PRIVATE).*");

    private final Map<String, Chart.Rendered> renderings = new HashMap<>();

    @BeforeAll
    void render() throws Exception {
        Path out = Files.createDirectories(Path.of("target", "rendered"));
        for (Path values : Chart.allCiValues()) {
            Chart.Rendered rendered = Chart.render(List.of(values), Map.of());
            renderings.put(values.getFileName().toString(), rendered);
            // For people: what helm template gives with each values file.
            Files.writeString(out.resolve(values.getFileName()), rendered.text());
        }
        assertThat(renderings).containsKeys("production-values.yaml", "external-kafka-values.yaml",
                "minimal-values.yaml");
    }

    List<String> valuesFiles() {
        return Chart.allCiValues().stream().map(p -> p.getFileName().toString()).toList();
    }

    @Test
    void lintsClean() {
        LintResult lint = Chart.lint();
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }

    @ParameterizedTest
    @MethodSource("valuesFiles")
    void everyManifestValidatesAgainstItsSchema(String values) {
        Chart.Rendered rendered = renderings.get(values);
        List<String> problems = new ArrayList<>();
        rendered.manifests().forEach(m -> problems.addAll(KubernetesSchemas.problems(m)));
        assertThat(problems).as(values).isEmpty();
        assertThat(rendered.manifests()).as("%s renders something", values).hasSizeGreaterThan(10);
    }

    @ParameterizedTest
    @MethodSource("valuesFiles")
    void namesAreUniqueAndValid(String values) {
        Set<String> seen = new HashSet<>();
        for (JsonNode m : renderings.get(values).manifests()) {
            String name = m.path("metadata").path("name").asText();
            assertThat(name).as("DNS subdomain name").matches("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
            if (!m.path("kind").asText().startsWith("Kafka")) {
                assertThat(name.length()).as(name).isLessThanOrEqualTo(63);
            }
            assertThat(seen.add(m.path("kind").asText() + "/" + name)).as("duplicate " + name).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("valuesFiles")
    void noCredentialInAConfigMapAndNoSecretInTheChart(String values) {
        Chart.Rendered rendered = renderings.get(values);
        assertThat(rendered.ofKind("Secret")).as("the chart only refers to Secrets").isEmpty();
        for (JsonNode cm : rendered.ofKind("ConfigMap")) {
            cm.path("data").fieldNames().forEachRemaining(key -> assertThat(key).as(name(cm)).doesNotMatch(SECRET_LIKE));
            String properties = cm.path("data").path("application.properties").asText("");
            assertThat(properties.lines().map(l -> l.split("=")[0])).as(name(cm)).noneMatch(
                    k -> SECRET_LIKE.matcher(k).matches());
        }
    }

    @ParameterizedTest
    @MethodSource("valuesFiles")
    void everyWorkloadIsProbedSizedHardenedAndConfiguredFromConfigMapsAndSecrets(String values) {
        Chart.Rendered rendered = renderings.get(values);
        Set<String> configMaps = rendered.ofKind("ConfigMap").stream().map(ChartRenderingTest::name)
                .collect(Collectors.toSet());
        List<JsonNode> workloads = workloads(rendered);
        assertThat(workloads).isNotEmpty();
        for (JsonNode w : workloads) {
            String component = component(w);
            JsonNode pod = w.path("spec").path("template");
            JsonNode c = container(w);
            assertThat(labels(pod)).as(name(w)).containsAllEntriesOf(matchLabels(w.path("spec").path("selector")));
            assertThat(c.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/live");
            assertThat(c.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/ready");
            assertThat(c.path("startupProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/live");
            for (String kind : List.of("requests", "limits")) {
                assertThat(c.path("resources").path(kind).has("cpu")).as(name(w) + " cpu " + kind).isTrue();
                assertThat(c.path("resources").path(kind).has("memory")).as(name(w) + " memory " + kind).isTrue();
            }
            assertThat(c.path("securityContext").path("readOnlyRootFilesystem").asBoolean()).isTrue();
            assertThat(pod.path("spec").path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
            assertThat(pod.path("metadata").path("annotations").path("prometheus.io/port").asText())
                    .isEqualTo(c.path("ports").get(0).path("containerPort").asText());
            assertThat(pod.path("metadata").path("annotations").path("prometheus.io/path").asText())
                    .isEqualTo("/q/metrics");

            String envConfigMap = c.path("envFrom").get(0).path("configMapRef").path("name").asText();
            assertThat(configMaps).as(name(w)).contains(envConfigMap);
            for (JsonNode volume : pod.path("spec").path("volumes")) {
                if (volume.has("configMap") && volume.path("name").asText().equals("config")) {
                    assertThat(configMaps).contains(volume.path("configMap").path("name").asText());
                }
            }
            Map<String, String> env = envConfig(rendered, w);
            Map<String, String> secretEnv = secretEnv(w);
            assertThat(secretEnv).as(name(w)).containsKey("SWITCHBOARD_HMAC_KEY");
            assertThat(env).as(name(w)).containsKeys("KAFKA_BOOTSTRAP_SERVERS", "KAFKA_SECURITY_PROTOCOL",
                    "JAVA_TOOL_OPTIONS");
            String protocol = env.get("KAFKA_SECURITY_PROTOCOL");
            if (protocol.startsWith("SASL_")) {
                assertThat(env).containsKey("KAFKA_SASL_MECHANISM");
                assertThat(secretEnv).containsKey("KAFKA_SASL_JAAS_CONFIG");
            }
            if (protocol.endsWith("SSL")) {
                String truststore = env.get("KAFKA_SSL_TRUSTSTORE_LOCATION");
                assertThat(truststore).as(name(w)).isNotNull();
                assertThat(mountPaths(c)).anyMatch(truststore::startsWith);
            }
            if (API_SERVICES.contains(component)) {
                assertThat(env).containsKeys("MP_JWT_VERIFY_ISSUER", "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
                        "QUARKUS_DATASOURCE_JDBC_URL");
                assertThat(secretEnv).containsKeys("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD");
                if (env.get("MP_JWT_VERIFY_PUBLICKEY_LOCATION").startsWith("file:")) {
                    assertThat(mountPaths(c)).anyMatch(
                            p -> env.get("MP_JWT_VERIFY_PUBLICKEY_LOCATION").startsWith("file:" + p));
                }
            }
            assertThat(env.keySet()).as("JWT dev key never set by the chart").doesNotContain("MP_JWT_VERIFY_PUBLICKEY");
        }
    }

    @ParameterizedTest
    @MethodSource("valuesFiles")
    void callIngestRunsExactlyOnePodPerPbx(String values) throws Exception {
        Chart.Rendered rendered = renderings.get(values);
        JsonNode valuesTree = Chart.YAML.readTree(Chart.ciValues(values).toFile());
        List<String> pbxIds = StreamSupport.stream(valuesTree.path("callIngest").path("pbxs").spliterator(), false)
                .map(p -> p.path("id").asText()).toList();
        List<JsonNode> ingest = workloads(rendered).stream().filter(w -> component(w).equals("call-ingest")).toList();
        assertThat(ingest).hasSameSizeAs(pbxIds);
        for (JsonNode d : ingest) {
            assertThat(d.path("kind").asText()).isEqualTo("Deployment");
            assertThat(d.path("spec").path("replicas").asInt()).isEqualTo(1);
            assertThat(d.path("spec").path("strategy").path("type").asText()).isEqualTo("Recreate");
            Map<String, String> env = envConfig(rendered, d);
            assertThat(pbxIds).contains(env.get("SWITCHBOARD_PBX_ID"));
            assertThat(d.path("spec").path("selector").path("matchLabels").path("switchboard.io/pbx-id").asText())
                    .isEqualTo(env.get("SWITCHBOARD_PBX_ID"));
            assertThat(secretEnv(d)).containsKeys("SWITCHBOARD_AMI_USERNAME", "SWITCHBOARD_AMI_PASSWORD");
        }
        assertThat(ingest.stream().map(d -> envConfig(rendered, d).get("SWITCHBOARD_PBX_ID"))).doesNotHaveDuplicates();
        for (JsonNode hpa : rendered.ofKind("HorizontalPodAutoscaler")) {
            assertThat(hpa.path("spec").path("scaleTargetRef").path("name").asText()).doesNotContain("call-ingest");
        }
    }

    @ParameterizedTest
    @MethodSource("valuesFiles")
    void kpiServiceKeepsItsKafkaStreamsStateOnAVolume(String values) {
        Chart.Rendered rendered = renderings.get(values);
        JsonNode kpi = workloads(rendered).stream().filter(w -> component(w).equals("kpi-service")).findFirst()
                .orElseThrow();
        assertThat(kpi.path("kind").asText()).isEqualTo("StatefulSet");
        Map<String, String> env = envConfig(rendered, kpi);
        String stateDir = env.get("SWITCHBOARD_KPI_STATE_DIR");
        JsonNode mount = StreamSupport.stream(container(kpi).path("volumeMounts").spliterator(), false)
                .filter(m -> m.path("mountPath").asText().equals(stateDir)).findFirst().orElseThrow();
        String volume = mount.path("name").asText();
        boolean claim = StreamSupport.stream(kpi.path("spec").path("volumeClaimTemplates").spliterator(), false)
                .anyMatch(t -> t.path("metadata").path("name").asText().equals(volume));
        boolean emptyDir = StreamSupport.stream(kpi.path("spec").path("template").path("spec").path("volumes")
                .spliterator(), false).anyMatch(v -> v.path("name").asText().equals(volume) && v.has("emptyDir"));
        assertThat(claim || emptyDir).isTrue();
        assertThat(claim).as("persistence on by default").isEqualTo(!values.startsWith("external"));
        assertThat(env).containsKeys("QUARKUS_KAFKA_STREAMS_SECURITY_PROTOCOL", "SWITCHBOARD_KPI_REPLICATION");
        if (env.get("KAFKA_SECURITY_PROTOCOL").startsWith("SASL_")) {
            assertThat(secretEnv(kpi)).containsKey("QUARKUS_KAFKA_STREAMS_SASL_JAAS_CONFIG");
        }
    }

    @ParameterizedTest
    @MethodSource("valuesFiles")
    void everyPodHasADisruptionBudgetAndANetworkPolicyThatOnlyOpensWhatItNeeds(String values) {
        Chart.Rendered rendered = renderings.get(values);
        for (JsonNode w : workloads(rendered)) {
            Map<String, String> podLabels = labels(w.path("spec").path("template"));
            assertThat(rendered.ofKind("PodDisruptionBudget").stream()
                    .filter(p -> podLabels.entrySet().containsAll(matchLabels(p.path("spec").path("selector")).entrySet())))
                    .as(name(w)).hasSize(1);
            List<JsonNode> policies = rendered.ofKind("NetworkPolicy").stream()
                    .filter(p -> podLabels.entrySet().containsAll(
                            matchLabels(p.path("spec").path("podSelector")).entrySet()))
                    .toList();
            assertThat(policies).as(name(w)).hasSize(1);
            JsonNode spec = policies.get(0).path("spec");
            assertThat(spec.path("policyTypes")).extracting(JsonNode::asText).containsExactlyInAnyOrder("Ingress",
                    "Egress");
            for (JsonNode rule : spec.path("ingress")) {
                assertThat(rule.path("from").size()).as("ingress from anywhere in " + name(w)).isPositive();
            }
            for (JsonNode rule : spec.path("egress")) {
                assertThat(rule.path("to").size()).as("egress to anywhere in " + name(w)).isPositive();
            }
            Set<Integer> egressPorts = new TreeSet<>();
            spec.path("egress").forEach(r -> r.path("ports").forEach(p -> egressPorts.add(p.path("port").asInt())));
            assertThat(egressPorts).as(name(w)).contains(53);
            String component = component(w);
            if (component.equals("call-ingest")) {
                String pbx = envConfig(rendered, w).get("SWITCHBOARD_PBX_ID");
                int amiPort = Integer.parseInt(envConfig(rendered, w).get("SWITCHBOARD_AMI_PORT"));
                assertThat(egressPorts).as("AMI port of " + pbx).contains(amiPort).doesNotContain(5432);
                assertThat(spec.path("ingress")).as("call-ingest has no API: Prometheus only").hasSizeLessThanOrEqualTo(1);
            } else {
                assertThat(egressPorts).as(name(w)).contains(5432);
            }
            boolean tracing = "false".equals(envConfig(rendered, w).get("QUARKUS_OTEL_SDK_DISABLED"));
            assertThat(egressPorts.contains(4317)).as("egress to the OTLP collector exactly when tracing is on: "
                    + name(w)).isEqualTo(tracing);
        }
    }

    @ParameterizedTest
    @MethodSource("valuesFiles")
    void tracingIsOffUnlessEnabledAndThenEveryServiceExportsToTheCollector(String values) {
        Chart.Rendered rendered = renderings.get(values);
        boolean enabled = values.equals("production-values.yaml");
        for (JsonNode w : workloads(rendered)) {
            Map<String, String> env = envConfig(rendered, w);
            if (enabled) {
                assertThat(env).as(name(w)).containsEntry("QUARKUS_OTEL_SDK_DISABLED", "false")
                        .containsEntry("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-collector.observability:4317")
                        .containsEntry("QUARKUS_OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=switchboard");
            } else {
                assertThat(env.keySet()).as(name(w) + ": the services' default, SDK disabled")
                        .noneMatch(k -> k.startsWith("QUARKUS_OTEL_"));
            }
        }
    }

    @Test
    void refusesToEnableTracingWithoutAnEndpoint() {
        assertThatThrownBy(() -> Chart.render(List.of(Chart.ciValues("minimal-values.yaml")),
                Map.of("tracing.enabled", true))).hasMessageContaining("tracing.otlpEndpoint is required");
    }

    @ParameterizedTest
    @MethodSource("valuesFiles")
    void servicesSelectPodsThatServeTheirPort(String values) {
        Chart.Rendered rendered = renderings.get(values);
        for (JsonNode service : rendered.ofKind("Service")) {
            Map<String, String> selector = matchLabels(service.path("spec").path("selector"));
            List<JsonNode> selected = workloads(rendered).stream()
                    .filter(w -> labels(w.path("spec").path("template")).entrySet().containsAll(selector.entrySet()))
                    .toList();
            assertThat(selected).as(name(service)).isNotEmpty();
            for (JsonNode w : selected) {
                assertThat(container(w).path("ports")).extracting(p -> p.path("name").asText()).contains("http");
            }
        }
        for (JsonNode hpa : rendered.ofKind("HorizontalPodAutoscaler")) {
            JsonNode target = hpa.path("spec").path("scaleTargetRef");
            assertThat(rendered.find(target.path("kind").asText(), target.path("name").asText())).isPresent();
        }
    }

    @Test
    void serviceMonitorsGiveThePrometheusJobNamesTheRulesAndDashboardsUse() throws Exception {
        Chart.Rendered rendered = renderings.get("production-values.yaml");
        Set<String> jobs = new TreeSet<>();
        for (JsonNode monitor : rendered.ofKind("ServiceMonitor")) {
            String jobLabel = monitor.path("spec").path("jobLabel").asText();
            Map<String, String> selector = matchLabels(monitor.path("spec").path("selector"));
            List<JsonNode> services = rendered.ofKind("Service").stream()
                    .filter(s -> labels(s).entrySet().containsAll(selector.entrySet()))
                    .filter(s -> !labels(s).containsKey("switchboard.io/headless"))
                    .toList();
            assertThat(services).as(name(monitor)).hasSize(1);
            jobs.add(labels(services.get(0)).get(jobLabel));
            assertThat(monitor.path("spec").path("endpoints").get(0).path("path").asText()).isEqualTo("/q/metrics");
        }
        JsonNode prometheus = Chart.YAML.readTree(Chart.repo().resolve("deploy/prometheus/prometheus.yml").toFile());
        Set<String> expected = new TreeSet<>();
        prometheus.path("scrape_configs").forEach(c -> expected.add(c.path("job_name").asText()));
        assertThat(jobs).isEqualTo(expected).isEqualTo(new TreeSet<>(SERVICES));
    }

    @Test
    void kpiServiceCanBeAutoscaledAsAStatefulSet() {
        Chart.Rendered rendered = Chart.render(List.of(Chart.ciValues("minimal-values.yaml")),
                Map.of("kpiService.autoscaling.enabled", true, "triageService.autoscaling.enabled", true));
        List<String> problems = new ArrayList<>();
        rendered.manifests().forEach(m -> problems.addAll(KubernetesSchemas.problems(m)));
        assertThat(problems).isEmpty();
        JsonNode hpa = rendered.get("HorizontalPodAutoscaler", "sb-switchboard-kpi-service");
        assertThat(hpa.path("spec").path("scaleTargetRef").path("kind").asText()).isEqualTo("StatefulSet");
        assertThat(rendered.get("StatefulSet", "sb-switchboard-kpi-service").path("spec").has("replicas"))
                .as("the HPA owns replicas").isFalse();
    }

    @Test
    void eachServiceReadsTheSecretOfItsOwnKafkaUser() {
        Chart.Rendered rendered = renderings.get("production-values.yaml");
        Set<String> users = rendered.ofKind("KafkaUser").stream().map(ChartRenderingTest::name)
                .collect(Collectors.toSet());
        assertThat(users).hasSize(4);
        for (JsonNode w : workloads(rendered)) {
            String secret = secretEnv(w).get("KAFKA_SASL_JAAS_CONFIG").split("/")[0];
            assertThat(secret).isEqualTo("sb-switchboard-" + component(w)).isIn(users);
        }
    }

    @Test
    void refusesToRenderWithoutTheTokenIssuer() {
        assertThatThrownBy(() -> Chart.render(List.of(), Map.of())).hasMessageContaining("jwt.issuer is required");
    }

    @Test
    void refusesPbxIdsThatCannotPrefixACallIdOrAppearTwice() {
        Path minimal = Chart.ciValues("minimal-values.yaml");
        assertThatThrownBy(() -> Chart.render(List.of(minimal), Map.of("callIngest.pbxs[0].id", "PBX_1",
                "callIngest.pbxs[0].ami.host", "10.0.0.1", "callIngest.pbxs[0].ami.existingSecret", "s")))
                .hasMessageContaining("lower-case letters");
        assertThatThrownBy(() -> Chart.render(List.of(minimal), Map.of(
                "callIngest.pbxs[0].id", "pbx-1", "callIngest.pbxs[0].ami.host", "10.0.0.1",
                "callIngest.pbxs[0].ami.existingSecret", "s",
                "callIngest.pbxs[1].id", "pbx-1", "callIngest.pbxs[1].ami.host", "10.0.0.2",
                "callIngest.pbxs[1].ami.existingSecret", "s")))
                .hasMessageContaining("appears twice");
        assertThatThrownBy(() -> Chart.render(List.of(minimal), Map.of("callIngest.pbxs[0].id", "pbx-1",
                "callIngest.pbxs[0].ami.host", "pbx.example.nhs.uk", "callIngest.pbxs[0].ami.existingSecret", "s")))
                .hasMessageContaining("ami.cidr is required");
    }

    @Test
    void singleReplicaServicesGetABudgetThatStillLetsNodesDrain() {
        Chart.Rendered rendered = renderings.get("external-kafka-values.yaml");
        JsonNode triage = rendered.get("PodDisruptionBudget", "sb-switchboard-triage-service");
        assertThat(triage.path("spec").has("minAvailable")).isFalse();
        assertThat(triage.path("spec").path("maxUnavailable").asInt()).isEqualTo(1);
        JsonNode production = renderings.get("production-values.yaml")
                .get("PodDisruptionBudget", "sb-switchboard-directory-service");
        assertThat(production.path("spec").path("minAvailable").asInt()).isEqualTo(1);
    }

    @Test
    void helmCanOnlyReadChartFilesSoTheChartReadsNothingOutsideIt() throws Exception {
        try (var files = Files.walk(Chart.dir().resolve("templates"))) {
            for (Path t : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(t)).as(t.toString()).doesNotContain("../");
            }
        }
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    static List<JsonNode> workloads(Chart.Rendered rendered) {
        List<JsonNode> all = new ArrayList<>(rendered.ofKind("Deployment"));
        all.addAll(rendered.ofKind("StatefulSet"));
        return all;
    }

    static String name(JsonNode m) {
        return m.path("metadata").path("name").asText();
    }

    static String component(JsonNode m) {
        return m.path("metadata").path("labels").path("app.kubernetes.io/component").asText();
    }

    static JsonNode container(JsonNode workload) {
        return workload.path("spec").path("template").path("spec").path("containers").get(0);
    }

    static Map<String, String> labels(JsonNode m) {
        Map<String, String> labels = new HashMap<>();
        m.path("metadata").path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    static Map<String, String> matchLabels(JsonNode selector) {
        JsonNode labels = selector.has("matchLabels") ? selector.path("matchLabels") : selector;
        Map<String, String> map = new HashMap<>();
        labels.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    static Set<String> mountPaths(JsonNode container) {
        Set<String> paths = new HashSet<>();
        container.path("volumeMounts").forEach(m -> paths.add(m.path("mountPath").asText()));
        return paths;
    }

    /** The environment a workload's container gets from its ConfigMap(s) and plain env entries. */
    static Map<String, String> envConfig(Chart.Rendered rendered, JsonNode workload) {
        Map<String, String> env = new HashMap<>();
        for (JsonNode from : container(workload).path("envFrom")) {
            rendered.get("ConfigMap", from.path("configMapRef").path("name").asText()).path("data").fields()
                    .forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        }
        container(workload).path("env").forEach(e -> {
            if (e.has("value")) {
                env.put(e.path("name").asText(), e.path("value").asText());
            }
        });
        return env;
    }

    /** The environment a workload's container gets from Secrets: name to secret/key. */
    static Map<String, String> secretEnv(JsonNode workload) {
        Map<String, String> env = new HashMap<>();
        container(workload).path("env").forEach(e -> {
            JsonNode ref = e.path("valueFrom").path("secretKeyRef");
            if (!ref.isMissingNode()) {
                assertThat(ref.path("name").asText()).as(e.path("name").asText()).isNotBlank();
                env.put(e.path("name").asText(), ref.path("name").asText() + "/" + ref.path("key").asText());
            }
        });
        return env;
    }
}
