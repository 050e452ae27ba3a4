package io.switchboard.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every value of helm/switchboard/values.yaml is documented in the chart README's values table. */
class ChartReadmeTest {

    @Test
    void everyValueIsDocumented() throws Exception {
        JsonNode values = Chart.YAML.readTree(Chart.dir().resolve("values.yaml").toFile());
        String readme = Files.readString(Chart.dir().resolve("README.md"));
        List<String> missing = new ArrayList<>();
        collect(values, "", missing, readme);
        assertThat(missing).as("values without a `| `key` |` row in helm/switchboard/README.md").isEmpty();
    }

    private static final List<String> SERVICES = List.of("callIngest", "triageService", "directoryService",
            "kpiService");

    /**
     * A value is documented by a table row naming it, or naming a parent object documented as a whole. The four
     * services' common settings are documented once as {@code <service>.key}.
     */
    private static void collect(JsonNode node, String path, List<String> missing, String readme) {
        if (!path.isEmpty() && readme.contains("| `" + path + "` |")) {
            return;
        }
        String first = path.contains(".") ? path.substring(0, path.indexOf('.')) : path;
        if (SERVICES.contains(first) && readme.contains("| `<service>" + path.substring(first.length()) + "` |")) {
            return;
        }
        if (node.isObject() && node.size() > 0 && !path.equals("strimzi.topics.items")) {
            node.fields().forEachRemaining(e -> collect(e.getValue(),
                    path.isEmpty() ? e.getKey() : path + "." + e.getKey(), missing, readme));
        } else if (!path.isEmpty()) {
            missing.add(path);
        }
    }
}
