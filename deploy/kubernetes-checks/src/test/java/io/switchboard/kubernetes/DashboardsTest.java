package io.switchboard.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Helm reads only files inside the chart, so the chart carries copies of deploy/grafana/dashboards: they must be
 * the same files, byte for byte, and reach Grafana's sidecar unchanged.
 */
class DashboardsTest {

    @Test
    void theChartsDashboardsAreThoseOfDeployGrafana() throws IOException {
        Map<String, String> source = files(Chart.repo().resolve("deploy/grafana/dashboards"));
        Map<String, String> chart = files(Chart.dir().resolve("dashboards"));
        assertThat(source).isNotEmpty();
        assertThat(chart.keySet()).as("cp deploy/grafana/dashboards/*.json helm/switchboard/dashboards/")
                .isEqualTo(source.keySet());
        source.forEach((name, text) -> assertThat(chart.get(name))
                .as("helm/switchboard/dashboards/%s differs from deploy/grafana/dashboards/%s: copy it again", name,
                        name)
                .isEqualTo(text));
    }

    @Test
    void theDashboardsConfigMapCarriesThemForTheGrafanaSidecar() throws IOException {
        JsonNode cm = Chart.render("minimal-values.yaml").get("ConfigMap", "sb-switchboard-grafana-dashboards");
        assertThat(cm.path("metadata").path("labels").path("grafana_dashboard").asText()).isEqualTo("1");
        Map<String, String> source = files(Chart.repo().resolve("deploy/grafana/dashboards"));
        assertThat(cm.path("data").size()).isEqualTo(source.size());
        source.forEach((name, text) -> assertThat(cm.path("data").path(name).asText()).isEqualTo(text));
        JsonNode elsewhere = Chart.render("external-kafka-values.yaml").get("ConfigMap",
                "sb-switchboard-grafana-dashboards");
        assertThat(elsewhere.path("metadata").path("namespace").asText()).isEqualTo("monitoring");
    }

    private static Map<String, String> files(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.filter(f -> f.toString().endsWith(".json")).toList()) {
                files.put(p.getFileName().toString(), Files.readString(p));
            }
        }
        return files;
    }
}
