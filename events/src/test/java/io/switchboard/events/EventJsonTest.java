package io.switchboard.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventJsonTest {

    static Stream<Object> samples() {
        return Samples.byTopic().values().stream().flatMap(List::stream);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void roundTripGivesTheSameEvent(Object event) {
        assertThat(EventJson.fromBytes(EventJson.toBytes(event), event.getClass())).isEqualTo(event);
        assertThat(EventJson.fromBytes(EventJson.toJson(event).getBytes(StandardCharsets.UTF_8), event.getClass()))
                .isEqualTo(event);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void unknownFieldsAreIgnored(Object event) {
        ObjectNode tree = (ObjectNode) EventJson.toTree(event);
        tree.put("addedInALaterMinorVersion", "x");
        tree.putObject("anotherNewThing").put("nested", 1);
        assertThat(EventJson.fromBytes(EventJson.toBytes(tree), event.getClass())).isEqualTo(event);
    }

    @Test
    void absentOptionalFieldsAreLeftOut() {
        String json = EventJson.toJson(Samples.lifecycle(CallStep.OFFERED));
        assertThat(json).doesNotContain("null").doesNotContain("agentId").doesNotContain("waitSeconds");
        String quiet = EventJson.toJson(Samples.quietKpi());
        assertThat(quiet).doesNotContain("null").doesNotContain("answeredWithin60sShare").contains("\"offered\":0");
    }

    @Test
    void timesAreRfc3339Strings() {
        JsonNode tree = EventJson.toTree(Samples.lifecycle(CallStep.OFFERED));
        assertThat(tree.get("occurredAt").isTextual()).isTrue();
        assertThat(tree.get("occurredAt").asText()).isEqualTo("2025-06-21T09:13:20.123456789Z");
    }

    @Test
    void enumsUseLowerCaseDashWireNames() {
        assertThat(EventJson.toTree(Samples.lifecycle(CallStep.CONTINGENCY_ROUTED)).get("step").asText())
                .isEqualTo("contingency-routed");
        assertThat(EventJson.toTree(Samples.outcome(CallOutcomeEvent.Result.NO_SERVICE_FOUND)).get("result").asText())
                .isEqualTo("no-service-found");
        assertThat(EventJson.toTree(Samples.kpi()).get("window").asText()).isEqualTo("fixed-15m");
        assertThat(EventJson.toTree(Samples.state(RoutingCommandKind.TRANSFER_CALL, RoutingResult.ALREADY_APPLIED))
                .get("result").asText()).isEqualTo("already-applied");
        List<Enum<?>> constants = Stream.<Enum<?>[]>of(CallStep.values(), AgentState.values(), TriageStatus.values(),
                        CallOutcomeEvent.Result.values(), KpiWindow.values(), RoutingCommandKind.values(),
                        RoutingResult.values())
                .<Enum<?>>flatMap(Stream::of).toList();
        for (Enum<?> constant : constants) {
            String wire = constant.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            assertThat(EventJson.toJson(constant)).isEqualTo("\"" + wire + "\"");
            assertThat(EventJson.fromBytes(("\"" + wire + "\"").getBytes(StandardCharsets.UTF_8),
                    constant.getDeclaringClass())).isEqualTo(constant);
        }
    }

    @Test
    void unknownEnumValueIsAnInvalidEventListingTheAllowedValues() {
        ObjectNode tree = (ObjectNode) EventJson.toTree(Samples.lifecycle(CallStep.OFFERED));
        tree.put("step", "on-hold");
        assertThatThrownBy(() -> EventJson.fromBytes(EventJson.toBytes(tree), CallLifecycleEvent.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("on-hold")
                .hasMessageContaining("timed-out");
    }

    @Test
    void garbageIsAnInvalidEventWithAReason() {
        assertThatThrownBy(() -> EventJson.fromBytes("not json {".getBytes(StandardCharsets.UTF_8),
                CallOutcomeEvent.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageStartingWith("not a valid CallOutcomeEvent: ")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> EventJson.fromBytes(new byte[] {(byte) 0xff, 0x00, 0x13}, CallOutcomeEvent.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageStartingWith("not a valid CallOutcomeEvent: ");
        assertThatThrownBy(() -> EventJson.readTree("{".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageStartingWith("not JSON: ");
    }

    @Test
    void emptyOrNullPayloadIsAnInvalidEvent() {
        assertThatThrownBy(() -> EventJson.fromBytes(new byte[0], CallLifecycleEvent.class))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("empty payload");
        assertThatThrownBy(() -> EventJson.fromBytes(null, CallLifecycleEvent.class))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("empty payload");
    }

    @Test
    void nullForAPrimitiveIsAnInvalidEvent() {
        ObjectNode tree = (ObjectNode) EventJson.toTree(Samples.lifecycle(CallStep.OFFERED));
        tree.putNull("sequence");
        assertThatThrownBy(() -> EventJson.fromBytes(EventJson.toBytes(tree), CallLifecycleEvent.class))
                .isInstanceOf(InvalidEventException.class);
    }

    @Test
    void cloudEventTypes() {
        assertThat(Samples.lifecycle(CallStep.TIMED_OUT).cloudEventType())
                .isEqualTo("io.switchboard.calls.lifecycle.v1.timed-out");
        assertThat(Samples.agent(AgentState.LOGGED_IN).cloudEventType()).isEqualTo("io.switchboard.agents.state.v1.logged-in");
        assertThat(Samples.triage(TriageStatus.INCOMPLETE).cloudEventType())
                .isEqualTo("io.switchboard.triage.outcomes.v1.incomplete");
        assertThat(Samples.outcome(CallOutcomeEvent.Result.ABANDONED).cloudEventType())
                .isEqualTo("io.switchboard.calls.outcomes.v1.outcome");
        assertThat(Samples.kpi().cloudEventType()).isEqualTo("io.switchboard.kpi.snapshots.v1.snapshot");
        assertThat(Samples.command(RoutingCommandKind.TRANSFER_CALL).cloudEventType())
                .isEqualTo("io.switchboard.routing.commands.v1.transfer-call");
        assertThat(Samples.state(RoutingCommandKind.ENGAGE_CONTINGENCY, RoutingResult.FAILED).cloudEventType())
                .isEqualTo("io.switchboard.routing.state.v1.failed");
    }

    @Test
    void keys() {
        assertThat(Samples.kpi().key()).isEqualTo("demo-111/yorkshire/call-handler/fixed-15m/2025-06-21T09:00:00Z");
        assertThat(Samples.command(RoutingCommandKind.TRANSFER_CALL).key()).isEqualTo(Samples.CALL_ID);
        assertThat(Samples.command(RoutingCommandKind.ENGAGE_CONTINGENCY).key()).isEqualTo(Samples.REGION);
    }
}
