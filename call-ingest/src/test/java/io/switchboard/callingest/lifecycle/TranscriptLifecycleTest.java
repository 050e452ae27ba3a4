package io.switchboard.callingest.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.amireplay.AmiMessage;
import io.switchboard.amireplay.AmiTranscript;
import io.switchboard.amireplay.RecordedMessage;
import io.switchboard.callingest.GroundTruth;
import io.switchboard.callingest.ami.AmiFrame;
import io.switchboard.callingest.ami.AmiFrameParser;
import io.switchboard.events.AgentState;
import io.switchboard.events.AgentStateEvent;
import io.switchboard.events.CallLifecycleEvent;
import io.switchboard.events.CallStep;
import io.switchboard.events.EventJson;
import io.switchboard.events.EventSchemas;
import io.switchboard.events.Pseudonymiser;
import io.switchboard.events.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The trackers fed with every recorded scenario, message by message, against the recordings' ground truth. */
class TranscriptLifecycleTest {

    static final Pseudonymiser PSEUDONYMISER = new Pseudonymiser("test-key-of-sufficient-length");

    static List<String> scenarios() {
        return AmiTranscript.SCENARIOS;
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void everyCallerGetsExactlyTheRecordedLifecycle(String scenario) {
        Recorded recorded = replay(scenario);

        Map<String, List<String>> actual = byCaller(recorded.calls());
        Map<String, List<String>> expected = new LinkedHashMap<>();
        GroundTruth.BY_SCENARIO.get(scenario).forEach((number, steps) ->
                expected.put(PSEUDONYMISER.caller(number), steps));
        assertThat(actual).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void eventsAreValidNumberedOnceEachAndEndEveryCall(String scenario) {
        Recorded recorded = replay(scenario);

        Set<String> ids = new HashSet<>();
        Map<String, List<CallLifecycleEvent>> byCall = recorded.calls().stream()
                .collect(Collectors.groupingBy(CallLifecycleEvent::callId, LinkedHashMap::new, Collectors.toList()));
        for (List<CallLifecycleEvent> call : byCall.values()) {
            for (int i = 0; i < call.size(); i++) {
                assertThat(call.get(i).sequence()).isEqualTo(i + 1);
            }
            assertThat(call.get(0).step()).isEqualTo(CallStep.OFFERED);
            assertThat(call.stream().filter(e -> e.step() == CallStep.ENDED)).hasSize(1);
            assertThat(call.get(call.size() - 1).step()).isEqualTo(CallStep.ENDED);
        }
        for (CallLifecycleEvent event : recorded.calls()) {
            assertThat(ids.add(event.eventId())).as("unique event id %s", event).isTrue();
            assertThat(EventSchemas.validate(Topics.CALLS_LIFECYCLE, EventJson.toTree(event))).isEmpty();
            assertThat(EventJson.toJson(event)).doesNotContain("4930");
        }
        for (AgentStateEvent event : recorded.agents()) {
            assertThat(EventSchemas.validate(Topics.AGENTS_STATE, EventJson.toTree(event))).isEmpty();
        }
    }

    @Test
    void replayingTheSameStreamGivesTheSameEventIds() {
        List<String> first = replay("g_burst").calls().stream().map(CallLifecycleEvent::eventId).toList();
        List<String> second = replay("g_burst").calls().stream().map(CallLifecycleEvent::eventId).toList();
        assertThat(second).isEqualTo(first);
    }

    @Test
    void pausesCarryTheirReasonAndPausesThatChangeNothingAreNotRepeated() {
        List<AgentStateEvent> agents = replay("f_pause_unpause").agents();
        String agent1 = PSEUDONYMISER.agent("PJSIP/agent1");
        String agent2 = PSEUDONYMISER.agent("PJSIP/agent2");

        List<String> agent1States = agents.stream().filter(a -> a.agentId().equals(agent1))
                .map(a -> a.state().wireName() + (a.reason() == null ? "" : "(" + a.reason() + ")")).toList();
        assertThat(agent1States).startsWith("available", "paused(Lunch)", "available");
        assertThat(agents.stream().filter(a -> a.agentId().equals(agent2) && a.state() == AgentState.PAUSED))
                .extracting(AgentStateEvent::reason).containsExactly("Training");
        for (int i = 1; i < agent1States.size(); i++) {
            assertThat(agent1States.get(i)).as("no repeated state").isNotEqualTo(agent1States.get(i - 1));
        }
    }

    @Test
    void agentsPausedForTheTimeoutScenarioArePausedWithItsReason() {
        List<AgentStateEvent> paused = replay("d_timeout_contingency").agents().stream()
                .filter(a -> a.state() == AgentState.PAUSED).toList();
        assertThat(paused).hasSize(3).allSatisfy(a -> assertThat(a.reason()).isEqualTo("scenario-d"));
    }

    record Recorded(List<CallLifecycleEvent> calls, List<AgentStateEvent> agents) {
    }

    static Recorded replay(String scenario) {
        List<CallLifecycleEvent> calls = new ArrayList<>();
        List<AgentStateEvent> agents = new ArrayList<>();
        LifecycleSink sink = new LifecycleSink() {
            @Override
            public void call(CallLifecycleEvent event) {
                calls.add(event);
            }

            @Override
            public void agent(AgentStateEvent event) {
                agents.add(event);
            }
        };
        LineDirectory lines = LineDirectory.single("demo-provider", "north-west");
        CallTracker tracker = new CallTracker("pbx-test", lines, PSEUDONYMISER, List.of("PJSIP/contingency"),
                Set.of(), sink);
        AgentStateTracker agentTracker = new AgentStateTracker("pbx-test", lines, PSEUDONYMISER, sink);
        for (RecordedMessage message : AmiTranscript.load(scenario).events()) {
            AmiFrame frame = toFrame(message);
            if (CallTracker.HANDLED.contains(frame.event())) {
                tracker.onFrame(frame);
            } else if (AgentStateTracker.HANDLED.contains(frame.event())) {
                agentTracker.onFrame(frame);
            }
        }
        return new Recorded(calls, agents);
    }

    static AmiFrame toFrame(RecordedMessage message) {
        List<String> lines = new ArrayList<>();
        for (AmiMessage.Header header : message.message().headers()) {
            lines.add(header.name() + ": " + header.value());
        }
        return AmiFrameParser.parse(lines, Instant.ofEpochMilli(Math.round(message.recordedAt() * 1000)));
    }

    static Map<String, List<String>> byCaller(List<CallLifecycleEvent> events) {
        Map<String, List<String>> byCaller = new LinkedHashMap<>();
        for (CallLifecycleEvent e : events) {
            byCaller.computeIfAbsent(e.callerToken(), k -> new ArrayList<>()).add(GroundTruth.render(e));
        }
        return byCaller;
    }
}
