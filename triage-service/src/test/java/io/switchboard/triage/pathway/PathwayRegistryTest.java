package io.switchboard.triage.pathway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.triage.config.TriageConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bean that loads the content at start ({@code @Startup}): invalid content throws from its constructor, which
 * stops Quarkus from starting; a content directory replaces the packaged content.
 */
class PathwayRegistryTest {

    @Test
    void loadsThePackagedContentByDefault() {
        PathwayRegistry registry = new PathwayRegistry(config(null));
        assertThat(registry.catalogue().latest("chest-pain")).isPresent();
    }

    @Test
    void refusesToStartWithInvalidContentNamingTheFileAndNode(@TempDir Path dir) throws IOException {
        byte[] cycle = PathwayValidatorTest.resource("pathway-fixtures/cycle.v1.yaml");
        Files.write(dir.resolve("cycle.v1.yaml"), cycle);
        Files.writeString(dir.resolve("index.yaml"), "pathways:\n"
                + "  - {file: cycle.v1.yaml, sha256: " + PathwayLoader.sha256(cycle) + "}\n");

        assertThatThrownBy(() -> new PathwayRegistry(config(dir)))
                .isInstanceOf(PathwayValidationException.class)
                .hasMessageContaining("cycle.v1.yaml: node 'q-three': an answer leads back to 'q-two'");
    }

    @Test
    void usesAContentDirectoryWhenConfigured(@TempDir Path dir) throws IOException {
        byte[] valid = PathwayValidatorTest.resource("pathway-fixtures/valid.v1.yaml");
        Files.write(dir.resolve("valid.v1.yaml"), valid);
        Files.writeString(dir.resolve("index.yaml"), "pathways:\n"
                + "  - {file: valid.v1.yaml, sha256: " + PathwayLoader.sha256(valid) + "}\n");

        PathwayRegistry registry = new PathwayRegistry(config(dir));
        assertThat(registry.catalogue().latestVersions()).extracting(Pathway::id).containsExactly("valid");
    }

    private static TriageConfig config(Path dir) {
        return new TriageConfig() {
            @Override
            public Optional<Path> pathwaysDir() {
                return Optional.ofNullable(dir);
            }

            @Override
            public String clinicianQueue() {
                return "clinician";
            }

            @Override
            public Duration publishTimeout() {
                return Duration.ofSeconds(5);
            }

            @Override
            public Duration outboxRetryInterval() {
                return Duration.ofSeconds(5);
            }

            @Override
            public Duration inboxRetention() {
                return Duration.ofDays(35);
            }
        };
    }
}
