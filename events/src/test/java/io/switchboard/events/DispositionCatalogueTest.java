package io.switchboard.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.events.DispositionCatalogue.Entry;
import io.switchboard.events.DispositionCatalogue.InvalidCatalogueException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one disposition catalogue: its content, its checks, and the table of it in docs/events.md. */
class DispositionCatalogueTest {

    private static final DispositionCatalogue CATALOGUE = DispositionCatalogue.shared();

    @Test
    void everyEntryTravelsOnTheOutcomeTopicsAsWritten() {
        for (Entry entry : CATALOGUE.all()) {
            TriageOutcomeEvent triage = new TriageOutcomeEvent("e-1", "pbx-1:1.1", "a-1",
                    TriageStatus.DISPOSITION_REACHED, entry.toEvent(), null, "p", "1",
                    Instant.parse("2025-06-21T09:00:00Z"), Instant.parse("2025-06-21T09:05:00Z"), null, null, null, true);
            assertThat(EventSchemas.validate(Topics.TRIAGE_OUTCOMES, EventJson.toTree(triage))).as(entry.code())
                    .isEmpty();
            assertThat(entry.toEvent()).isEqualTo(new Disposition(entry.code(), entry.name(),
                    entry.timeframeMinutes(), entry.careSetting(), entry.group()));
        }
    }

    @Test
    void theGroupsAreTheOutcomeSchemasGroups() {
        for (String topic : List.of(Topics.TRIAGE_OUTCOMES, Topics.CALLS_OUTCOMES)) {
            Set<String> groups = new HashSet<>();
            EventSchemas.schemaDocument(topic).at("/$defs/Disposition/properties/group/enum")
                    .forEach(g -> groups.add(g.asText()));
            assertThat(groups).as(topic).isEqualTo(DispositionCatalogue.GROUPS);
        }
    }

    /**
     * The values triage-service and directory-service once disagreed on, as decided with docs/reference: "next
     * working day" is 7200 minutes as for Dx115; the clinician call-back is the 111 service's own clinical
     * assessment (other-service); ambulance categories carry the response standards and need no service.
     */
    @Test
    void theValuesOnceInDisputeAreSettled() {
        assertThat(timeframe("Dx115")).isEqualTo(7200);
        assertThat(timeframe("Dx29")).isEqualTo(7200);
        assertThat(timeframe("Dx81")).isEqualTo(7200);
        assertThat(timeframe("Dx12")).isEqualTo(120);
        assertThat(List.of("SBAMBC1", "SBAMBC2", "SBAMBC3", "SBAMBC4")).map(DispositionCatalogueTest::timeframe)
                .containsExactly(7, 18, 120, 180);
        assertThat(timeframe("SBSELF")).isEqualTo(10080);
        assertThat(entry("Dx35").group()).isEqualTo("other-service");
        assertThat(entry("Dx35").careSetting()).isEqualTo("clinical-assessment");
        assertThat(CATALOGUE.all()).filteredOn(e -> !e.needsService()).extracting(Entry::code)
                .containsExactlyInAnyOrder("SBAMBC1", "SBAMBC2", "SBAMBC3", "SBAMBC4", "SBSELF", "SBCLINNOW", "Dx35");
        assertThat(CATALOGUE.byCode("SBCLINNOW")).get().extracting(Entry::transfersToClinician).isEqualTo(true);
        assertThat(CATALOGUE.all()).filteredOn(Entry::transfersToClinician).hasSize(1);
        assertThat(CATALOGUE.byCode("SBDEN1")).isPresent();
        assertThat(CATALOGUE.byCode("SBDENROUTINE")).isPresent();
    }

    @Test
    void everyDxCodeOfTheReferenceIsInTheCatalogue() throws IOException {
        String reference = Files.readString(Path.of("../docs/reference/dispositions.md"));
        Set<String> codes = new HashSet<>();
        var m = java.util.regex.Pattern.compile("Dx(\\d+)").matcher(reference);
        while (m.find()) {
            codes.add("Dx" + m.group(1));
        }
        // "Dx80 / 85 / 86 / 87" names the last three without the prefix
        codes.addAll(List.of("Dx85", "Dx86", "Dx87"));
        assertThat(codes).hasSizeGreaterThan(25);
        assertThat(CATALOGUE.all()).extracting(Entry::code).filteredOn(c -> c.startsWith("Dx"))
                .containsExactlyInAnyOrderElementsOf(codes);
    }

    @Test
    void projectDefinedCodesHaveTheirReadableAlias() {
        assertThat(CATALOGUE.byCode("SBAMBC1")).get().extracting(Entry::alias).isEqualTo("SB-AMB-C1");
        assertThat(CATALOGUE.all()).filteredOn(d -> d.code().startsWith("SB"))
                .allSatisfy(d -> assertThat(d.alias().replace("-", "")).isEqualTo(d.code()));
        assertThat(CATALOGUE.all()).filteredOn(d -> d.code().startsWith("Dx"))
                .allSatisfy(d -> assertThat(d.alias()).isNull());
    }

