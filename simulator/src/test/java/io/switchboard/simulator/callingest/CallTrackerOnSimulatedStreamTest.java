package io.switchboard.simulator.callingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.amireplay.AmiMessage;
import io.switchboard.amireplay.AmiTranscript;
import io.switchboard.amireplay.RecordedMessage;
import io.switchboard.callingest.ami.AmiFrame;
import io.switchboard.callingest.lifecycle.AgentStateTracker;
import io.switchboard.callingest.lifecycle.CallTracker;
import io.switchboard.callingest.lifecycle.LifecycleSink;
import io.switchboard.callingest.lifecycle.LineDirectory;
import io.switchboard.events.AgentStateEvent;
import io.switchboard.events.CallLifecycleEvent;
import io.switchboard.events.CallStep;
import io.switchboard.events.Pseudonymiser;
import io.switchboard.simulator.ArrivalProfile;
import io.switchboard.simulator.CallTruth;
import io.switchboard.simulator.Roster;
import io.switchboard.simulator.Simulation;
import io.switchboard.simulator.SimulationConfig;
import io.switchboard.simulator.TestScenarios;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The simulator's AMI stream through call-ingest's own CallTracker (the class the real adapter runs): it must
 * build, for every simulated call, the lifecycle the ground truth describes, and for the nine recorded scenarios the
 * same lifecycles as from the real recordings. Compiled only with {@code -Pwith-call-ingest}.
 */
class CallTrackerOnSimulatedStreamTest {

    static final Pseudonymiser PSEUDONYMISER = new Pseudonymiser("simulator-test-key-0123456789");

    /** A tracker fed message by message, as call-ingest's FrameProcessor feeds it. */
    static final class Tracked implements LifecycleSink {
        final List<CallLifecycleEvent> calls = new ArrayList<>();
        final List<AgentStateEvent> agents = new ArrayList<>();
        final CallTracker tracker = new CallTracker("pbx-sim", LineDirectory.single("sim-provider", "sim-region"),
                PSEUDONYMISER, List.of("PJSIP/contingency"), Set.of(), this);
        final AgentStateTracker agentTracker = new AgentStateTracker("pbx-sim",
                LineDirectory.single("sim-provider", "sim-region"), PSEUDONYMISER, this);

        @Override
        public void call(CallLifecycleEvent event) {
            calls.add(event);
        }

        @Override
        public void agent(AgentStateEvent event) {
            agents.add(event);
        }

        void feed(AmiMessage message, Instant receivedAt) {
            Map<String, String> headers = new LinkedHashMap<>();
            for (AmiMessage.Header h : message.headers()) {
                headers.putIfAbsent(h.name(), h.value().trim());
            }
            AmiFrame frame = new AmiFrame(headers, receivedAt, message.toString());
            if (CallTracker.HANDLED.contains(frame.event())) {
                tracker.onFrame(frame);
            } else if (AgentStateTracker.HANDLED.contains(frame.event())) {
                agentTracker.onFrame(frame);
            }
        }

        Map<String, List<CallLifecycleEvent>> byCall() {
            Map<String, List<CallLifecycleEvent>> result = new LinkedHashMap<>();
            for (CallLifecycleEvent e : calls) {
                result.computeIfAbsent(e.callId(), k -> new ArrayList<>()).add(e);
            }
            return result;
        }

        Map<String, List<String>> byCaller() {
            Map<String, List<String>> result = new LinkedHashMap<>();
            for (CallLifecycleEvent e : calls) {
                result.computeIfAbsent(e.callerToken(), k -> new ArrayList<>()).add(render(e));
            }
            return result;
        }
    }

    /** A lifecycle step without ids, times and the handler's identity. */
    static String render(CallLifecycleEvent e) {
        return e.step().wireName() + (e.queue() == null ? "" : " queue=" + e.queue())
                + (e.waitSeconds() == null ? "" : " wait=" + e.waitSeconds())
                + (e.talkSeconds() == null ? "" : " talk=" + e.talkSeconds())
                + (e.queuePosition() == null ? "" : " pos=" + e.queuePosition())
                + (e.transferTarget() == null ? "" : " to=" + e.transferTarget())
                + (e.reason() == null ? "" : " reason=" + e.reason());
    }

