package io.switchboard.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SchemaCompatibilityTest {

    static Stream<String> topics() {
        return Topics.ALL.stream().map(Topics.TopicSpec::name);
    }

    /**
     * The gate: a change to a v1 schema that breaks existing consumers fails the build. If it is intended, it
     * belongs on a new topic (.v2); see docs/events.md.
     */
    @ParameterizedTest
    @MethodSource("topics")
    void currentSchemaIsCompatibleWithThePublishedOne(String topic) {
        List<String> breaking = SchemaCompatibility.againstPublished(topic);
        assertThat(breaking)
                .withFailMessage("%s: the current schema breaks existing consumers of the published one:%n  %s",
                        topic, String.join("\n  ", breaking))
                .isEmpty();
    }

    @Test
    void everyTopicHasAPublishedBaselineAndEveryBaselineATopic() throws IOException, URISyntaxException {
        for (String topic : topics().toList()) {
            assertThat(SchemaCompatibility.publishedSchema(topic).path("$id").asText())
                    .isEqualTo(CloudEventHeaders.dataSchemaOf(topic));
        }
        URL folder = getClass().getClassLoader().getResource("schemas/published");
        assertThat(folder).isNotNull();
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(topics().map(t -> t + ".schema.json").toList());
        }
    }

    @Test
    void missingBaselineIsAnError() {
        assertThatThrownBy(() -> SchemaCompatibility.publishedSchema("calls.lifecycle.v2"))
                .hasMessageContaining("no published baseline");
    }

    // --- the checker catches each rule ---------------------------------------------------------------------------

    @Test
    void removedPropertyIsBreaking() {
        assertBreaking(Topics.CALLS_LIFECYCLE, s -> props(s).remove("callerToken"), "$.callerToken", "removed");
    }

    @Test
    void renamedPropertyIsBreaking() {
        assertBreaking(Topics.CALLS_LIFECYCLE, s -> props(s).set("waitSecs", props(s).remove("waitSeconds")),
                "$.waitSeconds", "removed");
    }

    @Test
    void narrowedTypeIsBreaking() {
        assertBreaking(Topics.CALLS_LIFECYCLE, s -> prop(s, "waitSeconds").put("type", "integer"),
                "$.waitSeconds", "type changed from number to integer");
    }

    @Test
    void widenedTypeIsBreaking() {
        assertBreaking(Topics.CALLS_LIFECYCLE, s -> prop(s, "sequence").put("type", "number"),
                "$.sequence", "type changed from integer to number");
    }

    @Test
    void changedTypeIsBreaking() {
        assertBreaking(Topics.CALLS_LIFECYCLE, s -> prop(s, "queue").put("type", "integer"),
                "$.queue", "type changed from string to integer");
    }

    @Test
    void nullNoLongerAllowedIsBreaking() {
        JsonNode published = published(Topics.CALLS_LIFECYCLE);
        prop(published, "queue").set("type", array("string", "null"));
        JsonNode current = published(Topics.CALLS_LIFECYCLE);
        assertThat(SchemaCompatibility.breakingChanges(published, current))
                .containsExactly("$.queue: type changed from [null, string] to string");
    }

    @Test
    void requiredBecomingOptionalIsBreaking() {
        assertBreaking(Topics.CALLS_LIFECYCLE, s -> removeFrom((ArrayNode) s.get("required"), "region"),
                "$.region", "was required, is now optional");
    }

    @Test
    void removedEnumValueIsBreaking() {
        assertBreaking(Topics.CALLS_LIFECYCLE, s -> removeFrom((ArrayNode) prop(s, "step").get("enum"), "timed-out"),
                "$.step", "enum value \"timed-out\" removed");
    }

    @Test
    void changedFormatOrPatternIsBreaking() {
        assertBreaking(Topics.CALLS_LIFECYCLE, s -> prop(s, "occurredAt").remove("format"),
                "$.occurredAt", "format changed from \"date-time\" to (none)");
        assertBreaking(Topics.CALLS_LIFECYCLE, s -> prop(s, "callerToken").put("pattern", "^caller:[0-9a-f]{64}$"),
                "$.callerToken", "pattern changed");
    }

    @Test
    void nestedTypeChangeIsBreaking() {
        assertBreaking(Topics.CALLS_OUTCOMES,
                s -> obj(def(s, "Disposition"), "properties", "timeframeMinutes").put("type", "string"),
                "$.disposition.timeframeMinutes", "type changed from integer to string");
    }

    @Test
    void nestedRemovalAndRequiredChangeAreBreaking() {
        assertBreaking(Topics.CALLS_OUTCOMES, s -> obj(def(s, "ChosenService"), "properties").remove("distanceKm"),
                "$.service.distanceKm", "removed");
        assertBreaking(Topics.CALLS_OUTCOMES, s -> removeFrom((ArrayNode) def(s, "ChosenService").get("required"), "name"),
                "$.service.name", "was required, is now optional");
        assertBreaking(Topics.TRIAGE_OUTCOMES,
                s -> removeFrom((ArrayNode) obj(def(s, "Patient"), "properties", "sex").get("enum"), "not-known"),
                "$.patient.sex", "enum value \"not-known\" removed");
    }

    @Test
    void mapValueTypeChangeIsBreaking() {
        assertBreaking(Topics.ROUTING_COMMANDS,
                s -> obj(prop(s, "figures"), "additionalProperties").put("type", "string"),
                "$.figures.*", "type changed from number to string");
    }

    @Test
    void arrayItemChangeIsBreaking() {
        JsonNode published = json("{\"type\":\"object\",\"properties\":{\"xs\":{\"type\":\"array\","
                + "\"items\":{\"$ref\":\"#/$defs/X\"}}},\"$defs\":{\"X\":{\"type\":\"object\",\"required\":[\"a\"],"
                + "\"properties\":{\"a\":{\"type\":\"integer\"}}}}}");
        JsonNode current = json("{\"type\":\"object\",\"properties\":{\"xs\":{\"type\":\"array\","
                + "\"items\":{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"number\"}}}}}}");
        assertThat(SchemaCompatibility.breakingChanges(published, current)).containsExactlyInAnyOrder(
                "$.xs[].a: type changed from integer to number",
                "$.xs[].a: was required, is now optional");
    }

    @Test
    void weakenedConditionalRequirementIsBreaking() {
        assertBreaking(Topics.CALLS_LIFECYCLE,
                s -> removeFrom((ArrayNode) obj(s.get("allOf").get(0), "then").get("required"), "agentId"),
                "$.agentId", "no longer required when");
        assertBreaking(Topics.CALLS_OUTCOMES, s -> ((ArrayNode) s.get("allOf")).remove(0),
                "$", "conditional requirement removed or its condition changed");
    }

    @Test
    void unresolvableReferenceIsReported() {
        assertBreaking(Topics.CALLS_OUTCOMES, s -> prop(s, "service").put("$ref", "#/$defs/Nowhere"),
                "$.service", "points nowhere");
    }

    @Test
    void compatibleChangesAreNotReported() {
        assertCompatible(Topics.CALLS_LIFECYCLE, s -> props(s).putObject("dialledLine")
                .put("type", "string").put("description", "added optional property"));
        assertCompatible(Topics.CALLS_LIFECYCLE, s -> ((ArrayNode) prop(s, "step").get("enum")).add("on-hold"));
        assertCompatible(Topics.CALLS_LIFECYCLE, s -> {
            props(s).putObject("lineId").put("type", "string").put("description", "added required property");
            ((ArrayNode) s.get("required")).add("lineId");
        });
        assertCompatible(Topics.CALLS_OUTCOMES, s -> prop(s, "result").put("description", "reworded"));
        assertCompatible(Topics.CALLS_OUTCOMES, s -> ((ArrayNode) obj(def(s, "Disposition"), "properties", "group")
                .get("enum")).add("mental-health"));
        assertCompatible(Topics.CALLS_LIFECYCLE, s -> ((ArrayNode) obj(s.get("allOf").get(0), "then").get("required"))
                .add("callerToken"));
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    private static void assertBreaking(String topic, Consumer<ObjectNode> mutation, String path, String text) {
        JsonNode published = published(topic);
        ObjectNode current = published(topic);
        mutation.accept(current);
        List<String> breaking = SchemaCompatibility.breakingChanges(published, current);
        assertThat(breaking).as("breaking changes").isNotEmpty()
                .anySatisfy(message -> assertThat(message).startsWith(path + ":").contains(text));
    }

    private static void assertCompatible(String topic, Consumer<ObjectNode> mutation) {
        ObjectNode current = published(topic);
        mutation.accept(current);
        assertThat(SchemaCompatibility.breakingChanges(published(topic), current)).isEmpty();
    }

    private static ObjectNode published(String topic) {
        return (ObjectNode) SchemaCompatibility.publishedSchema(topic); // a fresh copy each time
    }

    private static ObjectNode props(JsonNode schema) {
        return (ObjectNode) schema.get("properties");
    }

    private static ObjectNode prop(JsonNode schema, String name) {
        return (ObjectNode) schema.get("properties").get(name);
    }

    private static ObjectNode def(JsonNode schema, String name) {
        return (ObjectNode) schema.get("$defs").get(name);
    }

    private static ObjectNode obj(JsonNode node, String... path) {
        JsonNode current = node;
        for (String name : path) {
            current = current.get(name);
        }
        return (ObjectNode) current;
    }

    private static void removeFrom(ArrayNode array, String value) {
        for (int i = 0; i < array.size(); i++) {
            if (array.get(i).asText().equals(value)) {
                array.remove(i);
                return;
            }
        }
        throw new AssertionError(value + " not in " + array);
    }

    private static ArrayNode array(String... values) {
        ArrayNode array = EventJson.mapper().createArrayNode();
        for (String value : values) {
            array.add(value);
        }
        return array;
    }

    private static JsonNode json(String text) {
        try {
            return EventJson.mapper().readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
