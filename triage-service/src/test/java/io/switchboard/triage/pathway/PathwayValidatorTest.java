package io.switchboard.triage.pathway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.events.DispositionCatalogue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Load-time validation: each kind of broken content is refused with a message naming the file and the node. */
class PathwayValidatorTest {

    private static final DispositionCatalogue DISPOSITIONS = DispositionCatalogue.shared();

    @Test
    void acceptsAWellFormedPathway() {
        Pathway pathway = fixture("valid.v1.yaml");
        assertThat(pathway.id()).isEqualTo("valid");
        assertThat(pathway.version()).isEqualTo(1);
        assertThat(pathway.start()).isEqualTo("q-red");
        assertThat(pathway.nodes()).containsOnlyKeys("q-red", "q-two", "end-amb", "end-gp", "end-clin");
        assertThat(((Node.End) pathway.node("end-clin")).disposition().transfersToClinician()).isTrue();
        assertThat(pathway.sha256()).isEqualTo(PathwayLoader.sha256(fixtureBytes("valid.v1.yaml")));
    }

    @Test
    void refusesACycle() {
        assertThat(problems("cycle.v1.yaml")).containsExactly(
                "cycle.v1.yaml: node 'q-three': an answer leads back to 'q-two', a cycle: q-two -> q-three -> q-two");
    }

    @Test
    void refusesAnAnswerLeadingNowhere() {
        assertThat(problems("dangling.v1.yaml")).containsExactly(
                "dangling.v1.yaml: node 'q-red': answer 'no' leads to 'q-missing', which is not a node of this pathway");
    }

    @Test
    void refusesANodeThatCannotBeReached() {
        assertThat(problems("unreachable.v1.yaml")).containsExactly(
                "unreachable.v1.yaml: node 'q-orphan': cannot be reached from start 'q-red'");
    }

    @Test
    void refusesAnEndWithoutAKnownDisposition() {
        assertThat(problems("unknown-disposition.v1.yaml")).containsExactly(
                "unknown-disposition.v1.yaml: node 'end-nowhere': disposition 'Dx99' is not in dispositions.json");
    }

    @Test
    void refusesDuplicateNodesAndAnswers() {
        assertThat(problems("duplicate.v1.yaml")).containsExactly(
                "duplicate.v1.yaml: node 'end-amb': is defined twice",
                "duplicate.v1.yaml: node 'q-red': answer 'yes' is defined twice");
    }

    @Test
    void refusesAPathwayWithoutAStart() {
        assertThat(problems("missing-start.v1.yaml")).containsExactly("missing-start.v1.yaml: has no start node");
    }

    @Test
    void redFlagsMustExitStraightToAnEmergencyDisposition() {
        assertThat(problems("red-flag-not-emergency.v1.yaml")).containsExactly(
                "red-flag-not-emergency.v1.yaml: node 'q-red': red-flag answer 'yes' leads to disposition Dx05, which "
                        + "is not an emergency (group ambulance or a-and-e)",
                "red-flag-not-emergency.v1.yaml: node 'q-two': red-flag answer 'yes' must lead straight to an end "
                        + "(an early exit), not to question 'q-red-late'");
    }

    @Test
    void refusesUnknownPropertiesWithTheLine() {
        assertThat(problems("typo.v1.yaml")).singleElement().asString()
                .startsWith("typo.v1.yaml: line 12: unknown property 'nxt' (known here: id, next, redFlag, text)");
    }

    @Test
    void demonstrationContentMustSaySoAndTheFileNameMustMatchIdAndVersion() {
        assertThat(problems("not-demonstration.v1.yaml")).containsExactly(
                "not-demonstration.v1.yaml: must be named no-notice.v1.yaml (id and version): a new version is a new "
                        + "file, published versions never change",
                "not-demonstration.v1.yaml: demonstration content must carry a notice containing \"DEMONSTRATION "
                        + "CONTENT - NOT CLINICALLY ASSURED\"");
    }

    @Test
    void reportsEveryProblemOfAFileAtOnce() {
        String yaml = """
                id: many
                version: 1
                title: Many problems
                demonstrationContent: false
                applicability: {minAgeYears: 20, maxAgeYears: 10, sexes: [female, other]}
                start: end-gp
                nodes:
                  - id: end-gp
                    disposition: Dx05
                  - id: q-lonely
                    question: Only one answer?
                    answers:
                      - {id: "a", text: "A", next: end-gp}
                  - id: Bad_Id
                    question: x
                    answers: []
                """;
        assertThatThrownBy(() -> PathwayLoader.parsePathway("many.v1.yaml", yaml.getBytes(StandardCharsets.UTF_8),
                DISPOSITIONS))
                .isInstanceOf(PathwayValidationException.class)
                .extracting(e -> ((PathwayValidationException) e).problems())
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .containsExactly(
                        "many.v1.yaml: applicability ages must satisfy 0 <= minAgeYears <= maxAgeYears <= 130",
                        "many.v1.yaml: applicability sexes must be some of [female, male, not-known]",
                        "many.v1.yaml: node #3: id must be lower case letters, digits and dashes, got 'Bad_Id'",
                        "many.v1.yaml: node 'q-lonely': a question needs at least two answers, has 1",
                        "many.v1.yaml: has no red-flag exit (an answer with redFlag: true leading to an emergency "
                                + "disposition)",
                        "many.v1.yaml: start 'end-gp' must be a question, not an end",
                        "many.v1.yaml: node 'q-lonely': cannot be reached from start 'end-gp'");
    }