    static List<String> scenarios() {
        return AmiTranscript.SCENARIOS;
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void theRecordingAndItsSimulationGiveTheSameLifecycles(String scenario) {
        Tracked real = new Tracked();
        for (RecordedMessage m : AmiTranscript.load(scenario).events()) {
            if (!m.message().has("ActionID")) {
                real.feed(m.message(), Instant.ofEpochMilli(Math.round(m.recordedAt() * 1000)));
            }
        }
        Tracked simulated = new Tracked();
        for (AmiMessage m : TestScenarios.recorded(scenario)) {
            simulated.feed(m, Instant.EPOCH);
        }
        assertThat(simulated.byCaller()).isEqualTo(real.byCaller());
        assertThat(real.byCaller()).isNotEmpty();
    }

    @Test
    void everySimulatedCallGetsTheLifecycleOfItsGroundTruth() {
        SimulationConfig config = SimulationConfig.builder().seed(99).duration(Duration.ofHours(3))
                .arrivals(ArrivalProfile.flat(300)).roster(Roster.flat(22, 5)).ringNoAnswerProbability(0.05)
                .breakEvery(Duration.ofMinutes(90)).breakLength(io.switchboard.simulator.Distribution.fixed(600))
                .build();
        Simulation sim = new Simulation(config);
        Tracked tracked = new Tracked();
        sim.addListener(m -> tracked.feed(m, Instant.EPOCH));
        sim.withModel(m -> {
            m.at(3600, () -> m.setGlobal("CONTINGENCY", "1"));
            m.at(4500, () -> m.setGlobal("CONTINGENCY", "0"));
            return null;
        });
        sim.runToEnd();

        List<CallTruth> truth = sim.groundTruth().calls();
        Map<String, List<CallLifecycleEvent>> lifecycles = tracked.byCall();
        assertThat(lifecycles).hasSameSizeAs(truth);
        Map<CallTruth.Outcome, Integer> seen = new java.util.EnumMap<>(CallTruth.Outcome.class);
        for (CallTruth call : truth) {
            List<CallLifecycleEvent> steps = lifecycles.get("pbx-sim:" + call.linkedid());
            assertThat(steps).as("lifecycle of %s", call).isNotNull();
            String what = call.toJson();
            assertThat(steps.get(0).step()).as(what).isEqualTo(CallStep.OFFERED);
            assertThat(steps.get(steps.size() - 1).step()).as(what).isEqualTo(CallStep.ENDED);
            assertThat(steps.stream().filter(s -> s.step() == CallStep.ENDED)).as(what).hasSize(1);
            seen.merge(call.outcome(), 1, Integer::sum);
            switch (call.outcome()) {
                case ANSWERED, TRANSFERRED -> {
                    CallLifecycleEvent answered = first(steps, CallStep.ANSWERED);
                    assertThat(answered.queue()).as(what).isEqualTo("triage");
                    assertThat(answered.waitSeconds()).as(what).isEqualTo(call.pbxHoldTime().doubleValue());
                    if (call.outcome() == CallTruth.Outcome.TRANSFERRED) {
                        assertThat(first(steps, CallStep.TRANSFERRED).transferTarget()).as(what)
                                .isEqualTo("clinician");
                    } else {
                        assertThat(steps).as(what).noneMatch(s -> s.step() == CallStep.TRANSFERRED);
                    }
                    assertThat(steps).as(what).noneMatch(s -> s.step() == CallStep.CONTINGENCY_ROUTED);
                }
                case ABANDONED -> {
                    CallLifecycleEvent abandoned = first(steps, CallStep.ABANDONED);
                    assertThat(abandoned.waitSeconds()).as(what).isEqualTo(call.pbxHoldTime().doubleValue());
                    assertThat(steps.get(steps.size() - 1).reason()).as(what).isEqualTo("abandoned");
                }
                case TIMED_OUT -> {
                    assertThat(first(steps, CallStep.TIMED_OUT).waitSeconds()).as(what)
                            .isEqualTo(call.pbxHoldTime().doubleValue());
                    assertThat(first(steps, CallStep.CONTINGENCY_ROUTED).reason()).as(what).isEqualTo("queue-timeout");
                    assertThat(steps.get(steps.size() - 1).reason()).as(what).isEqualTo("contingency-complete");
                }
                case CONTINGENCY -> {
                    assertThat(first(steps, CallStep.CONTINGENCY_ROUTED).reason()).as(what).isEqualTo("switch-engaged");
                    assertThat(steps).as(what).noneMatch(s -> s.step() == CallStep.QUEUED);
                }
                default -> throw new IllegalStateException();
            }
        }
        System.out.println("[call-ingest] " + truth.size() + " simulated calls, lifecycles as the ground truth: " + seen);
        assertThat(seen.keySet()).containsExactlyInAnyOrder(CallTruth.Outcome.values());
        assertThat(tracked.agents).isNotEmpty();
    }

    private static CallLifecycleEvent first(List<CallLifecycleEvent> steps, CallStep step) {
        return steps.stream().filter(s -> s.step() == step).findFirst()
                .orElseThrow(() -> new AssertionError("no " + step + " in " + steps.stream()
                        .map(CallTrackerOnSimulatedStreamTest::render).toList()));
    }
}
