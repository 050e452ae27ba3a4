package io.switchboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.amireplay.AmiMessage;
import io.switchboard.amireplay.AmiTranscript;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The simulator against the real Asterisk 22.10.1: each recorded scenario is re-enacted by the model (see
 * {@link RecordedScenarios}) and every caller's stream is compared with the recording's, per Linkedid, ignoring the
 * noise (VarSet, Newexten, RTCP, Cdr) and the identifiers:
 * <ol>
 *   <li>the same events, as a multiset of event types;</li>
 *   <li>for each channel of the call (caller, handler, clinician, Local pair, contingency desk), the same event types
 *       in the same order, AgentComplete aside: app_queue publishes it from its own thread, and the recordings show
 *       it before and after the caller's BridgeLeave for the same kind of call (a_answered, g_burst); its place
 *       relative to what matters is checked by the next point;</li>
 *   <li>what call-ingest's CallTracker reads, in the same global order with the values that steer it (queue,
 *       position, HoldTime, RingTime, TalkTime, Reason, QUEUESTATUS, dial target, hang-up cause);</li>
 *   <li>every event carries exactly the header names, in the order, of that event type in the recordings.</li>
 * </ol>
 * The differences accepted are listed in {@link #ACCEPTED}, each with its reason.
 */
class FidelityTest {

    /** Event types a recorded call has that its simulated twin does not, and why that is accepted. */
    static final Map<String, Map<String, Integer>> ACCEPTED = Map.of(
            // SIPp's handler re-INVITEd after answering, so Asterisk raised Unhold on the handler's channel; no other
            // answered call in the recordings has it.
            "c_blind_transfer", Map.of("Unhold", 1));

    static List<String> scenarios() {
        return AmiTranscript.SCENARIOS;
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void everyCallHasTheRecordedEventsInTheRecordedOrder(String scenario) {
        List<AmiMessage> recorded = AmiEvents.recorded(scenario);
        List<AmiMessage> simulated = RecordedScenarios.run(scenario).events();
        // Callers are paired by number: the model's callers dial from the recorded numbers.
        List<String> recordedCallers = AmiEvents.callers(recorded);
        Map<String, String> simulatedByNumber = new HashMap<>();
        for (String linkedid : AmiEvents.callers(simulated)) {
            simulatedByNumber.put(AmiEvents.callerNumber(simulated, linkedid), linkedid);
        }
        List<String> simulatedCallers = recordedCallers.stream()
                .map(l -> simulatedByNumber.get(AmiEvents.callerNumber(recorded, l))).toList();
        assertThat(simulatedCallers).as("simulated callers").doesNotContainNull();
        assertThat(simulatedCallers).as("callers").hasSameSizeAs(recordedCallers);

        Map<String, Integer> unmatched = new HashMap<>();
        for (int i = 0; i < recordedCallers.size(); i++) {
            List<AmiMessage> real = AmiEvents.withoutNoise(AmiEvents.ofCall(recorded, recordedCallers.get(i)));
            List<AmiMessage> sim = AmiEvents.withoutNoise(AmiEvents.ofCall(simulated, simulatedCallers.get(i)));
            String call = scenario + " caller " + (i + 1);

            Map<String, Integer> missing = AmiEvents.surplus(AmiEvents.types(real), AmiEvents.types(sim));
            Map<String, Integer> extra = AmiEvents.surplus(AmiEvents.types(sim), AmiEvents.types(real));
            assertThat(extra).as("%s: events the recording does not have", call).isEmpty();
            missing.forEach((type, n) -> unmatched.merge(type, n, Integer::sum));

            Set<String> accepted = new HashSet<>(ACCEPTED.getOrDefault(scenario, Map.of()).keySet());
            accepted.add("AgentComplete");
            assertThat(without(AmiEvents.perChannel(sim), Set.of("AgentComplete"))).as("%s: per-channel order", call)
                    .isEqualTo(without(AmiEvents.perChannel(real), accepted));

            assertThat(AmiEvents.callIngestView(AmiEvents.ofCall(simulated, simulatedCallers.get(i))))
                    .as("%s: what call-ingest reads", call)
                    .containsExactlyElementsOf(AmiEvents.callIngestView(AmiEvents.ofCall(recorded,
                            recordedCallers.get(i))));
        }
        assertThat(unmatched).as("recorded events the simulator does not produce")
                .isEqualTo(ACCEPTED.getOrDefault(scenario, Map.of()));
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void everyEventHasTheRecordedHeaderNamesInTheRecordedOrder(String scenario) {
        Map<String, Set<List<String>>> recordedVariants = recordedHeaderNames();
        List<AmiMessage> simulated = RecordedScenarios.run(scenario).events();
        Set<String> types = new HashSet<>();
        for (AmiMessage e : simulated) {
            Set<List<String>> variants = recordedVariants.get(e.eventName());
            assertThat(variants).as("%s: %s is an event type of the recordings", scenario, e.eventName()).isNotNull();
            assertThat(variants).as("%s: header names of %s", scenario, e.eventName()).contains(AmiEvents.names(e));
            types.add(e.eventName());
        }
        // The event types call-ingest reads are all there when the scenario has them.
        for (AmiMessage e : AmiEvents.recorded(scenario)) {
            if (Set.of("QueueCallerJoin", "AgentConnect", "AgentComplete", "QueueCallerAbandon", "DialBegin",
                    "BlindTransfer", "Hangup", "QueueMemberPause", "QueueMemberStatus").contains(e.eventName())) {
                assertThat(types).as("%s: simulated event types", scenario).contains(e.eventName());
            }
        }
    }

    @Test
    void timestampsAreVirtualTimeRightAfterPrivilege() {
        RecordedScenarios.Run run = RecordedScenarios.run("a_answered", true);
        double start = AmiEvents.recordingStart("a_answered");
        for (AmiMessage e : run.events()) {
            List<String> names = AmiEvents.names(e);
            assertThat(names.get(2)).as("%s", e.eventName()).isEqualTo("Timestamp");
            double at = Double.parseDouble(e.get("Timestamp"));
            assertThat(at).isBetween(start, start + 40);
            assertThat(e.get("Timestamp")).matches("\\d+\\.\\d{6}");
        }
        // The caller's Hangup is stamped at the recorded moment (17.0 s into the recording), not at receive time.
        AmiMessage callerHangup = run.events().stream()
                .filter(e -> "Hangup".equals(e.eventName()) && e.get("Channel").startsWith("PJSIP/trunk"))
                .findFirst().orElseThrow();
        assertThat(Double.parseDouble(callerHangup.get("Timestamp")) - start).isCloseTo(17.03, org.assertj.core.data.Offset.offset(0.05));
    }

    private static Map<String, List<String>> without(Map<String, List<String>> perChannel, Set<String> types) {
        Map<String, List<String>> result = new java.util.LinkedHashMap<>();
        perChannel.forEach((role, list) -> result.put(role, list.stream().filter(t -> !types.contains(t)).toList()));
        return result;
    }

    /** Every header-name list each event type has in the nine recordings. */
    static Map<String, Set<List<String>>> recordedHeaderNames() {
        Map<String, Set<List<String>>> variants = new HashMap<>();
        for (String scenario : AmiTranscript.SCENARIOS) {
            for (AmiMessage e : AmiEvents.recorded(scenario)) {
                variants.computeIfAbsent(e.eventName(), k -> new HashSet<>()).add(new ArrayList<>(AmiEvents.names(e)));
            }
        }
        // Asterisk 22 raises QueueMemberAdded/Removed with the same member fields as QueueMemberStatus (one
        // queue_member_blob_create in app_queue.c); the recordings have static members only, so never show them.
        variants.put("QueueMemberAdded", variants.get("QueueMemberStatus"));
        variants.put("QueueMemberRemoved", variants.get("QueueMemberStatus"));
        return variants;
    }
}
