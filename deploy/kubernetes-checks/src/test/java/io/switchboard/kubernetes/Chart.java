package io.switchboard.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The chart helm/switchboard, rendered by Helm itself (helm-java: Helm's Go code in a native library loaded through
 * JNA, from Maven Central), as {@code helm template} would.
 */
final class Chart {

    static final String RELEASE = "sb";
    static final String NAMESPACE = "switchboard";
    /** The Kubernetes version the chart is rendered for (Chart.yaml's kubeVersion must accept it). */
    static final String KUBE_VERSION = "v1.33.0";

    static final ObjectMapper YAML = new YAMLMapper();

    private Chart() {
    }

    static Path repo() {
        return Path.of(System.getProperty("switchboard.repo", "../..")).toAbsolutePath().normalize();
    }

    static Path dir() {
        return repo().resolve("helm/switchboard");
    }

    /** A values file of the chart's ci/ folder, e.g. {@code production-values.yaml}. */
    static Path ciValues(String name) {
        return dir().resolve("ci").resolve(name);
    }

    static List<Path> allCiValues() {
        try (Stream<Path> files = Files.list(dir().resolve("ci"))) {
            return files.filter(p -> p.getFileName().toString().endsWith("-values.yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Renders the chart with these values files (later ones win) and these --set values. */
    static Rendered render(List<Path> valuesFiles, Map<String, Object> set) {
        TemplateCommand template = new Helm(dir()).template()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        valuesFiles.forEach(template::withValuesFile);
        set.forEach(template::set);
        return new Rendered(template.call());
    }

    static Rendered render(String ciValuesFile) {
        return render(List.of(ciValues(ciValuesFile)), Map.of());
    }

    /** helm lint --strict on the chart with its default values (helm-java's lint takes no values files). */
    static LintResult lint() {
        return new Helm(dir()).lint().strict().call();
    }

    /** The manifests of one rendering. */
    record Rendered(String text, List<JsonNode> manifests) {

        Rendered(String text) {
            this(text, parse(text));
        }

        private static List<JsonNode> parse(String text) {
            List<JsonNode> docs = new ArrayList<>();
            try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class)
                    .with(new YAMLFactory()).readValues(text)) {
                while (it.hasNext()) {
                    JsonNode doc = it.next();
                    if (doc != null && !doc.isNull() && !doc.isMissingNode() && doc.size() > 0) {
                        docs.add(doc);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("helm rendered YAML that does not parse:\n" + text, e);
            }
            return List.copyOf(docs);
        }

        List<JsonNode> ofKind(String kind) {
            return manifests.stream().filter(m -> kind.equals(m.path("kind").asText())).toList();
        }

        List<JsonNode> where(Predicate<JsonNode> p) {
            return manifests.stream().filter(p).toList();
        }

        Optional<JsonNode> find(String kind, String name) {
            return ofKind(kind).stream().filter(m -> name.equals(m.path("metadata").path("name").asText())).findFirst();
        }

        JsonNode get(String kind, String name) {
            return find(kind, name).orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in\n" + names()));
        }

        List<String> names() {
            return manifests.stream().map(m -> m.path("kind").asText() + "/" + m.path("metadata").path("name").asText())
                    .toList();
        }
    }
}