    @Test
    void theMessageListsEveryProblem() {
        assertThatThrownBy(() -> fixture("duplicate.v1.yaml"))
                .hasMessage("Invalid pathway content (2 problems):\n"
                        + "  - duplicate.v1.yaml: node 'end-amb': is defined twice\n"
                        + "  - duplicate.v1.yaml: node 'q-red': answer 'yes' is defined twice");
    }

    @Test
    void aPublishedVersionThatChangedIsRefused(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("valid.v1.yaml"), fixtureBytes("valid.v1.yaml"));
        String realHash = PathwayLoader.sha256(fixtureBytes("valid.v1.yaml"));
        String staleHash = "0".repeat(64);
        Files.writeString(dir.resolve("index.yaml"), "pathways:\n"
                + "  - {file: valid.v1.yaml, sha256: " + staleHash + "}\n");

        assertThatThrownBy(() -> PathwayLoader.load(PathwayLoader.directory(dir)))
                .extracting(e -> ((PathwayValidationException) e).problems())
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .containsExactly("valid.v1.yaml: has changed since it was published (its sha256 is " + realHash
                        + ", index.yaml says " + staleHash + "): published pathway versions are immutable, add a new "
                        + "version instead");

        Files.writeString(dir.resolve("index.yaml"), "pathways:\n"
                + "  - {file: valid.v1.yaml, sha256: " + realHash + "}\n");
        PathwayCatalogue catalogue = PathwayLoader.load(PathwayLoader.directory(dir));
        assertThat(catalogue.latest("valid")).get().extracting(Pathway::sha256).isEqualTo(realHash);
    }

    @Test
    void theIndexMustNameExistingFilesWithTheirHash(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("valid.v1.yaml"), fixtureBytes("valid.v1.yaml"));
        Files.writeString(dir.resolve("index.yaml"), "pathways:\n"
                + "  - {file: valid.v1.yaml}\n  - {file: gone.v1.yaml, sha256: abc}\n  - {file: valid.v1.yaml}\n");

        assertThatThrownBy(() -> PathwayLoader.load(PathwayLoader.directory(dir)))
                .extracting(e -> ((PathwayValidationException) e).problems())
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .containsExactly(
                        "index.yaml: valid.v1.yaml has no sha256; a published version must never change, so record "
                                + "its hash: sha256: " + PathwayLoader.sha256(fixtureBytes("valid.v1.yaml")),
                        "gone.v1.yaml: file not found",
                        "index.yaml: lists valid.v1.yaml twice");
    }

    @Test
    void anIndexThatStillNamesADispositionsFileIsRefused(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("valid.v1.yaml"), fixtureBytes("valid.v1.yaml"));
        Files.writeString(dir.resolve("dispositions.yaml"), "dispositions: []\n");
        Files.writeString(dir.resolve("index.yaml"), "dispositions: dispositions.yaml\npathways:\n"
                + "  - {file: valid.v1.yaml, sha256: " + PathwayLoader.sha256(fixtureBytes("valid.v1.yaml")) + "}\n");

        assertThatThrownBy(() -> PathwayLoader.load(PathwayLoader.directory(dir)))
                .extracting(e -> ((PathwayValidationException) e).problems())
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .containsExactly("index.yaml: names a dispositions file ('dispositions.yaml'), but pathway content no "
                        + "longer defines dispositions: every service uses the one catalogue of the event contract "
                        + "(dispositions.json in switchboard-events, docs/events.md). Remove the 'dispositions' line");
    }

    @Test
    void lineEndingsDoNotChangeTheHash() {
        byte[] lf = "a: 1\nb: 2\n".getBytes(StandardCharsets.UTF_8);
        byte[] crlf = "a: 1\r\nb: 2\r\n".getBytes(StandardCharsets.UTF_8);
        assertThat(PathwayLoader.sha256(crlf)).isEqualTo(PathwayLoader.sha256(lf))
                .isNotEqualTo(PathwayLoader.sha256("a: 1\nb: 3\n".getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> problems(String fixture) {
        try {
            fixture(fixture);
        } catch (PathwayValidationException e) {
            return e.problems();
        }
        throw new AssertionError(fixture + " was accepted");
    }

    private static Pathway fixture(String name) {
        return PathwayLoader.parsePathway(name, fixtureBytes(name), DISPOSITIONS);
    }

    private static byte[] fixtureBytes(String name) {
        return resource("pathway-fixtures/" + name);
    }

    static byte[] resource(String name) {
        try (InputStream in = PathwayValidatorTest.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
