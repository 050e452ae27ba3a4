package io.switchboard.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** asyncapi.yaml agrees with Topics, EventTypes, CloudEventHeaders and the schema files. */
class AsyncApiDocumentTest {

    private static JsonNode doc;

    /** Who produces each topic (from the design); "external" is other NHS systems. */
    private static final Map<String, Set<String>> SENDERS = Map.of(
            Topics.CALLS_LIFECYCLE, Set.of("call-ingest"),
            Topics.AGENTS_STATE, Set.of("call-ingest"),
            Topics.ROUTING_STATE, Set.of("call-ingest"),
            Topics.TRIAGE_OUTCOMES, Set.of("triage-service"),
            Topics.ROUTING_COMMANDS, Set.of("kpi-service", "triage-service"),
            Topics.KPI_SNAPSHOTS, Set.of("kpi-service"),
            Topics.CALLS_OUTCOMES, Set.of("directory-service"));
    private static final Map<String, Set<String>> RECEIVERS = Map.of(
            Topics.CALLS_LIFECYCLE, Set.of("kpi-service", "triage-service", "directory-service"),
            Topics.AGENTS_STATE, Set.of("kpi-service"),
            Topics.ROUTING_STATE, Set.of("kpi-service"),
            Topics.TRIAGE_OUTCOMES, Set.of("directory-service"),
            Topics.ROUTING_COMMANDS, Set.of("call-ingest"),
            Topics.KPI_SNAPSHOTS, Set.of(),
            Topics.CALLS_OUTCOMES, Set.of("external", "directory-service"));

    /** Topics whose records concern a call (or a command) and carry the optional W3C traceparent header. */
    private static final Set<String> TRACED = Set.of(Topics.CALLS_LIFECYCLE, Topics.TRIAGE_OUTCOMES,
            Topics.CALLS_OUTCOMES, Topics.ROUTING_COMMANDS, Topics.ROUTING_STATE);

    @BeforeAll
    static void parse() throws IOException {
        try (InputStream in = AsyncApiDocumentTest.class.getClassLoader().getResourceAsStream("asyncapi.yaml")) {
            assertThat(in).as("asyncapi.yaml on the classpath").isNotNull();
            doc = new YAMLMapper().readTree(in);
        }
    }

    @Test
    void header() {
        assertThat(doc.path("asyncapi").asText()).isEqualTo("3.0.0");
        assertThat(doc.at("/info/title").asText()).isEqualTo("Switchboard events");
        assertThat(doc.at("/info/version").asText()).isEqualTo("1.0.0");
        assertThat(doc.at("/info/description").asText()).isNotBlank();
        assertThat(doc.path("servers")).isNotEmpty();
        doc.path("servers").forEach(server -> assertThat(server.path("protocol").asText()).isEqualTo("kafka"));
    }

    @Test
    void exactlyOneChannelPerTopicIncludingDeadLetters() {
        List<String> addresses = new ArrayList<>();
        doc.path("channels").forEach(channel -> addresses.add(channel.path("address").asText()));
        assertThat(addresses).containsExactlyInAnyOrderElementsOf(
                Topics.allWithDeadLetters().stream().map(Topics.TopicSpec::name).toList());
    }

    @Test
    void channelBindingsMatchTheTopicSpecs() {
        for (Topics.TopicSpec spec : Topics.allWithDeadLetters()) {
            JsonNode kafka = channel(spec.name()).at("/bindings/kafka");
            assertThat(kafka.path("partitions").asInt()).as(spec.name()).isEqualTo(spec.partitions());
            assertThat(kafka.at("/topicConfiguration/retention.ms").asLong()).as(spec.name())
                    .isEqualTo(spec.retention().toMillis());
            assertThat(kafka.at("/topicConfiguration/cleanup.policy/0").asText()).as(spec.name())
                    .isEqualTo(spec.compacted() ? "compact" : "delete");
        }
    }

