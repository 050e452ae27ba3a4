package io.switchboard.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventSchemasTest {

    static Stream<Arguments> samples() {
        return Samples.byTopic().entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(sample -> Arguments.of(e.getKey(), sample)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("samples")
    void everySampleEventIsValid(String topic, Object sample) {
        assertThat(EventSchemas.validate(topic, EventJson.toTree(sample))).isEmpty();
    }

    @Test
    void samplesCoverEveryTopic() {
        assertThat(Samples.byTopic().keySet())
                .containsExactlyInAnyOrderElementsOf(Topics.ALL.stream().map(Topics.TopicSpec::name).toList());
        Topics.ALL.forEach(spec -> assertThat(Samples.byTopic().get(spec.name())).allSatisfy(
                sample -> assertThat(sample).isInstanceOf(spec.payload())));
    }

    @Test
    void schemaIdIsTheDataSchemaUri() {
        for (Topics.TopicSpec spec : Topics.ALL) {
            JsonNode schema = EventSchemas.schemaDocument(spec.name());
            assertThat(schema.path("$id").asText()).isEqualTo(CloudEventHeaders.dataSchemaOf(spec.name()));
            assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(schema.path("title").asText()).contains(spec.name());
            assertThat(schema.has("additionalProperties")).as("consumers must tolerate additions").isFalse();
        }
    }

    /** The schema describes exactly the record: same property names, JSON types and enum values, recursively. */
    @Test
    void schemasDescribeExactlyTheRecords() {
        List<String> problems = new ArrayList<>();
        for (Topics.TopicSpec spec : Topics.ALL) {
            JsonNode schema = EventSchemas.schemaDocument(spec.name());
            compareRecord(spec.name(), "$", spec.payload(), schema, schema, problems);
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyPropertyIsDescribed() {
        List<String> missing = new ArrayList<>();
        for (Topics.TopicSpec spec : Topics.ALL) {
            JsonNode schema = EventSchemas.schemaDocument(spec.name());
            assertThat(schema.path("description").asText()).as(spec.name()).isNotBlank();
            SchemaWalk.properties(schema, (path, property) -> {
                if (property.path("description").asText().isBlank()) {
                    missing.add(spec.name() + " " + path);
                }
            });
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void missingRequiredFieldIsReported() {
        ObjectNode event = tree(Samples.lifecycle(CallStep.OFFERED));
        event.remove("callId");
        assertInvalid(Topics.CALLS_LIFECYCLE, event, "callId");
    }

    @Test
    void unknownEnumValueIsReported() {
        ObjectNode event = tree(Samples.lifecycle(CallStep.OFFERED));
        event.put("step", "hung-up");
        assertInvalid(Topics.CALLS_LIFECYCLE, event, "step");
    }

    @Test
    void answeredWithoutAgentIsReported() {
        ObjectNode event = tree(Samples.lifecycle(CallStep.ANSWERED));
        event.remove("agentId");
        assertInvalid(Topics.CALLS_LIFECYCLE, event, "agentId");
    }

    @Test
    void conditionalRequirementsAreEnforced() {
        assertInvalid(Topics.CALLS_LIFECYCLE, without(Samples.lifecycle(CallStep.ABANDONED), "waitSeconds"), "waitSeconds");
        assertInvalid(Topics.CALLS_LIFECYCLE, without(Samples.lifecycle(CallStep.TIMED_OUT), "queue"), "queue");
        assertInvalid(Topics.CALLS_LIFECYCLE, without(Samples.lifecycle(CallStep.TRANSFERRED), "transferTarget"),
                "transferTarget");
        assertInvalid(Topics.CALLS_LIFECYCLE, without(Samples.lifecycle(CallStep.ENDED), "reason"), "reason");
        assertInvalid(Topics.CALLS_LIFECYCLE, without(Samples.lifecycle(CallStep.CONTINGENCY_ROUTED), "reason"), "reason");
        assertInvalid(Topics.TRIAGE_OUTCOMES, without(Samples.triage(TriageStatus.DISPOSITION_REACHED), "disposition"),
                "disposition");
        assertInvalid(Topics.TRIAGE_OUTCOMES, without(Samples.triage(TriageStatus.INCOMPLETE), "incompleteReason"),
                "incompleteReason");
        assertInvalid(Topics.CALLS_OUTCOMES, without(Samples.outcome(CallOutcomeEvent.Result.SERVICE_CHOSEN), "service"),
                "service");
        assertInvalid(Topics.CALLS_OUTCOMES,
                without(Samples.outcome(CallOutcomeEvent.Result.NO_SERVICE_FOUND), "noServiceReason"), "noServiceReason");
        assertInvalid(Topics.ROUTING_COMMANDS, without(Samples.command(RoutingCommandKind.ENGAGE_CONTINGENCY), "region"),
                "region");
        assertInvalid(Topics.ROUTING_COMMANDS, without(Samples.command(RoutingCommandKind.TRANSFER_CALL), "targetQueue"),
                "targetQueue");
        assertInvalid(Topics.ROUTING_COMMANDS, without(Samples.command(RoutingCommandKind.TRANSFER_CALL), "callId"),
                "callId");
    }

    @Test
    void malformedDateTimeIsReported() {
        ObjectNode event = tree(Samples.lifecycle(CallStep.OFFERED));
        event.put("occurredAt", "21/06/2025 09:13");
        assertInvalid(Topics.CALLS_LIFECYCLE, event, "occurredAt");
        event.put("occurredAt", "2025-06-21T09:13:20"); // no offset: not RFC 3339
        assertInvalid(Topics.CALLS_LIFECYCLE, event, "occurredAt");
    }

    @Test
    void rfc3339WithOffsetIsAccepted() {
        ObjectNode event = tree(Samples.lifecycle(CallStep.OFFERED));
        event.put("occurredAt", "2025-06-21T10:13:20+01:00");
        assertThat(EventSchemas.validate(Topics.CALLS_LIFECYCLE, event)).isEmpty();
    }

    @Test
    void badCallIdIsReported() {
        ObjectNode event = tree(Samples.lifecycle(CallStep.OFFERED));
        event.put("callId", "1718960000.1234");
        assertInvalid(Topics.CALLS_LIFECYCLE, event, "callId");
        event.put("callId", "PBX_1:1718960000.1234");
        assertInvalid(Topics.CALLS_LIFECYCLE, event, "callId");
    }

    @Test
    void callerNumberInCallerTokenIsReported() {
        ObjectNode event = tree(Samples.lifecycle(CallStep.OFFERED));
        event.put("callerToken", "+447700900123");
        assertInvalid(Topics.CALLS_LIFECYCLE, event, "callerToken");
        event.put("callerToken", "caller:07700900123");
        assertInvalid(Topics.CALLS_LIFECYCLE, event, "callerToken");
    }

    @Test
    void wrongTypeIsReported() {
        ObjectNode event = tree(Samples.kpi());
        ((ObjectNode) event.get("figures")).put("offered", "120");
        assertInvalid(Topics.KPI_SNAPSHOTS, event, "offered");
    }

    @Test
    void requireValidThrowsNamingTheTopicAndField() {
        ObjectNode event = tree(Samples.outcome(CallOutcomeEvent.Result.ABANDONED));
        event.remove("result");
        assertThatThrownBy(() -> EventSchemas.requireValid(Topics.CALLS_OUTCOMES, event))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining(Topics.CALLS_OUTCOMES)
                .hasMessageContaining("result");
    }

    @Test
    void unknownPropertiesAreAllowed() {
        ObjectNode event = tree(Samples.outcome(CallOutcomeEvent.Result.ABANDONED));
        event.put("addedInV1Point3", "something");
        assertThat(EventSchemas.validate(Topics.CALLS_OUTCOMES, event)).isEmpty();
    }

    @Test
    void deadLetterTopicsHaveNoSchema() {
        assertThatThrownBy(() -> EventSchemas.schemaDocument(Topics.deadLetterOf(Topics.CALLS_LIFECYCLE)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertInvalid(String topic, JsonNode event, String field) {
        List<String> errors = EventSchemas.validate(topic, event);
        assertThat(errors).as("validation of %s", event).isNotEmpty();
        assertThat(errors).as("errors name %s", field).anyMatch(message -> message.contains(field));
    }

    private static ObjectNode tree(Object event) {
        return (ObjectNode) EventJson.toTree(event);
    }

    private static ObjectNode without(Object event, String field) {
        ObjectNode tree = tree(event);
        assertThat(tree.has(field)).as("sample has %s", field).isTrue();
        tree.remove(field);
        return tree;
    }

    // --- record/schema comparison ---------------------------------------------------------------------------------

    private static void compareRecord(String topic, String path, Class<?> type, JsonNode root, JsonNode schema,
            List<String> problems) {
        JsonNode object = SchemaWalk.resolve(root, schema);
        Set<String> components = new TreeSet<>(Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList());
        Set<String> properties = new TreeSet<>();
        object.path("properties").fieldNames().forEachRemaining(properties::add);
        if (!components.equals(properties)) {
            problems.add(topic + " " + path + ": record " + type.getSimpleName() + " has " + components
                    + " but the schema has " + properties);
        }
        for (RecordComponent component : type.getRecordComponents()) {
            JsonNode property = object.path("properties").path(component.getName());
            if (property.isMissingNode()) {
                continue;
            }
            compareType(topic, path + "." + component.getName(), component.getType(), component.getGenericType(), root,
                    SchemaWalk.resolve(root, property), problems);
        }
        for (Iterator<JsonNode> it = object.path("required").elements(); it.hasNext(); ) {
            String name = it.next().asText();
            if (!components.contains(name)) {
                problems.add(topic + " " + path + ": requires " + name + " which the record does not have");
            }
        }
    }

    private static void compareType(String topic, String path, Class<?> type, Type generic, JsonNode root,
            JsonNode property, List<String> problems) {
        String expected;
        if (type == String.class || type == Instant.class || type.isEnum()) {
            expected = "string";
        } else if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            expected = "integer";
        } else if (type == double.class || type == Double.class) {
            expected = "number";
        } else if (type == boolean.class || type == Boolean.class) {
            expected = "boolean";
        } else if (type.isRecord() || Map.class.isAssignableFrom(type)) {
            expected = "object";
        } else {
            problems.add(topic + " " + path + ": no mapping for Java type " + type.getName());
            return;
        }
        if (!expected.equals(property.path("type").asText())) {
            problems.add(topic + " " + path + ": Java " + type.getSimpleName() + " is JSON " + expected
                    + " but the schema says " + property.path("type"));
        }
        if (type == Instant.class && !"date-time".equals(property.path("format").asText())) {
            problems.add(topic + " " + path + ": an Instant must have format date-time");
        }
        if (type.isEnum()) {
            List<String> wireNames = Arrays.stream(type.getEnumConstants())
                    .map(c -> EventJson.mapper().convertValue(c, String.class)).toList();
            List<String> schemaValues = new ArrayList<>();
            property.path("enum").forEach(v -> schemaValues.add(v.asText()));
            if (!wireNames.equals(schemaValues)) {
                problems.add(topic + " " + path + ": enum " + schemaValues + " but Java has " + wireNames);
            }
        }
        if (type.isRecord()) {
            compareRecord(topic, path, type, root, property, problems);
        }
        if (Map.class.isAssignableFrom(type) && generic instanceof ParameterizedType parameterized) {
            Type valueType = parameterized.getActualTypeArguments()[1];
            if (valueType instanceof Class<?> valueClass) {
                compareType(topic, path + ".*", valueClass, valueClass, root, property.path("additionalProperties"),
                        problems);
            }
        }
    }
}
