package io.switchboard.kpi.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operators' monitoring material in deploy/prometheus and deploy/grafana: the Prometheus rules and config are
 * valid and their unit tests pass (with promtool, from Debian's prometheus package), and the dashboards and rules
 * only use metric names the services really expose, so renaming a metric without updating them fails here.
 */
class MonitoringConfigTest {

    /** Surefire runs in the module's directory (kpi-service/): the repository root is its parent. */
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    private static final String RULES = "deploy/prometheus/switchboard.rules.yml";
    private static final String RULES_TEST = "deploy/prometheus/switchboard.rules.test.yml";
    private static final String PROMETHEUS_CONFIG = "deploy/prometheus/prometheus.yml";
    private static final Path DASHBOARDS = REPO.resolve("deploy/grafana/dashboards");

    /**
     * Every switchboard_* metric the services expose on /q/metrics (kpi-service, call-ingest). A dashboard panel,
     * template variable, annotation, alerting or recording rule (or a rule test's input series) that names any
     * other switchboard_* metric fails the test: change this list only together with the code that exposes them.
     */
    static final Set<String> SWITCHBOARD_METRICS = Set.of(
            // kpi-service: KPI gauges with provider, region, queue, window
            "switchboard_kpi_offered",
            "switchboard_kpi_answered",
            "switchboard_kpi_answered_within_60s",
            "switchboard_kpi_answered_within_60s_ratio",
            "switchboard_kpi_abandoned",
            "switchboard_kpi_abandoned_after_30s",
            "switchboard_kpi_abandoned_after_30s_ratio",
            "switchboard_kpi_abandoned_by_wait",
            "switchboard_kpi_average_speed_of_answer_seconds",
            "switchboard_kpi_timed_out",
            "switchboard_kpi_contingency_routed",
            "switchboard_kpi_transferred_to_clinician",
            // kpi-service: live gauges with provider, region, queue
            "switchboard_kpi_waiting_now",
            "switchboard_kpi_longest_wait_seconds",
            // kpi-service: contingency, by region
            "switchboard_contingency_engaged",
            "switchboard_contingency_pinned",
            "switchboard_contingency_decisions_total",
            // kpi-service: pipeline health
            "switchboard_kpi_late_events_total",
            "switchboard_kpi_duplicate_events_total",
            // call-ingest
            "switchboard_ami_messages_total",
            "switchboard_calls_in_progress");

    /** Dashboard file and its uid; uids are what links and bookmarks use, so they must not change. */
    private static final Map<String, String> DASHBOARD_UIDS = Map.of(
            "switchboard-kpis.json", "switchboard-kpis",
            "switchboard-contingency.json", "switchboard-contingency",
            "switchboard-pipeline.json", "switchboard-pipeline");

    /** Every alert the ops teams rely on: deleting or renaming one must be a conscious change. */
    private static final Set<String> ALERTS = Set.of(
            "SwitchboardAnsweredWithin60sBelowTarget",
            "SwitchboardAbandonedAfter30sAboveTarget",
            "SwitchboardLongestWaitHigh",
            "SwitchboardLongestWaitCritical",
            "SwitchboardContingencyEngaged",
            "SwitchboardContingencyPinnedTooLong",
            "SwitchboardWaitingWithoutContingency",
            "SwitchboardCallIngestDown",
            "SwitchboardTriageServiceDown",
            "SwitchboardDirectoryServiceDown",
            "SwitchboardKpiServiceDown",
            "SwitchboardAmiMessagesRejected",
            "SwitchboardKpiLateEvents");

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_:][A-Za-z0-9_:]*");
    private static final Pattern DOUBLE_QUOTED = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern RECORD = Pattern.compile("(?m)^\\s*-\\s*record:\\s*(\\S+)\\s*$");
    private static final Pattern ALERT = Pattern.compile("(?m)^\\s*-\\s*alert:\\s*(\\S+)\\s*$");

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void runsFromTheModuleDirectory() {
        assertThat(REPO.resolve(RULES))
                .withFailMessage("%s not found under %s: run this test from the kpi-service module directory",
                        RULES, REPO)
                .isRegularFile();
    }

    // ---------------------------------------------------------------------------------------------- promtool

    @Test
    void rulesFileIsValid() {
        promtool("check", "rules", RULES);
    }

    @Test
    void ruleUnitTestsPass() {
        promtool("test", "rules", RULES_TEST);
    }

    @Test
    void prometheusConfigIsValid() {
        promtool("check", "config", PROMETHEUS_CONFIG);
    }

    // ------------------------------------------------------------------------------------------------- rules

    @Test
    void everyAlertTheOpsTeamsRelyOnIsThereWithSeverityAndDescription() throws IOException {
        String rules = Files.readString(REPO.resolve(RULES));
        Map<String, String> alerts = alertBlocks(rules);

        assertThat(alerts.keySet()).containsExactlyInAnyOrderElementsOf(ALERTS);
        alerts.forEach((name, block) -> {
            assertThat(block).as("alert %s", name).containsPattern("(?m)^\\s*severity:\\s*(critical|warning|info)\\s*$");
            assertThat(block).as("alert %s", name).containsPattern("(?m)^\\s*summary:\\s*\\S");
            assertThat(block).as("alert %s", name).containsPattern("(?m)^\\s*description:\\s*\\S");
        });
    }

    @Test
    void rulesUseOnlyExposedMetricNames() throws IOException {
        String rules = Files.readString(REPO.resolve(RULES));
        Set<String> recorded = recordedNames(rules);
        assertKnownMetricNames(RULES, List.of(rules), recorded);
    }

    @Test
    void ruleTestsFeedOnlyExposedMetricNames() throws IOException {
        String tests = Files.readString(REPO.resolve(RULES_TEST));
        Set<String> recorded = recordedNames(Files.readString(REPO.resolve(RULES)));
        assertKnownMetricNames(RULES_TEST, List.of(tests), recorded);
    }

    // -------------------------------------------------------------------------------------------- dashboards

    @Test
    void dashboardsHaveStableIdentityAndTheCommonSettings() throws IOException {
        assertThat(dashboardFiles()).containsExactlyInAnyOrderElementsOf(DASHBOARD_UIDS.keySet());

        for (Map.Entry<String, String> entry : DASHBOARD_UIDS.entrySet()) {
            String file = entry.getKey();
            JsonNode dashboard = JSON.readTree(DASHBOARDS.resolve(file).toFile());

            assertThat(dashboard.path("uid").asText()).as("%s uid", file).isEqualTo(entry.getValue());
            assertThat(dashboard.path("title").asText()).as("%s title", file).startsWith("Switchboard");
            assertThat(dashboard.path("schemaVersion").asInt()).as("%s schemaVersion", file).isEqualTo(39);
            assertThat(dashboard.path("refresh").asText()).as("%s refresh", file).isEqualTo("10s");

            Map<String, JsonNode> variables = new LinkedHashMap<>();
            dashboard.path("templating").path("list").forEach(v -> variables.put(v.path("name").asText(), v));
            assertThat(variables).as("%s template variables", file).containsKeys("datasource", "region", "provider");
            assertThat(variables.get("datasource").path("type").asText()).isEqualTo("datasource");
            assertThat(variables.get("datasource").path("query").asText()).isEqualTo("prometheus");
            for (String name : List.of("region", "provider")) {
                assertThat(variables.get(name).path("definition").asText())
                        .as("%s variable %s", file, name).startsWith("label_values(").endsWith(", " + name + ")");
            }

            List<JsonNode> panels = panels(dashboard);
            assertThat(panels).as("%s panels", file).isNotEmpty();
            Set<Integer> ids = new TreeSet<>();
            for (JsonNode panel : panels) {
                String title = panel.path("title").asText();
                assertThat(ids.add(panel.path("id").asInt())).as("%s: panel id of '%s' is unique", file, title)
                        .isTrue();
                if ("row".equals(panel.path("type").asText())) {
                    continue;
                }
                assertThat(panel.path("datasource").path("uid").asText())
                        .as("%s: panel '%s' uses the ${datasource} variable", file, title).isEqualTo("${datasource}");
                assertThat(panel.path("targets")).as("%s: panel '%s' has queries", file, title).isNotEmpty();
                panel.path("targets").forEach(t -> assertThat(t.path("expr").asText())
                        .as("%s: panel '%s' query %s", file, title, t.path("refId").asText()).isNotBlank());
            }
        }
    }

    @Test
    void dashboardsUseOnlyExposedMetricNames() throws IOException {
        Set<String> recorded = recordedNames(Files.readString(REPO.resolve(RULES)));
        for (String file : DASHBOARD_UIDS.keySet()) {
            JsonNode dashboard = JSON.readTree(DASHBOARDS.resolve(file).toFile());
            List<String> expressions = new ArrayList<>();
            collectExpressions(dashboard, null, expressions);
            assertThat(expressions).as("%s: expressions found", file).isNotEmpty();
            assertKnownMetricNames(file, expressions, recorded);
        }
    }

    @Test
    void theNameCheckCatchesARenamedMetric() {
        assertThat(unknownMetricNames(List.of("sum by (region) (switchboard_kpi_offered{window=\"rolling-15m\"})"),
                Set.of())).isEmpty();
        assertThat(unknownMetricNames(List.of("switchboard_kpi_calls_offered{region=~\"$region\"} > 0"), Set.of()))
                .containsExactly("switchboard_kpi_calls_offered");
        assertThat(unknownMetricNames(List.of("region:switchboard_kpi_waiting:sum > 3"), Set.of()))
                .containsExactly("region:switchboard_kpi_waiting:sum");
        // Words inside label values and strings are not metric names.
        assertThat(unknownMetricNames(List.of("up{job=\"switchboard_anything\"} == 0"), Set.of())).isEmpty();
    }

    // --------------------------------------------------------------------------------------------- helpers

    private static void promtool(String... args) {
        List<String> command = new ArrayList<>();
        command.add("promtool");
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            fail("Cannot run promtool (%s). It comes from Debian's prometheus package; the kpi-service build "
                    + "installs it with deploy/tools/ensure-packages promtool=prometheus.", e.getMessage());
            return;
        }
        try {
            // Read everything before waiting, so a chatty promtool cannot block on a full pipe.
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                fail("%s did not finish within 2 minutes; output:%n%s", String.join(" ", command), output);
            }
            int exit = process.exitValue();
            assertThat(exit).withFailMessage("%s exited with %d:%n%s", String.join(" ", command), exit, output)
                    .isZero();
        } catch (IOException e) {
            process.destroyForcibly();
            fail("reading the output of %s failed: %s", String.join(" ", command), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            fail("interrupted while running %s", String.join(" ", command));
        }
    }

    private static void assertKnownMetricNames(String source, List<String> texts, Set<String> recorded) {
        assertThat(unknownMetricNames(texts, recorded))
                .withFailMessage(() -> source + " uses switchboard metrics the services do not expose (or recording "
                        + "rules that " + RULES + " does not define): " + unknownMetricNames(texts, recorded)
                        + "\nknown metrics: " + new TreeSet<>(SWITCHBOARD_METRICS) + "\nrecording rules: " + recorded)
                .isEmpty();
    }

    /**
     * The switchboard_* metric names in the texts that are not exposed, and the recording-rule names
     * (level:switchboard_...:operation) that are not defined. Double-quoted strings (label values) are skipped.
     */
    static Set<String> unknownMetricNames(List<String> texts, Set<String> recorded) {
        Set<String> unknown = new TreeSet<>();
        for (String text : texts) {
            Matcher identifiers = IDENTIFIER.matcher(DOUBLE_QUOTED.matcher(text).replaceAll("\"\""));
            while (identifiers.find()) {
                String name = identifiers.group();
                if (name.contains(":")) {
                    if (name.contains("switchboard_") && !recorded.contains(name)) {
                        unknown.add(name);
                    }
                } else if (name.startsWith("switchboard_") && !SWITCHBOARD_METRICS.contains(name)) {
                    unknown.add(name);
                }
            }
        }
        return unknown;
    }

    private static Set<String> recordedNames(String rules) {
        Set<String> names = new TreeSet<>();
        Matcher m = RECORD.matcher(rules);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Each alert's rule text, from its "- alert:" line to the next rule or group. */
    private static Map<String, String> alertBlocks(String rules) {
        Pattern nextRuleOrGroup = Pattern.compile("(?m)^\\s*-\\s*(alert|record|name):");
        Map<String, String> blocks = new LinkedHashMap<>();
        Matcher alert = ALERT.matcher(rules);
        while (alert.find()) {
            Matcher next = nextRuleOrGroup.matcher(rules);
            int end = next.find(alert.end()) ? next.start() : rules.length();
            assertThat(blocks.put(alert.group(1), rules.substring(alert.start(), end)))
                    .as("alert %s is defined once", alert.group(1)).isNull();
        }
        return blocks;
    }

    private static Set<String> dashboardFiles() throws IOException {
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** All panels, including those nested in collapsed rows. */
    private static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> all = new ArrayList<>();
        dashboard.path("panels").forEach(p -> {
            all.add(p);
            p.path("panels").forEach(all::add);
        });
        return all;
    }

    /**
     * Every PromQL expression of a dashboard: panel queries and annotation queries ("expr") and template
     * variable queries ("definition", and "query" as text or as {"query": ...}).
     */
    private static void collectExpressions(JsonNode node, String field, List<String> out) {
        if (node.isTextual()) {
            if ("expr".equals(field) || "definition".equals(field) || "query".equals(field)) {
                out.add(node.asText());
            }
        } else if (node.isObject()) {
            node.properties().forEach(e -> collectExpressions(e.getValue(), e.getKey(), out));
        } else if (node.isArray()) {
            node.forEach(child -> collectExpressions(child, field, out));
        }
    }
}
