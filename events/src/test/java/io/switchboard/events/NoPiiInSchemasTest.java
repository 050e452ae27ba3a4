package io.switchboard.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No payload may carry a caller's number or an NHS number: no schema (current or published) declares a property
 * named like one, and every property holding an identity token is constrained to the token pattern, so a number
 * put there by mistake fails validation.
 */
class NoPiiInSchemasTest {

    /** Whole camel-case words that name telephone numbers or patient identifiers. */
    private static final Set<String> FORBIDDEN_WORDS = Set.of(
            "phone", "telephone", "tel", "mobile", "msisdn", "cli", "ani", "dnis", "dob", "nhs", "chi", "surname",
            "forename", "firstname", "lastname", "email");
    /** Substrings of the lower-cased name that do the same whatever the word boundaries. */
    private static final List<String> FORBIDDEN_FRAGMENTS = List.of(
            "phone", "msisdn", "callerid", "callernum", "callingnum", "nhsnum", "nhsno", "dateofbirth", "birthdate",
            "callerno", "fromnumber", "cidnum", "cidname");

    private static final String TOKEN_PATTERN = "^" + Pseudonymiser.TOKEN_PATTERN.pattern() + "$";

    @Test
    void noPropertyIsNamedLikeAPhoneNumberOrNhsNumber() {
        List<String> offending = new ArrayList<>();
        forEachSchema((name, schema) -> SchemaWalk.properties(schema, (path, property) -> {
            String propertyName = path.substring(path.lastIndexOf('.') + 1);
            if (looksLikePii(propertyName)) {
                offending.add(name + " " + path);
            }
        }));
        assertThat(offending).isEmpty();
    }

    @Test
    void theCheckRecognisesTheUsualNames() {
        assertThat(Stream.of("callerNumber", "callerIdNum", "CallerIDNum", "phone", "phoneNumber", "msisdn", "nhsNumber",
                "nhs_number", "cli", "callerCli", "ani", "dateOfBirth", "mobile", "telephoneNumber"))
                .allMatch(NoPiiInSchemasTest::looksLikePii);
        assertThat(Stream.of("callerToken", "callId", "transferredToClinician", "clinicianQueue", "agentId", "name",
                "handlerId", "queuePosition", "abandonedAfter30sShare", "client"))
                .noneMatch(NoPiiInSchemasTest::looksLikePii);
    }

    @Test
    void everyTokenPropertyHasTheTokenPattern() {
        List<String> unconstrained = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        forEachSchema((name, schema) -> SchemaWalk.properties(schema, (path, property) -> {
            String propertyName = path.substring(path.lastIndexOf('.') + 1);
            if (isToken(propertyName)) {
                seen.add(propertyName);
                JsonNode resolved = SchemaWalk.resolve(schema, property);
                if (!"string".equals(resolved.path("type").asText())
                        || !TOKEN_PATTERN.equals(resolved.path("pattern").asText())) {
                    unconstrained.add(name + " " + path + " " + resolved.path("pattern"));
                }
            }
        }));
        assertThat(unconstrained).isEmpty();
        assertThat(seen).contains("callerToken", "agentId", "handlerId");
    }

    @Test
    void pseudonymiserTokensMatchTheSchemaPattern() {
        assertThat(Samples.CALLER).matches(TOKEN_PATTERN).startsWith("caller:");
        assertThat(Samples.AGENT).matches(TOKEN_PATTERN).startsWith("agent:");
        assertThat(Samples.PSEUDONYMISER.pseudonymise("nhs-number", "943 476 5919")).matches(TOKEN_PATTERN);
    }

    @Test
    void noSamplePayloadContainsTheCallerNumber() {
        String digits = Samples.CALLER_NUMBER.replaceAll("[^0-9]", "");
        Samples.byTopic().values().stream().flatMap(List::stream).map(EventJson::toJson).forEach(json -> {
            assertThat(json).doesNotContain(digits).doesNotContain(digits.substring(2)).doesNotContain("7700 900123");
        });
    }

    static boolean looksLikePii(String name) {
        String lower = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        if (FORBIDDEN_FRAGMENTS.stream().anyMatch(lower::contains)) {
            return true;
        }
        return Arrays.stream(name.split("(?<=[a-z0-9])(?=[A-Z])|[_\\-]"))
                .map(w -> w.toLowerCase(Locale.ROOT))
                .anyMatch(FORBIDDEN_WORDS::contains);
    }

    static boolean isToken(String name) {
        return name.endsWith("Token") || name.equals("agentId") || name.equals("handlerId")
                || name.endsWith("AgentId") || name.endsWith("HandlerId");
    }

    private static void forEachSchema(java.util.function.BiConsumer<String, JsonNode> action) {
        Function<String, JsonNode> published = SchemaCompatibility::publishedSchema;
        for (Topics.TopicSpec spec : Topics.ALL) {
            action.accept(spec.name(), EventSchemas.schemaDocument(spec.name()));
            action.accept("published " + spec.name(), published.apply(spec.name()));
        }
    }
}
