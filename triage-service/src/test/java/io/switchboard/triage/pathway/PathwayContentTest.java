package io.switchboard.triage.pathway;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.events.DispositionCatalogue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The demonstration content shipped with the service: complete, labelled, and consistent with the event contract. */
class PathwayContentTest {

    private static final PathwayCatalogue CATALOGUE = PathwayLoader.loadPackaged();
    private static final Path SOURCE = Path.of("src/main/resources/pathways");

    @Test
    void coversTheCommonPresentations() {
        assertThat(CATALOGUE.latestVersions()).extracting(Pathway::id).contains("chest-pain", "breathing-difficulty",
                "abdominal-pain", "headache", "fever-adult", "fever-child", "rash", "vomiting-diarrhoea",
                "mental-health-crisis", "dental-pain", "repeat-medication", "minor-injury");
        assertThat(CATALOGUE.latestVersions()).hasSizeGreaterThanOrEqualTo(12);
    }

    @Test
    void everyPathwayIsLabelledAsDemonstrationContentInTheDataAndAtTheTopOfTheFile() throws IOException {
        for (Pathway pathway : CATALOGUE.allVersions()) {
            assertThat(pathway.demonstrationContent()).as(pathway.file()).isTrue();
            assertThat(pathway.notice()).as(pathway.file()).contains(Pathway.DEMONSTRATION_NOTICE);
            String text = Files.readString(SOURCE.resolve(pathway.file()), StandardCharsets.UTF_8);
            assertThat(text.lines().limit(3).toList()).as(pathway.file() + " header comment")
                    .anyMatch(line -> line.startsWith("#") && line.contains(Pathway.DEMONSTRATION_NOTICE));
        }
    }

    @Test
    void everyPathwayHasARedFlagExitToAnEmergencyDisposition() {
        for (Pathway pathway : CATALOGUE.allVersions()) {
            List<String> emergencyExits = new ArrayList<>();
            for (Node node : pathway.nodes().values()) {
                if (node instanceof Node.Question q) {
                    q.answers().stream().filter(Node.Answer::redFlag)
                            .map(a -> (Node.End) pathway.node(a.next()))
                            .filter(end -> end.disposition().isEmergency())
                            .forEach(end -> emergencyExits.add(end.disposition().code()));
                }
            }
            assertThat(emergencyExits).as(pathway.ref()).isNotEmpty();
            // Red flags come first: the start question is a red-flag screen.
            assertThat(((Node.Question) pathway.node(pathway.start())).answers()).as(pathway.ref() + " start")
                    .anyMatch(Node.Answer::redFlag);
        }
    }

    @Test
    void theTransferAndCallBackDispositionsAreReachable() {
        Set<String> used = new HashSet<>();
        CATALOGUE.allVersions().forEach(p -> p.nodes().values().stream().filter(Node.End.class::isInstance)
                .map(n -> ((Node.End) n).disposition().code()).forEach(used::add));
        assertThat(used).contains("SBCLINNOW", "Dx35", "SBAMBC1", "SBAMBC2", "Dx02");
        assertThat(CATALOGUE.dispositions().byCode("SBCLINNOW")).get()
                .extracting(DispositionCatalogue.Entry::transfersToClinician).isEqualTo(true);
        assertThat(CATALOGUE.dispositions()).isSameAs(DispositionCatalogue.shared());
    }

    @Test
    void everyFileInTheDirectoryIsListedInTheIndex() throws IOException {
        Set<String> listed = new HashSet<>();
        CATALOGUE.allVersions().forEach(p -> listed.add(p.file()));
        try (Stream<Path> files = Files.list(SOURCE)) {
            List<String> pathwayFiles = files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(".yaml") && !f.equals("index.yaml"))
                    .toList();
            assertThat(listed).containsExactlyInAnyOrderElementsOf(pathwayFiles);
        }
    }

    @Test
    void oldVersionsStayLoadableAndTheLatestIsOffered() {
        assertThat(CATALOGUE.versionsOf("headache")).extracting(Pathway::version).containsExactly(1, 2);
        assertThat(CATALOGUE.latest("headache")).get().extracting(Pathway::version).isEqualTo(2);
        assertThat(CATALOGUE.version("headache", 1)).get().extracting(p -> p.nodes().containsKey("q-neurological"))
                .isEqualTo(false);
        assertThat(CATALOGUE.version("headache", 2)).get().extracting(p -> p.nodes().containsKey("q-neurological"))
                .isEqualTo(true);
        assertThat(CATALOGUE.version("headache", 3)).isEmpty();
    }
}