    @Test
    void refusesCodesTheEventSchemaWouldRefuseAndReportsEveryProblem() {
        String json = """
                {"dispositions": [
                  {"code": "SB-AMB-C1", "name": "Ambulance", "timeframeMinutes": 7, "careSetting": "emergency-ambulance", "group": "ambulance", "basis": "x"},
                  {"code": "SBX", "alias": "SB-Y", "name": "X", "timeframeMinutes": -1, "careSetting": "Primary Care", "group": "gp", "basis": "x"},
                  {"code": "Dx05", "name": "GP", "timeframeMinutes": 120, "careSetting": "primary-care", "group": "primary-care", "basis": "x", "action": "page-someone"},
                  {"code": "Dx05", "name": "GP again", "timeframeMinutes": 120, "careSetting": "primary-care", "group": "primary-care", "basis": "x"},
                  {"code": "Dx06", "alias": "SB-DX-06", "name": " ", "timeframeMinutes": 360, "careSetting": "primary-care", "group": "primary-care"}
                ]}
                """;
        assertThat(problems(json)).containsExactly(
                "dispositions.json: disposition 'SB-AMB-C1': code must match ^(Dx|SB)[A-Za-z0-9]{1,16}$ (the "
                        + "triage.outcomes.v1 schema)",
                "dispositions.json: disposition 'SBX': alias 'SB-Y' must be the code with dashes added",
                "dispositions.json: disposition 'SBX': timeframeMinutes must be 0 or more",
                "dispositions.json: disposition 'SBX': careSetting must be lower case with dashes, e.g. primary-care",
                "dispositions.json: disposition 'SBX': group must be one of [a-and-e, ambulance, other-service, "
                        + "primary-care, self-care]",
                "dispositions.json: disposition 'Dx05': action 'page-someone' is unknown (known: "
                        + "transfer-to-clinician)",
                "dispositions.json: disposition 'Dx05': is defined twice",
                "dispositions.json: disposition 'Dx06': only project-defined (SB) codes have an alias",
                "dispositions.json: disposition 'Dx06': has no name",
                "dispositions.json: disposition 'Dx06': has no basis (where its timeframe comes from)");
    }

    @Test
    void aCatalogueNeedsTheTransferToAClinician() {
        assertThat(problems("""
                {"dispositions": [{"code": "Dx05", "name": "GP", "timeframeMinutes": 120, "careSetting": "primary-care",
                  "group": "primary-care", "basis": "reference"}]}
                """)).containsExactly("dispositions.json: no disposition has action transfer-to-clinician");
        assertThat(problems("{\"dispositions\": []}")).containsExactly("dispositions.json: has no 'dispositions'");
    }

    @Test
    void unknownPropertiesAreRefusedWithTheirLine() {
        assertThat(problems("""
                {"dispositions": [
                  {"code": "Dx05", "name": "GP", "timeframe": 120}
                ]}
                """)).singleElement().asString().startsWith(
                "dispositions.json: line 2: unknown property 'timeframe' (known here: action, alias, basis, careSetting, "
                        + "code, group, name, timeframeMinutes)");
    }

    @Test
    void theHashFollowsTheContentNotTheLineEndings() {
        byte[] packaged = DispositionCatalogue.packagedBytes();
        String text = new String(packaged, StandardCharsets.UTF_8);
        assertThat(DispositionCatalogue.parse("x", text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8))
                .sha256()).isEqualTo(CATALOGUE.sha256());
        String changed = text.replace("\"timeframeMinutes\": 7,", "\"timeframeMinutes\": 8,");
        assertThat(changed).isNotEqualTo(text);
        assertThat(DispositionCatalogue.parse("x", changed.getBytes(StandardCharsets.UTF_8)).sha256())
                .isNotEqualTo(CATALOGUE.sha256());
    }

    /** docs/events.md has the catalogue as a table for readers outside Switchboard: it must say what the file says. */
    @Test
    void theTableInTheConsumerDocumentationIsTheCatalogue() throws IOException {
        List<String> documented = new ArrayList<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(Path.of("../docs/events.md"))) {
            if (line.startsWith("| code | alias | name | timeframe (minutes) | care setting | group |")) {
                inTable = true;
            } else if (inTable && line.startsWith("| `")) {
                documented.add(line);
            } else if (inTable && !line.startsWith("|")) {
                break;
            }
        }
        List<String> expected = CATALOGUE.all().stream().map(e -> "| `" + e.code() + "` | "
                + (e.alias() == null ? "" : "`" + e.alias() + "`") + " | " + e.name() + " | " + e.timeframeMinutes()
                + " | `" + e.careSetting() + "` | `" + e.group() + "` |").toList();
        assertThat(documented).containsExactlyElementsOf(expected);
    }

    private static List<String> problems(String json) {
        try {
            DispositionCatalogue.parse(DispositionCatalogue.FILE, json.getBytes(StandardCharsets.UTF_8));
        } catch (InvalidCatalogueException e) {
            return e.problems();
        }
        throw new AssertionError("accepted");
    }

    private static Entry entry(String code) {
        return CATALOGUE.byCode(code).orElseThrow(() -> new AssertionError(code + " is not in the catalogue"));
    }

    private static int timeframe(String code) {
        return entry(code).timeframeMinutes();
    }
}