    @Test
    void everyPayloadRefResolvesToTheTopicSchema() {
        for (Topics.TopicSpec spec : Topics.ALL) {
            String ref = message(spec.name()).at("/payload/$ref").asText();
            assertThat(ref).isEqualTo("./" + spec.schemaResource());
            assertThat(getClass().getClassLoader().getResource(ref.substring(2))).as(ref).isNotNull();
        }
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);
        refs.stream().filter(r -> !r.startsWith("#")).forEach(ref -> assertThat(
                getClass().getClassLoader().getResource(ref.replaceFirst("^\\./", ""))).as(ref).isNotNull());
    }

    @Test
    void everyLocalRefResolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);
        assertThat(refs).isNotEmpty();
        refs.stream().filter(r -> r.startsWith("#"))
                .forEach(ref -> assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref).isFalse());
    }

    @Test
    void everyCloudEventsTypeIsListedForItsChannelAndNoOther() {
        Map<String, Set<String>> expected = expectedTypes();
        for (Topics.TopicSpec spec : Topics.ALL) {
            Set<String> listed = new TreeSet<>();
            message(spec.name()).at("/headers/properties/ce_type/enum").forEach(v -> listed.add(v.asText()));
            assertThat(listed).as(spec.name()).containsExactlyInAnyOrderElementsOf(expected.get(spec.name()));
            listed.forEach(type -> assertThat(type).startsWith(EventTypes.PREFIX + spec.name() + "."));
        }
    }

    @Test
    void cloudEventsHeadersAreTheOnesProducersWrite() {
        Set<String> written = Set.of(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.ID, CloudEventHeaders.SOURCE,
                CloudEventHeaders.TYPE, CloudEventHeaders.TIME, CloudEventHeaders.SUBJECT, CloudEventHeaders.DATA_SCHEMA,
                CloudEventHeaders.CONTENT_TYPE);
        for (Topics.TopicSpec spec : Topics.ALL) {
            JsonNode headers = message(spec.name()).path("headers");
            Set<String> expected = new TreeSet<>(written);
            if (TRACED.contains(spec.name())) {
                expected.add(CallTrace.HEADER);
                assertThat(headers.at("/properties/traceparent/$ref").asText()).isEqualTo("#/components/schemas/traceparent");
            }
            assertThat(names(headers.path("properties"))).as(spec.name()).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(texts(headers.path("required"))).containsExactlyInAnyOrder(CloudEventHeaders.SPEC_VERSION,
                    CloudEventHeaders.ID, CloudEventHeaders.SOURCE, CloudEventHeaders.TYPE, CloudEventHeaders.CONTENT_TYPE);
            assertThat(headers.at("/properties/ce_dataschema/enum/0").asText())
                    .isEqualTo(CloudEventHeaders.dataSchemaOf(spec.name()));
            assertThat(message(spec.name()).at("/bindings/kafka/key/type").asText()).isEqualTo("string");
            assertThat(message(spec.name()).at("/bindings/kafka/key/description").asText())
                    .contains(spec.key().split("[ /]")[0]);
        }
    }

    @Test
    void traceparentIsDescribedWithThePatternCallTraceReads() {
        JsonNode schema = doc.at("/components/schemas/traceparent");
        assertThat(schema.path("pattern").asText()).isEqualTo("^" + CallTrace.TRACEPARENT.pattern().replace("(", "").replace(")", "") + "$");
        assertThat(schema.path("description").asText()).contains(CallTrace.PREFIX.replace("|", ""));
    }

    @Test
    void deadLetterChannelsDescribeTheDeadLetterHeadersAndRawPayload() {
        JsonNode deadLetterHeaders = doc.at("/components/schemas/deadLetterHeaders");
        assertThat(texts(deadLetterHeaders.path("required"))).containsExactlyInAnyOrder(CloudEventHeaders.DLQ_REASON,
                CloudEventHeaders.DLQ_TOPIC, CloudEventHeaders.DLQ_PARTITION, CloudEventHeaders.DLQ_OFFSET);
        for (Topics.TopicSpec spec : Topics.ALL) {
            JsonNode message = message(Topics.deadLetterOf(spec.name()));
            assertThat(message.at("/headers/allOf/0/$ref").asText()).isEqualTo("#/components/schemas/deadLetterHeaders");
            assertThat(message.at("/headers/allOf/1/properties/dead-letter-topic/enum/0").asText()).isEqualTo(spec.name());
            assertThat(message.at("/payload/type").asText()).isEqualTo("string");
            assertThat(message.at("/payload/format").asText()).isEqualTo("binary");
            assertThat(message.at("/payload/$ref").isMissingNode()).isTrue();
        }
    }

    @Test
    void operationsNameWhoProducesAndConsumesEachTopic() {
        Map<String, Set<String>> senders = new HashMap<>();
        Map<String, Set<String>> receivers = new HashMap<>();
        for (JsonNode operation : doc.path("operations")) {
            String address = doc.at(operation.at("/channel/$ref").asText().substring(1)).path("address").asText();
            String service = operation.at("/tags/0/name").asText();
            assertThat(service).as("operation tagged with its service").isNotBlank();
            assertThat(operation.path("messages")).as(address).isNotEmpty();
            String action = operation.path("action").asText();
            assertThat(action).isIn("send", "receive");
            (action.equals("send") ? senders : receivers).computeIfAbsent(address, a -> new TreeSet<>()).add(service);
        }
        for (Topics.TopicSpec spec : Topics.ALL) {
            assertThat(senders.getOrDefault(spec.name(), Set.of())).as("producers of " + spec.name())
                    .containsExactlyInAnyOrderElementsOf(SENDERS.get(spec.name()));
            assertThat(receivers.getOrDefault(spec.name(), Set.of())).as("consumers of " + spec.name())
                    .containsExactlyInAnyOrderElementsOf(RECEIVERS.get(spec.name()));
            Set<String> internalConsumers = new HashSet<>(RECEIVERS.get(spec.name()));
            internalConsumers.remove("external");
            assertThat(senders.getOrDefault(Topics.deadLetterOf(spec.name()), Set.of()))
                    .as("writers of " + Topics.deadLetterOf(spec.name()))
                    .containsExactlyInAnyOrderElementsOf(internalConsumers);
        }
    }

    /** The examples are what a consumer will copy: they must be valid, typed and self-consistent. */
    @Test
    void examplesAreValidEvents() throws Exception {
        for (Topics.TopicSpec spec : Topics.ALL) {
            JsonNode examples = message(spec.name()).path("examples");
            assertThat(examples).as(spec.name()).isNotEmpty();
            for (JsonNode example : examples) {
                JsonNode payload = example.path("payload");
                JsonNode headers = example.path("headers");
                assertThat(EventSchemas.validate(spec.name(), payload)).as(spec.name()).isEmpty();
                Object event = EventJson.mapper().treeToValue(payload, spec.payload());
                String type = (String) spec.payload().getMethod("cloudEventType").invoke(event);
                assertThat(headers.path(CloudEventHeaders.TYPE).asText()).isEqualTo(type);
                assertThat(expectedTypes().get(spec.name())).contains(type);
                assertThat(headers.path(CloudEventHeaders.DATA_SCHEMA).asText())
                        .isEqualTo(CloudEventHeaders.dataSchemaOf(spec.name()));
                assertThat(headers.path(CloudEventHeaders.ID).asText())
                        .isIn(payload.path("eventId").asText(), payload.path("commandId").asText());
                assertThat(headers.path(CloudEventHeaders.SPEC_VERSION).asText()).isEqualTo("1.0");
                assertThat(headers.path(CloudEventHeaders.SOURCE).asText()).startsWith(CloudEventHeaders.sourceOf(""));
                if (headers.has(CallTrace.HEADER)) {
                    assertThat(TRACED).contains(spec.name());
                    assertThat(CallTrace.traceIdOf(headers.path(CallTrace.HEADER).asText())).as("the call's trace")
                            .isEqualTo(CallTrace.of(payload.path("callId").asText()).traceId());
                }
            }
        }
    }

    private static Map<String, Set<String>> expectedTypes() {
        Map<String, Set<String>> types = new HashMap<>();
        types.put(Topics.CALLS_LIFECYCLE, all(CallStep.values(), EventTypes::callLifecycle));
        types.put(Topics.AGENTS_STATE, all(AgentState.values(), EventTypes::agentState));
        types.put(Topics.TRIAGE_OUTCOMES, all(TriageStatus.values(), EventTypes::triageOutcome));
        types.put(Topics.CALLS_OUTCOMES, Set.of(EventTypes.CALL_OUTCOME));
        types.put(Topics.KPI_SNAPSHOTS, Set.of(EventTypes.KPI_SNAPSHOT));
        types.put(Topics.ROUTING_COMMANDS, all(RoutingCommandKind.values(), EventTypes::routingCommand));
        types.put(Topics.ROUTING_STATE, all(RoutingResult.values(), EventTypes::routingState));
        assertThat(types.keySet()).as("every topic has its types")
                .containsExactlyInAnyOrderElementsOf(Topics.ALL.stream().map(Topics.TopicSpec::name).toList());
        return types;
    }

    private static <E> Set<String> all(E[] values, Function<E, String> type) {
        return new TreeSet<>(Arrays.stream(values).map(type).toList());
    }

    private static JsonNode channel(String address) {
        for (JsonNode channel : doc.path("channels")) {
            if (channel.path("address").asText().equals(address)) {
                return channel;
            }
        }
        throw new AssertionError("no channel for " + address);
    }

    /** The one message of a topic's channel, with its $ref followed. */
    private static JsonNode message(String address) {
        JsonNode messages = channel(address).path("messages");
        assertThat(messages.size()).as(address).isEqualTo(1);
        JsonNode message = messages.elements().next();
        return message.has("$ref") ? doc.at(message.get("$ref").asText().substring(1)) : message;
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (field.getKey().equals("$ref")) {
                    refs.add(field.getValue().asText());
                } else {
                    collectRefs(field.getValue(), refs);
                }
            }
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, refs));
        }
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(v -> texts.add(v.asText()));
        return texts;
    }
}
